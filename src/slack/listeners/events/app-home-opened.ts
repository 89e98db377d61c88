import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { appHomeOpened } from '../../payloads.js';
import type { ListenerDeps } from '../deps.js';

/** Publishes the Home tab each time someone opens it, so it always shows the current state. */
export function homeOpened(deps: ListenerDeps) {
  return async ({
    event,
    body,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    const parsed = appHomeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !deps.processedEvents.claim(eventId, deps.clock())) return;
    // Knowing each visitor's time zone (cached a day) lets dates on the tab, and an owner's "today", be theirs.
    deps.background.run('refresh person', () => deps.participants.refreshPerson(parsed.data.user));
    try {
      await deps.home.opened(parsed.data.user);
    } catch (error) {
      // Nobody to apologise to in words here: the tab just keeps its previous content.
      deps.logger.error('Could not publish the Home tab', { userId: parsed.data.user }, error);
    }
  };
}
