import type { AnyMiddlewareArgs } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ListenerRoutes } from '../../src/slack/listeners/routes.js';

// The routing table finds a request's listener the way Bolt would have: by the payload Bolt read from the body
// (an event first, then a command, then a click or a form), never by a field a forged body merely carries.

function table(): { routes: ListenerRoutes; names: Map<unknown, string> } {
  const routes = new ListenerRoutes();
  const names = new Map<unknown, string>();
  const named = (name: string) => {
    const handler = async () => undefined;
    names.set(handler, name);
    return handler;
  };
  routes.command('/reverse-mentor', named('command'));
  routes.action('join', named('join'));
  routes.view('opt_in', named('form'));
  routes.event('app_home_opened', named('home'));
  return { routes, names };
}

const found = (args: object) => {
  const { routes, names } = table();
  return names.get(routes.find(args as AnyMiddlewareArgs)) ?? null;
};

describe('ListenerRoutes.find', () => {
  it('finds each kind of request by its id', () => {
    expect(found({ body: {}, command: { command: '/reverse-mentor' } })).toBe('command');
    expect(found({ body: { type: 'block_actions' }, action: { action_id: 'join' } })).toBe('join');
    expect(found({ body: { type: 'view_submission' }, view: { callback_id: 'opt_in' } })).toBe('form');
    expect(found({ body: { type: 'event_callback' }, event: { type: 'app_home_opened' } })).toBe('home');
  });

  it('reads a body that looks like two things the way Bolt does: an event is an event', () => {
    // Bolt classifies a body with an `event` as an event whatever else it carries, and gives it no `command`.
    expect(
      found({
        body: { type: 'event_callback', command: '/reverse-mentor' },
        event: { type: 'app_home_opened' },
      }),
    ).toBe('home');
  });

  it('takes nothing it has no listener for, nor a closed modal, nor an id that is not a string', () => {
    expect(found({ body: { type: 'block_actions' }, action: { action_id: 'unknown' } })).toBeNull();
    expect(found({ body: { type: 'view_closed' }, view: { callback_id: 'opt_in' } })).toBeNull();
    expect(found({ body: { type: 'interactive_message' }, action: { action_id: 'join' } })).toBeNull();
    expect(found({ body: { type: 'block_actions' }, action: { action_id: ['join'] } })).toBeNull();
    expect(found({ body: { type: 'block_actions' }, action: { action_id: '__proto__' } })).toBeNull();
    expect(found({ body: {} })).toBeNull();
  });

  it('refuses two listeners for one id', () => {
    const { routes } = table();
    expect(() => routes.action('join', async () => undefined)).toThrow(/Two listeners/);
  });
});
