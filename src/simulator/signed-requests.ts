import { randomBytes, randomUUID } from 'node:crypto';
import type { FakeSlack } from './fake-slack.js';
import { formatTs } from './ids.js';
import { isJsonObject, type JsonObject, type JsonValue, parseJson } from './json.js';
import { optionByValue } from './payloads/find-element.js';
import { type ActionSource, elementIn, type Located, locate } from './payloads/locate.js';
import { type SignatureMode, signatureHeaders } from './payloads/signing.js';
import {
  buildStateValues,
  type EnteredValue,
  type EnteredValues,
  elementState,
} from './payloads/view-state.js';
import type { DeliverOptions } from './socket-mode.js';
import type { SlackMessage, SlackView, ViewSubmissionOutcome } from './types.js';

export type { ActionSource } from './payloads/locate.js';
export { type SignatureMode, signRequest } from './payloads/signing.js';
export type { EnteredValue, EnteredValues } from './payloads/view-state.js';

interface SenderCommonOptions {
  fake: FakeSlack;
  /** Defaults to the fake's workspace. */
  teamId?: string;
  apiAppId?: string;
  /** Clock for request timestamps (ms). Bolt checks them against its own Date.now, so keep it real. */
  now?: () => number;
  /** The deprecated verification token Slack still puts in payloads. */
  verificationToken?: string;
  /** Slash command name; default '/reverse-mentor'. */
  command?: string;
}

/** Signed HTTP POSTs to the app's Request URL (the default). */
export interface HttpSenderOptions extends SenderCommonOptions {
  transport?: 'http';
  /** The app's Bolt endpoint, e.g. http://127.0.0.1:3000/slack/events */
  appUrl: string;
  signingSecret: string;
}

/**
 * Envelopes over the app's Socket Mode connection to the fake (`fake.socketMode`): the same payloads, no signature,
 * and the ack's payload as the answer.
 */
export interface SocketSenderOptions extends SenderCommonOptions {
  transport: 'socket';
  /** How long to wait for each ack; default the fake's `socketMode.ackTimeoutMs`. */
  ackTimeoutMs?: number;
}

export type SlackRequestSenderOptions = HttpSenderOptions | SocketSenderOptions;

/** How the sender reaches the app. */
export type SenderTransport = 'http' | 'socket';

export interface SendOptions {
  /** HTTP transport only: Socket Mode has no request signatures, so anything but 'valid' throws there. */
  signature?: SignatureMode;
}

/**
 * The app's answer. HTTP: the status, and `body` parsed as JSON when it is JSON, the raw text otherwise, null when
 * empty. Socket Mode: status 200 once the app acked (the call throws when it does not), `body` the ack's payload —
 * null when it is empty, as Bolt's bare `ack()` sends `{}` — and the envelope's id.
 */
export interface AppResponse {
  status: number;
  body: JsonValue | string | null;
  envelopeId?: string;
  /**
   * How long the app took to answer, in ms: over HTTP from sending the request to reading the whole response (the
   * ack, not the work a listener does after it); over Socket Mode from the envelope to its ack.
   */
  elapsedMs?: number;
}

export interface CommandOptions extends SendOptions {
  command?: string;
  /** Where the command was typed; default the user's DM with the bot. */
  channelId?: string;
}

export interface CommandResult extends AppResponse {
  responseUrl: string;
  responseUrlId: string;
  triggerId: string;
}

export interface ActionOptions extends SendOptions {
  /** What the user has entered in the view/message's stateful elements (reported in `state.values`). */
  values?: EnteredValues;
}

export interface ActionResult extends AppResponse {
  payload: JsonObject;
  triggerId: string;
  /** Set for actions on messages (Slack gives no response_url for Home tab and modal actions). */
  responseUrl?: string;
}

export interface SubmitResult extends AppResponse {
  payload: JsonObject;
  /** What the app's answer did to the modal stack (undefined when the app did not answer 200). */
  outcome?: ViewSubmissionOutcome;
}

export interface EventOptions extends SendOptions {
  /** Reuse an event_id to simulate Slack's redelivery of the same event. */
  eventId?: string;
  /**
   * Adds `x-slack-retry-num` (and `x-slack-retry-reason`, default 'http_timeout'), as Slack's retries carry; over
   * Socket Mode the envelope's `retry_attempt`/`retry_reason` instead (0 and '' on a first delivery).
   */
  retryNum?: number;
  retryReason?: string;
}

export interface EventResult extends AppResponse {
  eventId: string;
  payload: JsonObject;
}

/** What Slack sends, before it is put on a transport. */
type Outgoing =
  | { type: 'slash_commands'; fields: Record<string, string> }
  /** HTTP only: form fields sent as they are (a raw interactivity `payload`). */
  | { type: 'raw_form'; fields: Record<string, string> }
  | { type: 'interactive'; payload: JsonObject }
  | { type: 'events_api'; payload: JsonObject; retryNum?: number; retryReason?: string };

/**
 * Sends Slack's requests (slash commands, interactivity payloads, Events API envelopes) into the real app, building
 * them from what the fake Slack holds, so a test clicks the buttons and fills the modals the app really produced.
 * They go as correctly signed HTTP requests (default) or, with `transport: 'socket'`, as Socket Mode envelopes.
 */
export class SlackRequestSender {
  private readonly fake: FakeSlack;
  private readonly now: () => number;
  private readonly teamId: string;
  private readonly apiAppId: string;
  private readonly token: string;

  /** 'http' or 'socket'. */
  readonly transport: SenderTransport;

  constructor(private readonly options: SlackRequestSenderOptions) {
    this.transport = options.transport ?? 'http';
    this.fake = options.fake;
    this.now = options.now ?? Date.now;
    this.teamId = options.teamId ?? options.fake.workspace.teamId;
    this.apiAppId = options.apiAppId ?? options.fake.workspace.appId;
    this.token = options.verificationToken ?? 'fake-verification-token';
  }

  /** A slash command, form-encoded with every field Slack sends. */
  async command(userId: string, text: string, opts: CommandOptions = {}): Promise<CommandResult> {
    const user = this.person(userId);
    const channelId = opts.channelId ?? this.fake.ensureDm(userId);
    const responseUrl = this.fake.mintResponseUrl({ userId, channelId, source: 'command' });
    const triggerId = this.fake.mintTriggerId(userId);
    const fields: Record<string, string> = {
      token: this.token,
      team_id: this.teamId,
      team_domain: this.fake.workspace.teamDomain,
      channel_id: channelId,
      channel_name: this.channelName(channelId),
      user_id: userId,
      user_name: user.name,
      command: opts.command ?? this.options.command ?? '/reverse-mentor',
      text,
      api_app_id: this.apiAppId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const response = await this.send({ type: 'slash_commands', fields }, opts);
    return { ...response, responseUrl, responseUrlId: responseUrl.split('/').pop() ?? '', triggerId };
  }

  /**
   * Submits a modal the user has open, with `values` keyed by block_id (see EnteredValues), and applies the app's
   * answer (close, errors, update, push, clear) to the fake's modal stack.
   */
  async submitView(
    userId: string,
    view: SlackView | string,
    values: EnteredValues = {},
    opts: SendOptions & {
      /**
       * Submit a view this user does not have open (a replayed or hand-made payload), to test that the app
       * checks who is asking rather than trusting the view. The fake's modal stacks are left alone.
       */
      forged?: boolean;
    } = {},
  ): Promise<SubmitResult> {
    const viewId = typeof view === 'string' ? view : view.id;
    const current = opts.forged ? this.anyView(viewId) : this.openModal(userId, viewId);
    const payload: JsonObject = {
      type: 'view_submission',
      team: this.team(),
      user: this.userObject(userId),
      api_app_id: this.apiAppId,
      token: this.token,
      trigger_id: this.fake.mintTriggerId(userId),
      view: { ...toJsonObject(current), state: { values: buildStateValues(current.blocks, values) } },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    const response = await this.sendPayload(payload, opts);
    const result: SubmitResult = { ...response, payload };
    if (response.status === 200 && !opts.forged) {
      result.outcome = this.fake.applyViewSubmissionResponse(userId, current.id, response.body ?? undefined);
    }
    return result;
  }

  private anyView(viewId: string): SlackView {
    const view = this.fake.view(viewId);
    if (!view) throw new Error(`the fake has no view ${viewId}`);
    return view;
  }

  /**
   * The user closes a modal with its close button. The fake closes it; the app hears `view_closed` only when the view
   * asked for it (`notify_on_close`), as on Slack — otherwise this resolves to undefined.
   */
  async closeView(
    userId: string,
    view: SlackView | string,
    opts: SendOptions = {},
  ): Promise<AppResponse | undefined> {
    const current = this.openModal(userId, typeof view === 'string' ? view : view.id);
    this.fake.closeView(userId, current.id);
    if (!current.notify_on_close) return undefined;
    return this.sendPayload(
      {
        type: 'view_closed',
        team: this.team(),
        user: this.userObject(userId),
        api_app_id: this.apiAppId,
        token: this.token,
        view: toJsonObject(current),
        is_cleared: false,
        is_enterprise_install: false,
        enterprise: null,
      },
      opts,
    );
  }

  /** Clicks the button with this action_id (see ActionSource for where it is looked up). */
  async clickButton(
    userId: string,
    where: ActionSource,
    actionId: string,
    opts: ActionOptions = {},
  ): Promise<ActionResult> {
    const located = locate(this.fake, userId, where, actionId);
    const found = elementIn(located, actionId);
    if (found.element.type !== 'button') {
      throw new Error(`${actionId} is a ${String(found.element.type)}, not a button: use selectOption`);
    }
    const action: JsonObject = {
      action_id: found.actionId,
      block_id: found.blockId,
      text: found.element.text ?? null,
      type: 'button',
      action_ts: this.actionTs(),
    };
    if (found.element.value !== undefined) action.value = found.element.value;
    if (found.element.style !== undefined) action.style = found.element.style;
    return this.blockActions(userId, located, action, opts.values ?? {}, opts);
  }

  /**
   * Picks a value in a select (static/users/conversations/channels, multi too), radio buttons, checkboxes or an
   * overflow menu, sending the block_actions payload Slack sends for that element type.
   */
  async selectOption(
    userId: string,
    where: ActionSource,
    actionId: string,
    value: EnteredValue,
    opts: ActionOptions = {},
  ): Promise<ActionResult> {
    const located = locate(this.fake, userId, where, actionId);
    const found = elementIn(located, actionId);
    let selection: JsonObject;
    if (found.element.type === 'overflow') {
      const option = typeof value === 'string' ? optionByValue(found.element, value) : undefined;
      if (!option) throw new Error(`overflow ${actionId} offers no option ${JSON.stringify(value)}`);
      selection = { type: 'overflow', selected_option: option };
    } else {
      selection = elementState(found, value);
    }
    const action: JsonObject = {
      ...selection,
      action_id: found.actionId,
      block_id: found.blockId,
      action_ts: this.actionTs(),
    };
    if (found.element.placeholder !== undefined) action.placeholder = found.element.placeholder;
    const entered: Record<string, EnteredValue | Readonly<Record<string, EnteredValue>>> = { ...opts.values };
    if (found.element.type !== 'overflow' && entered[found.blockId] === undefined) {
      entered[found.blockId] = { [found.actionId]: value };
    }
    return this.blockActions(userId, located, action, entered, opts);
  }

  /** An Events API `event_callback` envelope around `event`. */
  async event(event: JsonObject, opts: EventOptions = {}): Promise<EventResult> {
    const eventId = opts.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
    const nowMs = this.now();
    const payload: JsonObject = {
      token: this.token,
      team_id: this.teamId,
      api_app_id: this.apiAppId,
      event: { event_ts: formatTs(nowMs * 1000), ...event },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(nowMs / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.fake.workspace.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(eventId).toString('base64url')}`,
    };
    const response = await this.send(
      { type: 'events_api', payload, retryNum: opts.retryNum, retryReason: opts.retryReason },
      opts,
    );
    return { ...response, eventId, payload };
  }

  /** The user opens the app's Home tab (`app_home_opened`, with the current home view when there is one). */
  openHome(userId: string, opts: EventOptions = {}): Promise<EventResult> {
    this.person(userId);
    const event: JsonObject = {
      type: 'app_home_opened',
      user: userId,
      channel: this.fake.ensureDm(userId),
      tab: 'home',
    };
    const home = this.fake.homeViewOf(userId);
    if (home) event.view = toJsonObject(home);
    return this.event(event, opts);
  }

  /** The user writes to the bot in their DM: the message lands in the fake and the app gets the `message` event. */
  sendDirectMessage(userId: string, text: string, opts: EventOptions = {}): Promise<EventResult> {
    this.person(userId);
    const message = this.fake.postUserMessage(userId, userId, text);
    return this.event(
      {
        type: 'message',
        channel: this.fake.ensureDm(userId),
        user: userId,
        text,
        ts: message.ts,
        event_ts: message.ts,
        channel_type: 'im',
        client_msg_id: randomUUID(),
        team: this.teamId,
      },
      opts,
    );
  }

  // ── Raw requests (for tests that forge or mutate what Slack would send) ─────────────────────────────────────

  /**
   * Any interactivity payload exactly as given (block_actions, view_submission, …), signed like every other request:
   * nothing is looked up in the fake, filled in or applied to its modal stacks. A string is sent as the raw `payload`
   * form field, so it need not be JSON.
   */
  sendInteractive(payload: JsonObject | string, opts: SendOptions = {}): Promise<AppResponse> {
    if (typeof payload === 'string') {
      if (this.options.transport === 'socket') {
        throw new Error('a raw (non-JSON) payload only applies to HTTP: Socket Mode envelopes carry JSON');
      }
      return this.post(this.options, { type: 'raw_form', fields: { payload } }, opts, true);
    }
    return this.send({ type: 'interactive', payload }, opts, true);
  }

  /** A slash command with exactly these form fields (none added), signed like `command`. */
  sendCommandFields(fields: Readonly<Record<string, string>>, opts: SendOptions = {}): Promise<AppResponse> {
    return this.send({ type: 'slash_commands', fields: { ...fields } }, opts, true);
  }

  /** An Events API body exactly as given (no envelope fields added), signed like `event`. */
  sendEventBody(payload: JsonObject, opts: EventOptions = {}): Promise<AppResponse> {
    return this.send(
      { type: 'events_api', payload, retryNum: opts.retryNum, retryReason: opts.retryReason },
      opts,
      true,
    );
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────────────────

  private async blockActions(
    userId: string,
    located: Located,
    action: JsonObject,
    entered: EnteredValues,
    opts: SendOptions,
  ): Promise<ActionResult> {
    const triggerId = this.fake.mintTriggerId(userId);
    const payload: JsonObject = {
      type: 'block_actions',
      user: this.userObject(userId),
      api_app_id: this.apiAppId,
      token: this.token,
      trigger_id: triggerId,
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
    };
    let responseUrl: string | undefined;
    const values = buildStateValues(located.blocks, entered);
    if (located.kind === 'message') {
      payload.container = {
        type: 'message',
        message_ts: located.message.ts,
        channel_id: located.channel,
        is_ephemeral: located.ephemeral,
      };
      payload.channel = { id: located.channel, name: this.channelName(located.channel) };
      // Slack sends the message itself only for non-ephemeral messages.
      if (!located.ephemeral) payload.message = toJsonObject(located.message);
      payload.state = { values };
      responseUrl = this.fake.mintResponseUrl({
        userId,
        channelId: located.channel,
        messageTs: located.ephemeral ? undefined : located.message.ts,
        source: 'block_actions',
      });
      payload.response_url = responseUrl;
    } else {
      payload.container = { type: 'view', view_id: located.view.id };
      payload.view = { ...toJsonObject(located.view), state: { values } };
      payload.state = { values };
    }
    payload.actions = [action];
    const response = await this.sendPayload(payload, opts);
    const result: ActionResult = { ...response, payload, triggerId };
    if (responseUrl !== undefined) result.responseUrl = responseUrl;
    return result;
  }

  private openModal(userId: string, viewId: string): SlackView {
    const view = this.fake.openViews(userId).find((v) => v.id === viewId);
    if (!view) throw new Error(`view ${viewId} is not open for ${userId}`);
    return view;
  }

  private person(userId: string): { name: string } {
    const user = this.fake.user(userId);
    if (!user) throw new Error(`the fake has no user ${userId}`);
    return user;
  }

  private userObject(userId: string): JsonObject {
    const user = this.person(userId);
    return { id: userId, username: user.name, name: user.name, team_id: this.teamId };
  }

  private team(): JsonObject {
    return { id: this.teamId, domain: this.fake.workspace.teamDomain };
  }

  /** Slack names DMs "directmessage" in command and action payloads. */
  private channelName(channelId: string): string {
    const c = this.fake.conversation(channelId);
    if (!c || c.is_im) return 'directmessage';
    return c.name ?? channelId;
  }

  private actionTs(): string {
    return formatTs(this.now() * 1000);
  }

  private sendPayload(payload: JsonObject, opts: SendOptions): Promise<AppResponse> {
    return this.send({ type: 'interactive', payload }, opts);
  }

  /**
   * `ownConnection`: over HTTP, a connection of its own (closed after the answer), so a forged request the app
   * refuses half-read (an oversized body gets 413 before it is all sent) can't leave a pooled connection behind
   * for the next request to fail on.
   */
  private send(outgoing: Outgoing, opts: SendOptions, ownConnection = false): Promise<AppResponse> {
    return this.options.transport === 'socket'
      ? this.sendEnvelope(this.options, outgoing, opts)
      : this.post(this.options, outgoing, opts, ownConnection);
  }

  /** Slash commands and interactivity as forms, events as JSON, as Slack posts them. */
  private async post(
    options: HttpSenderOptions,
    outgoing: Outgoing,
    opts: SendOptions,
    ownConnection = false,
  ): Promise<AppResponse> {
    const extraHeaders: Record<string, string> = {};
    let body: string;
    let contentType = 'application/x-www-form-urlencoded';
    if (outgoing.type === 'slash_commands' || outgoing.type === 'raw_form') {
      body = new URLSearchParams(outgoing.fields).toString();
    } else if (outgoing.type === 'interactive') {
      body = new URLSearchParams({ payload: JSON.stringify(outgoing.payload) }).toString();
    } else {
      body = JSON.stringify(outgoing.payload);
      contentType = 'application/json';
      if (outgoing.retryNum !== undefined) {
        extraHeaders['x-slack-retry-num'] = String(outgoing.retryNum);
        extraHeaders['x-slack-retry-reason'] = outgoing.retryReason ?? 'http_timeout';
      }
    }
    // Exactly this content type: Bolt only form-decodes an exact `application/x-www-form-urlencoded`.
    const headers = {
      'content-type': contentType,
      ...signatureHeaders(options.signingSecret, body, Math.floor(this.now() / 1000), opts.signature),
      ...extraHeaders,
      ...(ownConnection ? { connection: 'close' } : {}),
    };
    const started = performance.now();
    const response = await fetch(options.appUrl, { method: 'POST', headers, body });
    const text = await response.text();
    const elapsedMs = performance.now() - started;
    const parsed = text === '' ? null : (parseJson(text) ?? text);
    return { status: response.status, body: parsed, elapsedMs };
  }

  /** Socket Mode: the same payload in an envelope; the ack's payload is the answer. */
  private async sendEnvelope(
    options: SocketSenderOptions,
    outgoing: Outgoing,
    opts: SendOptions,
  ): Promise<AppResponse> {
    if (opts.signature !== undefined && opts.signature !== 'valid') {
      throw new Error(
        `signature '${opts.signature}' only applies to HTTP: Socket Mode requests are not signed`,
      );
    }
    if (outgoing.type === 'raw_form') throw new Error('raw form fields only apply to HTTP');
    const payload: JsonObject =
      outgoing.type === 'slash_commands' ? { ...outgoing.fields } : outgoing.payload;
    const deliver: DeliverOptions = {};
    if (options.ackTimeoutMs !== undefined) deliver.ackTimeoutMs = options.ackTimeoutMs;
    if (outgoing.type === 'events_api' && outgoing.retryNum !== undefined) {
      deliver.retryAttempt = outgoing.retryNum;
      deliver.retryReason = outgoing.retryReason ?? 'http_timeout';
    }
    const ack = await this.fake.socketMode.deliverEnvelope(outgoing.type, payload, deliver);
    const empty =
      ack.payload === undefined || (isJsonObject(ack.payload) && Object.keys(ack.payload).length === 0);
    return {
      status: 200,
      body: empty ? null : (ack.payload ?? null),
      envelopeId: ack.envelopeId,
      elapsedMs: ack.elapsedMs,
    };
  }
}

function toJsonObject(value: SlackView | SlackMessage): JsonObject {
  const json = parseJson(JSON.stringify(value));
  return isJsonObject(json) ? json : {};
}
