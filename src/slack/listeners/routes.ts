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

  /**
   * The listener registered for this request, or undefined. Matched as Bolt would: by the payload Bolt found in
   * the request (it sets `event`, `command`, `action` or `view` by its own reading of the body — an event first,
   * then a command, …), so a forged body that looks like two things at once is read the one way Bolt reads it.
   */
  find(args: AnyMiddlewareArgs): AnyHandler | undefined {
    const seen = args as {
      body?: { type?: unknown };
      event?: { type?: unknown };
      command?: { command?: unknown };
      action?: { action_id?: unknown };
      view?: { callback_id?: unknown };
    };
    if (seen.event) return lookup(this.events, seen.event.type);
    if (seen.command) return lookup(this.commands, seen.command.command);
    if (seen.action)
      return seen.body?.type === 'block_actions' ? lookup(this.actions, seen.action.action_id) : undefined;
    if (seen.view)
      return seen.body?.type === 'view_submission' ? lookup(this.views, seen.view.callback_id) : undefined;
    return undefined;
  }
}

function add(map: Map<string, AnyHandler>, id: string, handler: AnyHandler): void {
  if (map.has(id)) throw new Error(`Two listeners registered for "${id}"`);
  map.set(id, handler);
}

function lookup(map: Map<string, AnyHandler>, id: unknown): AnyHandler | undefined {
  return typeof id === 'string' ? map.get(id) : undefined;
}
