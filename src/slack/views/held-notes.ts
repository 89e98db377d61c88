// What a person is told when their private note to owners has nobody to go to yet (every owner is in their
// pair): the truth, where it waits, and what they can do instead. One wording for every kind of note.

export const HELD_NOTE_KEPT =
  'I’ve kept it and will pass it on as soon as another program owner is added — it shows on your Home tab ' +
  'until then.';

export const HELD_NOTE_ALTERNATIVES =
  'If you’d rather not wait, talk to your manager or your HR partner, or step out of the pair with ' +
  '`/reverse-mentor leave` (your partner is only told you had to step out).';

export const HELD_NOTE_ADVICE = `${HELD_NOTE_KEPT} ${HELD_NOTE_ALTERNATIVES}`;

const HELD_LABELS: Record<string, string> = {
  'need-help': 'your request for help',
  'not-a-fit': 'your answer that the pairing is not a fit',
  left: 'your reason for leaving your pair',
};

/** The line on a person's own Home tab for each of their notes that still waits. */
export function heldNoteLine(kind: string): string {
  return `${HELD_LABELS[kind] ?? 'a private note of yours'} is waiting for a program owner outside your pair`;
}
