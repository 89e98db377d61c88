// What the soak's driver and its child processes say to each other over Node's IPC channel. Types only, so
// both sides (the driver under vitest or node, the children compiled by test/soak/tsconfig.json) share them.

import type {
  ActionSource,
  EnteredValues,
  FakeChannelInput,
  FakeUserInput,
  InjectedFailure,
} from '../../src/simulator/index.js';

// ── The clock preload (bot and tick processes) ─────────────────────────────────────────────────────────────

/** Driver → process: from now on `Date` reads `worldMs` (and runs on in real time from there). */
export interface ClockMessage {
  type: 'soak-clock';
  seq: number;
  worldMs: number;
}

/** Process → driver: the clock was set. */
export interface ClockAck {
  type: 'soak-clock-ok';
  seq: number;
}

/** Driver → a warmed-up process waiting at the start line: run with these arguments, at this time. */
export interface GoMessage {
  type: 'soak-go';
  args: string[];
  worldMs: number;
}

/** Warmed-up process → driver: its modules are loaded and it waits for `soak-go`. */
export interface ReadyMessage {
  type: 'soak-ready';
}

// ── The loopback Slack process ─────────────────────────────────────────────────────────────────────────────

/** Which bot process a signed request goes to. */
export interface AppTarget {
  url: string;
  signingSecret: string;
}

/** What to wait for after a request was answered, polling the fake's record. */
export type Wait =
  | { kind: 'none' }
  /** A successful call to `method` after the request (matching the request's trigger_id, user or view if given). */
  | { kind: 'call'; method: string; trigger?: boolean; user?: string; viewId?: string; timeoutMs?: number }
  /** A post to the request's response_url. */
  | { kind: 'response'; timeoutMs?: number };

export interface Interaction {
  /** HTTP status the app answered (0: the request failed, see `error`). */
  status: number;
  /** Time to the app's answer (Slack wants an ack within 3 s). */
  elapsedMs: number;
  /** Whether the awaited follow-up happened in time. */
  waited: boolean;
  error?: string;
  /** Texts posted to the response_url (commands and message actions). */
  replies: string[];
  /** For a view submission: what the answer did to the modal stack. */
  outcome?: string;
  errors?: unknown;
}

/** Which calls an injected failure applies to (all given conditions must hold). */
export interface FailureMatch {
  textIncludes?: string;
  /** Only the n-th call that meets the other conditions (1-based). */
  nth?: number;
}

export interface FailureSpec {
  method: string;
  failure: InjectedFailure;
  times?: number;
  match?: FailureMatch;
}

/** One message the fake accepted from `chat.postMessage`. */
export interface PostRecord {
  /** Index in the fake's call record. */
  index: number;
  /** The fake's (world) clock when it was posted, ms. */
  at: number;
  channel: string;
  kind: 'im' | 'mpim' | 'channel';
  /** People in the conversation (the bot left out). */
  members: string[];
  text: string;
  /** `value` of every button in the blocks. */
  values: string[];
}

export interface CallSummary {
  /** `method status` → count, over every call so far. */
  counts: Record<string, number>;
  /** Index of the next call to be recorded. */
  next: number;
}

export interface StartInput {
  token: string;
  users: FakeUserInput[];
  channels: FakeChannelInput[];
}

/** Everything the driver can ask the loopback Slack process to do. */
export interface FakeControl {
  start(input: StartInput): { apiUrl: string };
  setClock(worldMs: number): null;
  command(app: AppTarget, user: string, text: string, wait: Wait): Promise<Interaction>;
  openHome(app: AppTarget, user: string, wait: Wait): Promise<Interaction>;
  clickButton(
    app: AppTarget,
    user: string,
    source: ActionSource,
    actionId: string,
    wait: Wait,
  ): Promise<Interaction>;
  /** Submits the last modal opened for the user (or the view with this id). */
  submitView(
    app: AppTarget,
    user: string,
    viewId: string | null,
    values: EnteredValues,
    wait: Wait,
  ): Promise<Interaction>;
  lastViewOpenedFor(user: string): { id: string; title: string } | null;
  failNext(spec: FailureSpec): null;
  clearFailures(): null;
  deactivate(user: string): null;
  posts(fromIndex: number): PostRecord[];
  /** Calls to `method` from `fromIndex` on that the fake left unanswered (hung or dropped). */
  unanswered(method: string, fromIndex: number): number;
  summary(): CallSummary;
}

export type FakeOp = keyof FakeControl;

export interface RpcRequest {
  type: 'soak-rpc';
  id: number;
  op: FakeOp;
  args: unknown[];
}

export interface RpcResponse {
  type: 'soak-rpc-result';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}
