import type { FakeSlack, JsonObject, SlackView } from '../../src/simulator/index.js';
import { isJsonObject, type JsonValue, parseJson } from '../../src/simulator/json.js';
import { elementsOf, type FoundElement, optionsOf } from '../../src/simulator/payloads/find-element.js';
import {
  buildStateValues,
  type EnteredValues,
  elementState,
} from '../../src/simulator/payloads/view-state.js';

// Slack's request payloads, built the way the loopback Slack's sender builds them, but returned instead of sent, so
// the fuzzer can mutate them first. Each build mints a fresh trigger_id (valid 3 s, once) and response_url.

export const COMMAND = '/reverse-mentor';
const VERIFICATION_TOKEN = 'fake-verification-token';

/** Where an element sits: a message (in a conversation, or an ephemeral one) or a view (modal or Home tab). */
export type Container =
  | { kind: 'message'; channel: string; message: JsonObject; ephemeral: boolean }
  | { kind: 'view'; view: SlackView };

export type { FoundElement };

export function jsonCopy<T>(value: T): JsonObject {
  const parsed = parseJson(JSON.stringify(value));
  return isJsonObject(parsed) ? parsed : {};
}

export function blocksOf(container: Container): JsonObject[] {
  const blocks = container.kind === 'view' ? container.view.blocks : container.message.blocks;
  return Array.isArray(blocks) ? blocks.filter(isJsonObject) : [];
}

export function elementsIn(container: Container): FoundElement[] {
  return elementsOf(blocksOf(container));
}

export function team(fake: FakeSlack): JsonObject {
  return { id: fake.workspace.teamId, domain: fake.workspace.teamDomain };
}

export function userObject(fake: FakeSlack, userId: string): JsonObject {
  const name = fake.user(userId)?.name ?? userId.toLowerCase();
  return { id: userId, username: name, name, team_id: fake.workspace.teamId };
}

function channelName(fake: FakeSlack, channelId: string): string {
  const c = fake.conversation(channelId);
  if (!c || c.is_im) return 'directmessage';
  return c.name ?? channelId;
}

function actionTs(): string {
  const now = Date.now();
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000).padStart(6, '0')}`;
}

/**
 * The `actions[0]` Slack sends when `element` is used: a button's value, or the chosen option / user / channel of a
 * select. `choice` is what the person picked (an option value, a user id, a channel id, a list of option values).
 */
export function actionFor(found: FoundElement, choice: string | readonly string[] | null): JsonObject {
  const type = String(found.element.type);
  const base: JsonObject = { action_id: found.actionId, block_id: found.blockId, action_ts: actionTs() };
  if (type === 'button') {
    const action: JsonObject = { ...base, type: 'button', text: found.element.text ?? null };
    if (found.element.value !== undefined) action.value = found.element.value;
    if (found.element.style !== undefined) action.style = found.element.style;
    return action;
  }
  if (type === 'overflow') {
    const option = optionsOf(found.element).find((o) => o.value === choice) ?? optionsOf(found.element)[0];
    return { ...base, type, selected_option: option ?? null };
  }
  return { ...elementState(found, choice), ...base };
}

/** What a person can pick in an element: its options, or for user/channel pickers the ids given. */
export function choicesFor(
  found: FoundElement,
  world: { users: readonly string[]; channels: readonly string[] },
): (string | readonly string[] | null)[] {
  const type = String(found.element.type);
  const options = optionsOf(found.element)
    .map((o) => o.value)
    .filter((v): v is string => typeof v === 'string');
  if (type === 'button') return [null];
  if (type.startsWith('multi_') && type.includes('users')) return [world.users.slice(0, 2)];
  if (type.includes('users')) return [...world.users];
  if (type.includes('conversations') || type.includes('channels')) {
    return type.startsWith('multi_') ? [world.channels.slice(0, 1)] : [...world.channels];
  }
  if (type === 'checkboxes' || type.startsWith('multi_')) return [options.slice(0, 1), options];
  return options.length > 0 ? options : [null];
}

export interface BuildContext {
  fake: FakeSlack;
}

/** A block_actions payload for `actor` using `found` in `container`, with a fresh trigger_id and response_url. */
export function blockActionsPayload(
  ctx: BuildContext,
  actor: string,
  container: Container,
  action: JsonObject,
  entered: EnteredValues = {},
): JsonObject {
  const { fake } = ctx;
  const payload: JsonObject = {
    type: 'block_actions',
    user: userObject(fake, actor),
    api_app_id: fake.workspace.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: fake.mintTriggerId(actor),
    team: team(fake),
    enterprise: null,
    is_enterprise_install: false,
  };
  const values = safeState(blocksOf(container), entered);
  if (container.kind === 'message') {
    const ts = String(container.message.ts ?? '');
    payload.container = {
      type: 'message',
      message_ts: ts,
      channel_id: container.channel,
      is_ephemeral: container.ephemeral,
    };
    payload.channel = { id: container.channel, name: channelName(fake, container.channel) };
    if (!container.ephemeral) payload.message = jsonCopy(container.message);
    payload.state = { values };
    payload.response_url = fake.mintResponseUrl({
      userId: actor,
      channelId: container.channel,
      messageTs: container.ephemeral ? undefined : ts,
      source: 'block_actions',
    });
  } else {
    payload.container = { type: 'view', view_id: container.view.id };
    payload.view = { ...jsonCopy(container.view), state: { values } };
    payload.state = { values };
  }
  payload.actions = [action];
  return payload;
}

function safeState(blocks: readonly JsonObject[], entered: EnteredValues): JsonObject {
  try {
    return buildStateValues(blocks, entered);
  } catch {
    return buildStateValues(blocks, {});
  }
}

/** A view_submission of `view` by `actor` with these `values` (already in Slack's state.values shape). */
export function viewSubmissionPayload(
  ctx: BuildContext,
  actor: string,
  view: SlackView,
  values: JsonObject,
): JsonObject {
  const { fake } = ctx;
  return {
    type: 'view_submission',
    team: team(fake),
    user: userObject(fake, actor),
    api_app_id: fake.workspace.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: fake.mintTriggerId(actor),
    view: { ...jsonCopy(view), state: { values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** The form fields of `/reverse-mentor <text>` typed by `actor` in their DM with the bot. */
export function commandFields(ctx: BuildContext, actor: string, text: string): Record<string, string> {
  const { fake } = ctx;
  // Someone Slack doesn't know has no DM with the bot (only a forged payload names them).
  const channelId = fake.user(actor) ? fake.ensureDm(actor) : 'D0NOBODY00';
  return {
    token: VERIFICATION_TOKEN,
    team_id: fake.workspace.teamId,
    team_domain: fake.workspace.teamDomain,
    channel_id: channelId,
    channel_name: 'directmessage',
    user_id: actor,
    user_name: fake.user(actor)?.name ?? actor,
    command: COMMAND,
    text,
    api_app_id: fake.workspace.appId,
    is_enterprise_install: 'false',
    response_url: fake.mintResponseUrl({ userId: actor, channelId, source: 'command' }),
    trigger_id: fake.mintTriggerId(actor),
  };
}

let eventCounter = 0;

/** An Events API body around `event` (`app_home_opened` and friends). */
export function eventBody(ctx: BuildContext, event: JsonObject): JsonObject {
  const { fake } = ctx;
  eventCounter++;
  const eventId = `EvFUZZ${String(eventCounter).padStart(8, '0')}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const nowMs = Date.now();
  return {
    token: VERIFICATION_TOKEN,
    team_id: fake.workspace.teamId,
    api_app_id: fake.workspace.appId,
    event: { event_ts: `${Math.floor(nowMs / 1000)}.000100`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(nowMs / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: fake.workspace.teamId,
        user_id: fake.workspace.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

/** `app_home_opened` for `userId`, carrying their current Home view when there is one. */
export function homeOpenedEvent(fake: FakeSlack, userId: string, tab = 'home'): JsonObject {
  const event: JsonObject = { type: 'app_home_opened', user: userId, channel: fake.ensureDm(userId), tab };
  const home = fake.homeViewOf(userId);
  if (home) event.view = jsonCopy(home);
  return event;
}

export type { JsonValue };
