import { dedupeKey } from '../../src/domain/outbox.js';
import type { FakeSlack, JsonObject, JsonValue } from '../../src/simulator/index.js';
import { optionsOf } from '../../src/simulator/payloads/find-element.js';
import type { DatabaseWatch } from './database.js';
import type { Door, DoorSpec } from './doors.js';
import { get, isObject } from './json-path.js';

// What a request must not do, judged from the final (mutated) payload and the world as it was before the request:
// reasons the app must refuse it (leaving the database exactly as it was). No reason means the request is one a
// real person could make, so the use case may change the database.

/** A Slack user id as Slack writes them. */
export const USER_ID = /^[UW][A-Z0-9]{2,}$/;
/** What the app accepts as an id at the start of a button value (`12` or `12:3`). */
const ID_VALUE = /^\d{1,15}(:|$)/;

export interface JudgeContext {
  db: DatabaseWatch;
  fake: FakeSlack;
  /** Owners from PROGRAM_OWNERS (the database holds the ones added from the Home tab). */
  envOwners: readonly string[];
}

export function actorOf(door: Door, payload: unknown): unknown {
  if (door.kind === 'command') return get(payload, ['user_id']);
  if (door.kind === 'event') return get(payload, ['event', 'user']);
  return get(payload, ['user', 'id']);
}

/** A known person the app can answer: a Slack user id the loopback Slack knows. */
export function usableActor(fake: FakeSlack, actor: unknown): actor is string {
  return typeof actor === 'string' && USER_ID.test(actor) && fake.user(actor) !== undefined;
}

function buttonValue(payload: unknown): unknown {
  const action = get(payload, ['actions', 0]);
  if (!isObject(action)) return undefined;
  if (action.value !== undefined) return action.value;
  const option = action.selected_option;
  if (isObject(option) && option.value !== undefined) return option.value;
  return action.selected_user;
}

function metadataCohort(payload: unknown): { ok: true; id: unknown } | { ok: false } {
  const raw = get(payload, ['view', 'private_metadata']);
  if (typeof raw !== 'string') return { ok: false };
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) && Object.hasOwn(parsed, 'cohortId')
      ? { ok: true, id: parsed.cohortId }
      : { ok: false };
  } catch {
    return { ok: false };
  }
}

export function ownersNow(jc: JudgeContext): Set<string> {
  const added = jc.db.query<{ user_id: string }>('SELECT user_id FROM owners').map((r) => r.user_id);
  return new Set([...jc.envOwners, ...added]);
}

interface PairRow {
  id: number;
  cohort_id: number;
  mentor_id: string;
  mentee_id: string;
  state: string;
}

/** Why the app must refuse this request given who may use the door and what its value names; [] when it may act. */
export function judgeAccess(door: Door, spec: DoorSpec, payload: unknown, jc: JudgeContext): string[] {
  if (door.kind === 'event') return [];
  const actor = actorOf(door, payload);
  if (typeof actor !== 'string' || !USER_ID.test(actor)) return ['the payload names no Slack user'];
  const reasons: string[] = [];
  const isOwner = ownersNow(jc).has(actor);
  let cohortId: number | null = null;
  let pair: PairRow | null = null;
  let cycle: number | null = null;

  if (spec.ref !== 'none' && spec.ref !== 'user') {
    let raw: unknown;
    if (door.kind === 'view') {
      const meta = metadataCohort(payload);
      if (!meta.ok) return ['private_metadata is not the one the app wrote'];
      raw = typeof meta.id === 'number' ? String(meta.id) : meta.id;
    } else raw = buttonValue(payload);
    if (typeof raw !== 'string' || !ID_VALUE.test(raw)) return ['the value names no id'];
    const [head, tail] = raw.split(':');
    const id = Number(head);
    if (spec.ref === 'cohort' || spec.ref === 'cohort-page') {
      if (jc.db.query('SELECT 1 FROM cohorts WHERE id = ?', id).length === 0) return [`no cohort ${id}`];
      cohortId = id;
    } else {
      pair =
        jc.db.query<PairRow>(
          'SELECT id, cohort_id, mentor_id, mentee_id, state FROM pairs WHERE id = ?',
          id,
        )[0] ?? null;
      if (!pair) return [`no pair ${id}`];
      if (spec.ref === 'pair-cycle') {
        cycle = Number(tail);
        if (!Number.isSafeInteger(cycle) || cycle < 1) return [`no check-in "${String(tail)}"`];
      }
    }
  }
  if (spec.ref === 'user' && door.kind === 'action') {
    const named = buttonValue(payload);
    if (typeof named !== 'string' || !USER_ID.test(named) || !jc.fake.user(named)) {
      reasons.push('the value names nobody Slack knows');
    }
  }

  switch (spec.audience) {
    case 'owner':
      if (!isOwner) reasons.push(`${actor} is not an owner`);
      else if (pair && (pair.mentor_id === actor || pair.mentee_id === actor)) {
        reasons.push(`${actor} is in pair ${pair.id} themselves`);
      }
      break;
    case 'member': {
      if (!pair) break;
      if (pair.mentor_id !== actor && pair.mentee_id !== actor) {
        reasons.push(`${actor} is not in pair ${pair.id}`);
        break;
      }
      if (cycle !== null) {
        if (pair.state !== 'active') reasons.push(`pair ${pair.id} is ${pair.state}`);
        const key = dedupeKey('checkin', `c${pair.cohort_id}`, `p${pair.id}`, `w${cycle}`);
        if (jc.db.query("SELECT 1 FROM outbox WHERE dedupe_key = ? AND state = 'sent'", key).length === 0) {
          reasons.push(`check-in ${cycle} of pair ${pair.id} was never sent`);
        }
      } else {
        const key = dedupeKey('fit-check', `p${pair.id}`, actor);
        if (jc.db.query("SELECT 1 FROM outbox WHERE dedupe_key = ? AND state = 'sent'", key).length === 0) {
          reasons.push(`no fit check about pair ${pair.id} was sent to ${actor}`);
        }
      }
      break;
    }
    case 'tookPart':
      if (
        cohortId !== null &&
        jc.db.query(
          "SELECT 1 FROM pairs WHERE cohort_id = ? AND state IN ('active', 'ended') AND launched_at IS NOT NULL AND (mentor_id = ? OR mentee_id = ?)",
          cohortId,
          actor,
          actor,
        ).length === 0
      ) {
        reasons.push(`${actor} took no part in cohort ${cohortId}`);
      }
      break;
    default:
      break;
  }
  return reasons;
}

/**
 * What Slack guarantees about a submitted form and the app must therefore check itself on a forged one: every
 * input that isn't optional is filled, a choice is one the element offers, a person or channel exists, text fits
 * the element's limits.
 */
export function judgeInputs(blocks: unknown, values: unknown, fake: FakeSlack): string[] {
  if (!Array.isArray(blocks)) return [];
  const reasons: string[] = [];
  for (const block of blocks) {
    if (!isObject(block) || block.type !== 'input' || !isObject(block.element)) continue;
    const blockId = String(block.block_id ?? '');
    const el = block.element;
    const actionId = String(el.action_id ?? '');
    const optional = block.optional === true;
    const perBlock = isObject(values) && Object.hasOwn(values, blockId) ? values[blockId] : undefined;
    // The app reads an input's one element whatever its action_id (`elementOf`), as Slack keys it by the element's.
    const entry = isObject(perBlock)
      ? Object.hasOwn(perBlock, actionId)
        ? perBlock[actionId]
        : Object.values(perBlock)[0]
      : undefined;
    const missing = (what: string) => {
      if (!optional) reasons.push(`required input "${blockId}" ${what}`);
    };
    if (!isObject(entry)) {
      missing('is missing');
      continue;
    }
    const type = String(el.type);
    const offered = new Set(optionsOf(el as JsonObject).map((o) => o.value));
    if (type === 'plain_text_input' || type === 'number_input' || type.endsWith('text_input')) {
      const v = entry.value;
      if (v === null || v === undefined || v === '') missing('is empty');
      else if (typeof v !== 'string') reasons.push(`input "${blockId}" holds a ${typeof v}`);
      else {
        if (typeof el.max_length === 'number' && v.length > el.max_length) {
          reasons.push(`input "${blockId}" is longer than its max_length ${el.max_length}`);
        }
        if (typeof el.min_length === 'number' && v.trim().length > 0 && v.length < el.min_length) {
          reasons.push(`input "${blockId}" is shorter than its min_length`);
        }
        if (type === 'number_input' && !Number.isFinite(Number(v)))
          reasons.push(`input "${blockId}" is not a number`);
      }
    } else if (type === 'static_select' || type === 'radio_buttons' || type === 'external_select') {
      const o = entry.selected_option;
      if (o === null || o === undefined) missing('has no choice');
      else if (!isObject(o) || (type !== 'external_select' && !offered.has(o.value as JsonValue))) {
        reasons.push(`input "${blockId}" holds a choice it doesn't offer`);
      }
    } else if (type === 'checkboxes' || type === 'multi_static_select') {
      const list = entry.selected_options;
      if (list === null || list === undefined || (Array.isArray(list) && list.length === 0))
        missing('has no choice');
      else if (!Array.isArray(list) || list.some((o) => !isObject(o) || !offered.has(o.value as JsonValue))) {
        reasons.push(`input "${blockId}" holds a choice it doesn't offer`);
      }
    } else if (type === 'users_select') {
      const u = entry.selected_user;
      if (u === null || u === undefined) missing('names nobody');
      else if (typeof u !== 'string' || !fake.user(u))
        reasons.push(`input "${blockId}" names someone Slack doesn't know`);
    } else if (type === 'multi_users_select') {
      const list = entry.selected_users;
      if (list === null || list === undefined || (Array.isArray(list) && list.length === 0))
        missing('names nobody');
      else if (!Array.isArray(list) || list.some((u) => typeof u !== 'string' || !fake.user(u))) {
        reasons.push(`input "${blockId}" names someone Slack doesn't know`);
      }
    } else if (type === 'conversations_select' || type === 'channels_select') {
      const c = type === 'channels_select' ? entry.selected_channel : entry.selected_conversation;
      if (c === null || c === undefined) missing('names no channel');
      // Only the shape is the app's to check: a private channel the bot isn't in yet looks to it exactly like
      // one that doesn't exist (Slack says channel_not_found for both), and it is legitimate to choose one —
      // the owner is told how to invite the bot when posting there fails. So a well-formed id is accepted.
      else if (typeof c !== 'string' || !/^[CG][A-Z0-9]{2,}$/.test(c))
        reasons.push(`input "${blockId}" names no channel`);
    } else if (type === 'datepicker') {
      const d = entry.selected_date;
      if (d === null || d === undefined) missing('has no date');
      else if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) {
        reasons.push(`input "${blockId}" holds no date`);
      }
    }
  }
  return reasons;
}

/** The input block ids of a view: where a `response_action: "errors"` may point. */
export function inputBlockIds(blocks: unknown): Set<string> {
  const ids = new Set<string>();
  if (!Array.isArray(blocks)) return ids;
  for (const block of blocks) {
    if (isObject(block) && block.type === 'input' && typeof block.block_id === 'string')
      ids.add(block.block_id);
  }
  return ids;
}
