import type { FakeSlack } from '../fake-slack.js';
import type { JsonObject } from '../json.js';
import type { SlackMessage, SlackView } from '../types.js';
import { elementsOf, type FoundElement, findElement } from './find-element.js';

/**
 * Where the clicked element is: the newest message in the user's DM ('dm'), the newest ephemeral message shown to
 * the user ('ephemeral'), their Home tab ('home'), the top of their modal stack ('modal'), a message in a channel
 * (newest containing the action unless `ts` is given), or a view by id.
 */
export type ActionSource =
  | 'dm'
  | 'ephemeral'
  | 'home'
  | 'modal'
  | { channel: string; ts?: string }
  | { viewId: string };

export type Located =
  | { kind: 'message'; channel: string; message: SlackMessage; ephemeral: boolean; blocks: JsonObject[] }
  | { kind: 'view'; view: SlackView; blocks: JsonObject[] };

/** Finds the message or view holding `actionId`, as the user sees it now; throws a test-friendly error otherwise. */
export function locate(fake: FakeSlack, userId: string, where: ActionSource, actionId: string): Located {
  const withAction = (blocks: JsonObject[] | undefined): boolean =>
    findElement(blocks ?? [], actionId) !== undefined;
  if (where === 'home' || where === 'modal' || (typeof where === 'object' && 'viewId' in where)) {
    const view =
      where === 'home'
        ? fake.homeViewOf(userId)
        : where === 'modal'
          ? fake.openViews(userId).at(-1)
          : fake.view(where.viewId);
    if (!view) {
      throw new Error(`${userId} has no ${typeof where === 'string' ? where : `view ${where.viewId}`} open`);
    }
    return { kind: 'view', view, blocks: view.blocks };
  }
  if (where === 'ephemeral') {
    const last = fake
      .ephemerals({ user: userId })
      .filter((m) => withAction(m.blocks))
      .at(-1);
    if (!last) throw new Error(`no ephemeral message shown to ${userId} has an element ${actionId}`);
    const message: SlackMessage = { type: 'message', ts: last.ts, text: last.text };
    if (last.blocks) message.blocks = last.blocks;
    return { kind: 'message', channel: last.channel, message, ephemeral: true, blocks: last.blocks ?? [] };
  }
  const channel = where === 'dm' ? fake.dmChannelOf(userId) : where.channel;
  const messages = channel ? fake.messages(channel) : [];
  const ts = typeof where === 'object' && 'ts' in where ? where.ts : undefined;
  const candidates =
    ts === undefined ? messages.filter((m) => withAction(m.blocks)) : messages.filter((m) => m.ts === ts);
  const message = candidates.at(-1);
  if (!channel || !message) {
    throw new Error(`no message ${ts ?? ''} in ${channel ?? `${userId}'s DM`} has an element ${actionId}`);
  }
  return { kind: 'message', channel, message, ephemeral: false, blocks: message.blocks ?? [] };
}

export function elementIn(located: Located, actionId: string): FoundElement {
  const found = findElement(located.blocks, actionId);
  if (!found) {
    const ids = elementsOf(located.blocks).map((e) => e.actionId);
    throw new Error(`no element ${actionId} here; action_ids present: ${ids.join(', ') || '(none)'}`);
  }
  return found;
}
