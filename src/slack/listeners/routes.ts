import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

type Handler<A> = (args: A & AllMiddlewareArgs) => Promise<void>;
export type AnyHandler = Handler<AnyMiddlewareArgs>;

/**
 * Which listener answers which request, by its id: the slash command by name, a click by action_id, a form by
 * callback_id, an event by type. One table looked up once per request, rather than one Bolt listener per id:
 * Bolt runs every registered listener's middleware chain for every request (copying its arguments at each
 * step), and with fifty-odd buttons and forms that cost more than the work itself when a crowd joins at once
 * (issue 13). Only string ids can be registered, so every door can be listed (and fuzzed).
 */
export class ListenerRoutes {
  /**
   * @param wrap applied to every command, action and form listener as it is registered (the guard that turns a
   * failure into an answer); events are acknowledged by Bolt before they reach a listener, so they are not wrapped.
   */
  constructor(private readonly wrap: (handler: AnyHandler) => AnyHandler = (handler) => handler) {}

  readonly commands = new Map<string, AnyHandler>();
  readonly actions = new Map<string, AnyHandler>();
  readonly views = new Map<string, AnyHandler>();
  readonly events = new Map<string, AnyHandler>();

  command(name: string, handler: Handler<SlackCommandMiddlewareArgs>): void {
    add(this.commands, name, this.wrap(handler as AnyHandler));
  }

  action(actionId: string, handler: Handler<SlackActionMiddlewareArgs>): void {
    add(this.actions, actionId, this.wrap(handler as AnyHandler));
  }

  /** A view_submission, by the form's callback_id. */
  view(callbackId: string, handler: Handler<SlackViewMiddlewareArgs>): void {
    add(this.views, callbackId, this.wrap(handler as AnyHandler));
  }

  event<E extends string>(type: E, handler: Handler<SlackEventMiddlewareArgs<E>>): void {
    add(this.events, type, handler as unknown as AnyHandler);
  }

  /** The listener registered for this request, as Bolt would have matched it, or undefined. */
  find(body: unknown): AnyHandler | undefined {
    const raw = body as {
      type?: unknown;
      command?: unknown;
      actions?: { action_id?: unknown }[];
      view?: { callback_id?: unknown };
      event?: { type?: unknown };
    } | null;
    if (!raw) return undefined;
    if (typeof raw.command === 'string') return this.commands.get(raw.command);
    switch (raw.type) {
      case 'block_actions':
        return lookup(this.actions, raw.actions?.[0]?.action_id);
      case 'view_submission':
        return lookup(this.views, raw.view?.callback_id);
      case 'event_callback':
        return lookup(this.events, raw.event?.type);
      default:
        return undefined;
    }
  }
}

function add(map: Map<string, AnyHandler>, id: string, handler: AnyHandler): void {
  if (map.has(id)) throw new Error(`Two listeners registered for "${id}"`);
  map.set(id, handler);
}

function lookup(map: Map<string, AnyHandler>, id: unknown): AnyHandler | undefined {
  return typeof id === 'string' ? map.get(id) : undefined;
}
