import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { partnerOf } from '../../../domain/pair.js';
import { textValue, viewSubmission } from '../../payloads.js';
import { HELD_NOTE_KEPT } from '../../views/held-notes.js';
import { simpleMessage } from '../../views/messages.js';
import { LEAVE_REASON_BLOCK, LEAVE_REASON_MAX } from '../../views/pair-modals.js';
import type { ListenerDeps } from '../deps.js';
import { reply } from '../report.js';
import { answerErrors, refuseForm } from './refuse.js';

/** The leave-pair form: the reason is optional and private to owners. */
export function leavePairSubmitted(deps: ListenerDeps) {
  return async ({ ack, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    if (!parsed.success) return refuseForm(deps, ack, body);
    const reason = textValue(parsed.data.view.state.values, LEAVE_REASON_BLOCK)?.trim() || null;
    if (reason && reason.length > LEAVE_REASON_MAX) {
      await answerErrors(deps, ack, body, {
        [LEAVE_REASON_BLOCK]: `Keep it under ${LEAVE_REASON_MAX} characters.`,
      });
      return;
    }
    await ack();
    const userId = parsed.data.user.id;
    const result = deps.pairLife.leavePair(userId, reason);
    if (!result.ok) return reply(deps, { userId }, simpleMessage(result.message));
    deps.deliverNow();
    const held = result.value.reasonHeld
      ? ` Every program owner was in your pair, so there is nobody else to give your reason to right now. ${HELD_NOTE_KEPT}`
      : '';
    await reply(
      deps,
      { userId },
      simpleMessage(
        `You have left your pair. Thank you for the time you gave — your partner has been told kindly, without any reason.${held}`,
      ),
    );
    const partners = result.value.pairs.map((pair) => partnerOf(pair, userId));
    for (const id of [userId, ...partners]) {
      if (id) await deps.home.publish(id).catch((error) => deps.logger.warn('Could not refresh Home', error));
    }
  };
}
