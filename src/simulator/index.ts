/** The loopback Slack: a fake Web API server, signed requests into the app, and a Block Kit text renderer. */

export type { FailNextOptions, InjectedFailure } from './failures.js';
export { FakeSlack, type FakeSlackOptions, startFakeSlack } from './fake-slack.js';
export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';
export type { RateLimitOptions, Tier } from './rate-limiter.js';
export { type RenderOptions, renderBlocksAsText, tidyMrkdwn } from './render-text.js';
export {
  type ActionOptions,
  type ActionResult,
  type ActionSource,
  type AppResponse,
  type CommandOptions,
  type CommandResult,
  type EnteredValue,
  type EnteredValues,
  type EventOptions,
  type EventResult,
  type SendOptions,
  type SignatureMode,
  SlackRequestSender,
  type SlackRequestSenderOptions,
  type SubmitResult,
  signRequest,
} from './signed-requests.js';
export type * from './types.js';
