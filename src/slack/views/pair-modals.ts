import type { ModalView } from '@slack/types';
import { CALLBACKS } from '../ids.js';
import { context, option, plain, section } from './blocks.js';

export const PAUSE_BLOCK = 'duration';
export const LEAVE_REASON_BLOCK = 'reason';
export const LEAVE_REASON_MAX = 500;

const pauseOptions = [
  option('One week', '1w'),
  option('Two weeks', '2w'),
  option('Four weeks', '4w'),
  option('Until I resume', 'open'),
];

export function pauseModal(): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.pause,
    title: plain('Take a break', 24),
    submit: plain('Pause', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(
        'Holiday, a busy stretch, life happening: your pair gets no prompts or check-ins while you are paused.',
      ),
      {
        type: 'input',
        block_id: PAUSE_BLOCK,
        label: plain('For how long?'),
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: pauseOptions,
          initial_option: pauseOptions[0],
        },
      },
      context(
        'Your partner is told you are taking a short break — never why. Resume any time from the Home tab.',
      ),
    ],
  };
}

export function leavePairModal(partnerName: string): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.leavePair,
    title: plain('Leave your pair', 24),
    submit: plain('Leave', 24),
    close: plain('Stay', 24),
    blocks: [
      section(
        `You're about to leave your reverse-mentoring pair with ${partnerName}. They will be told kindly that you had to step out, and a program owner may find them a new partner.`,
      ),
      {
        type: 'input',
        block_id: LEAVE_REASON_BLOCK,
        optional: true,
        label: plain('Anything the program owners should know?'),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: LEAVE_REASON_MAX,
          placeholder: plain('Optional'),
        },
      },
      context('Only program owners see this. Your partner never does.'),
    ],
  };
}
