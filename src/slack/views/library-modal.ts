import type { KnownBlock, ModalView } from '@slack/types';
import type { LibraryOverview, Prompt } from '../../domain/curriculum/index.js';
import { CALLBACKS } from '../ids.js';
import { context, divider, escapeMrkdwn, header, LIMITS, plain, section, truncate } from './blocks.js';

function titles(prompts: readonly Prompt[]): string {
  return prompts.map((p) => `• ${escapeMrkdwn(p.title)}`).join('\n');
}

/** The prompt library at a glance: structure, prompts per topic, and the reflection questions. */
export function libraryModal(library: LibraryOverview): ModalView {
  const blocks: KnownBlock[] = [
    section(
      'Every pair gets the kick-off in week one and the wrap-up in the last week. In between, prompts follow the ' +
        'topics the two share first, then what the mentee wants to learn, then what the mentor offers — never the same prompt twice.',
    ),
    header('Structure'),
    section(titles(library.structure)),
    divider(),
    ...library.topics.flatMap((group) => [
      section(
        truncate(
          `*${escapeMrkdwn(group.label)}* (${group.prompts.length})\n${titles(group.prompts)}`,
          LIMITS.sectionText,
        ),
      ),
    ]),
    divider(),
    section(
      truncate(
        `*Reflection questions for mentees* (${library.menteeReflections.length}), e.g.\n` +
          library.menteeReflections
            .slice(0, 6)
            .map((r) => `• ${escapeMrkdwn(r.text)}`)
            .join('\n'),
        LIMITS.sectionText,
      ),
    ),
    section(
      truncate(
        `*For mentors* (${library.mentorReflections.length}), e.g.\n` +
          library.mentorReflections
            .slice(0, 4)
            .map((r) => `• ${escapeMrkdwn(r.text)}`)
            .join('\n'),
        LIMITS.sectionText,
      ),
    ),
    context('Cohorts use this library as it is.'),
  ];
  return {
    type: 'modal',
    callback_id: CALLBACKS.library,
    title: plain('Prompt library', 24),
    close: plain('Close', 24),
    blocks,
  };
}
