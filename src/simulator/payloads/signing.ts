import { createHmac } from 'node:crypto';

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret (Slack's request signing). */
export function signRequest(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * How to sign a request sent into the app. `missing` drops the signature header, `wrong` signs with another
 * secret, `stale` signs correctly but with a timestamp six minutes old (Bolt refuses anything over five).
 */
export type SignatureMode = 'valid' | 'missing' | 'wrong' | 'stale';

export const STALE_AGE_SECONDS = 6 * 60;

export function signatureHeaders(
  signingSecret: string,
  body: string,
  nowSeconds: number,
  mode: SignatureMode = 'valid',
): Record<string, string> {
  const timestamp = mode === 'stale' ? nowSeconds - STALE_AGE_SECONDS : nowSeconds;
  const headers: Record<string, string> = { 'x-slack-request-timestamp': String(timestamp) };
  if (mode === 'missing') return headers;
  const secret = mode === 'wrong' ? `${signingSecret}-but-wrong` : signingSecret;
  headers['x-slack-signature'] = signRequest(secret, timestamp, body);
  return headers;
}
