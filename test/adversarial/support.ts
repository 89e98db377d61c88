// The adversarial tests share the privacy helpers of test/support/privacy.ts.
export { optIn } from '../support/fixtures.js';
export * from '../support/privacy.js';
