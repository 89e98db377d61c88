import { exportSentMessage } from '../views/export-messages.js';
import { simpleMessage } from '../views/messages.js';
import type { ListenerDeps } from './deps.js';
import { type Audience, reply, reportFailure } from './report.js';

/**
 * Sends an owner an export by DM (the named file, or the anonymised copy they asked for) and answers them:
 * the refusal in words, or — when `confirm` — where the file went and what was left out. The use case checks
 * who may have what; a Slack failure is explained and logged.
 */
export async function sendExport(
  deps: ListenerDeps,
  audience: Audience,
  cohortId: number,
  kind: 'named' | 'anonymised',
  options: { confirm?: boolean } = {},
): Promise<void> {
  try {
    const result =
      kind === 'named'
        ? await deps.exports.sendToOwner(audience.userId, cohortId)
        : await deps.exports.sendAnonymisedToOwner(audience.userId, cohortId);
    if (!result.ok) return reply(deps, audience, simpleMessage(result.message));
    if (options.confirm) await reply(deps, audience, exportSentMessage(result.value.notice));
  } catch (error) {
    const whatFailed =
      kind === 'named' ? "I couldn't send the export" : "I couldn't send the anonymised copy";
    await reportFailure(deps, audience, { whatFailed, tryThis: 'Try again in a minute.' }, error);
  }
}
