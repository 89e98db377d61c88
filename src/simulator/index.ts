/** The loopback Slack: a fake Web API server with Socket Mode, signed requests or envelopes into the app, and a Block Kit
 * text renderer. */

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
  type HttpSenderOptions,
  type SenderTransport,
  type SendOptions,
  type SignatureMode,
  SlackRequestSender,
  type SlackRequestSenderOptions,
  type SocketSenderOptions,
  type SubmitResult,
  signRequest,
} from './signed-requests.js';
export type {
  DeliveredEnvelope,
  DeliverOptions,
  DisconnectReason,
  EnvelopeType,
  SocketConnectionInfo,
  SocketModeAck,
  SocketModeOptions,
  SocketModeServer,
} from './socket-mode.js';
export type * from './types.js';
