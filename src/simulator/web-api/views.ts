import { validateView } from '../block-kit/limits.js';
import { isJsonObject, type JsonObject } from '../json.js';
import type { SimState } from '../state/index.js';
import { type ApiBody, ArgumentError, fail, type Handler, ok, param } from './context.js';

type ReadView = { refusal: ApiBody } | { view: JsonObject };

/** Reads and validates `view`: a refusal, or the view payload. */
function readView(state: SimState, params: JsonObject, kind: 'modal' | 'home', viewId?: string): ReadView {
  const view = param.json(params, 'view');
  if (view === undefined)
    throw new ArgumentError(['[ERROR] missing required field: view [json-pointer:/view]']);
  const refusal = validateView(view, kind);
  if (refusal || !isJsonObject(view))
    return { refusal: fail(refusal?.error ?? 'invalid_arguments', refusal?.messages) };
  const externalId = view.external_id;
  if (
    typeof externalId === 'string' &&
    externalId !== '' &&
    state.views.externalIdTaken(externalId, viewId)
  ) {
    return { refusal: fail('duplicate_external_id') };
  }
  return { view };
}

function exchange(state: SimState, params: JsonObject): { userId: string } | ApiBody {
  const triggerId = param.required(params, 'trigger_id');
  const check = state.interactions.exchangeTrigger(triggerId);
  return check.ok ? { userId: check.userId } : fail(check.error);
}

export const viewsOpen: Handler = ({ state, params }) => {
  param.required(params, 'trigger_id');
  const read = readView(state, params, 'modal');
  if ('refusal' in read) return read.refusal;
  const who = exchange(state, params);
  if ('ok' in who) return who;
  return ok({ view: state.views.toWire(state.views.open(who.userId, read.view)) });
};

export const viewsPush: Handler = ({ state, params }) => {
  param.required(params, 'trigger_id');
  const read = readView(state, params, 'modal');
  if ('refusal' in read) return read.refusal;
  const who = exchange(state, params);
  if ('ok' in who) return who;
  const pushed = state.views.push(who.userId, read.view);
  if (pushed === 'full') {
    return fail('push_limit_reached', [
      '[ERROR] push limit has been reached: at most 3 views can be stacked',
    ]);
  }
  if (pushed === 'no_modal') {
    return fail('invalid_arguments', [
      '[ERROR] no modal is open for this user to push onto [json-pointer:/view]',
    ]);
  }
  return ok({ view: state.views.toWire(pushed) });
};

export const viewsUpdate: Handler = ({ state, params }) => {
  const viewId = param.str(params, 'view_id');
  const externalId = param.str(params, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    throw new ArgumentError(['[ERROR] must provide either view_id or external_id [json-pointer:/view_id]']);
  }
  const record = state.views.live(viewId !== undefined ? { viewId } : { externalId });
  if (!record) return fail('not_found');
  const hash = param.str(params, 'hash');
  if (hash !== undefined && hash !== record.hash) return fail('hash_conflict');
  const read = readView(state, params, record.kind, record.id);
  if ('refusal' in read) return read.refusal;
  return ok({ view: state.views.toWire(state.views.update(record, read.view)) });
};

export const viewsPublish: Handler = ({ state, params }) => {
  const userId = param.required(params, 'user_id');
  const user = state.directory.user(userId);
  if (!user || user.isBot) return fail('user_not_found');
  const current = state.views.home(userId);
  const hash = param.str(params, 'hash');
  if (hash !== undefined && current && hash !== current.hash) return fail('hash_conflict');
  const read = readView(state, params, 'home', current?.id);
  if ('refusal' in read) return read.refusal;
  return ok({ view: state.views.toWire(state.views.publish(userId, read.view)) });
};
