import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateMessage, validateView } from '../../src/simulator/block-kit/limits.js';
import { ALICE, modal, type Rig, section, slackError, startRig } from './support.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const button = (text: string, actionId: string) => ({
  type: 'button',
  text: plain(text),
  action_id: actionId,
});
const option = (text: string, value = text) => ({ text: plain(text), value });
const messages = (blocks: unknown[]) => validateMessage('fallback', blocks as never)?.messages ?? [];

describe('message limits (unit)', () => {
  it('50 blocks pass, 51 are invalid_blocks with Slack’s explanation', () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`row ${i}`));
    expect(validateMessage('x', blocks(50) as never)).toBeUndefined();
    expect(validateMessage('x', blocks(51) as never)).toEqual({
      error: 'invalid_blocks',
      messages: ['[ERROR] must be less than 51 items [json-pointer:/blocks]'],
    });
  });

  it('section text 3000, fields 10 × 2000', () => {
    expect(messages([section('a'.repeat(3000))])).toEqual([]);
    expect(messages([section('a'.repeat(3001))])).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
    const fields = (n: number, len = 5) => ({
      type: 'section',
      fields: Array.from({ length: n }, () => ({ type: 'mrkdwn', text: 'f'.repeat(len) })),
    });
    expect(messages([fields(10)])).toEqual([]);
    expect(messages([fields(11)])).toEqual([
      '[ERROR] must be less than 11 items [json-pointer:/blocks/0/fields]',
    ]);
    expect(messages([fields(1, 2001)])).toEqual([
      '[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]',
    ]);
    expect(messages([{ type: 'section' }])).toEqual([
      '[ERROR] must provide either text or fields [json-pointer:/blocks/0]',
    ]);
  });

  it('characters are counted as code points, like Slack', () => {
    expect(messages([section('😀'.repeat(3000))])).toEqual([]);
  });

  it('header ≤ 150 and plain_text only', () => {
    expect(messages([{ type: 'header', text: plain('h'.repeat(150)) }])).toEqual([]);
    expect(messages([{ type: 'header', text: plain('h'.repeat(151)) }])).toEqual([
      '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(messages([{ type: 'header', text: { type: 'mrkdwn', text: '*h*' } }])).toEqual([
      '[ERROR] must be one of [plain_text] [json-pointer:/blocks/0/text/type]',
    ]);
  });

  it('buttons ≤ 75 chars, actions ≤ 25 elements, unique action_ids', () => {
    expect(messages([{ type: 'actions', elements: [button('b'.repeat(76), 'a')] }])).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
    const many = Array.from({ length: 26 }, (_, i) => button(`b${i}`, `a${i}`));
    expect(messages([{ type: 'actions', elements: many.slice(0, 25) }])).toEqual([]);
    expect(messages([{ type: 'actions', elements: many }])).toEqual([
      '[ERROR] must be less than 26 items [json-pointer:/blocks/0/elements]',
    ]);
    expect(messages([{ type: 'actions', elements: [button('x', 'same'), button('y', 'same')] }])).toEqual([
      '[ERROR] duplicate action_id same [json-pointer:/blocks/0/elements/1/action_id]',
    ]);
  });

  it('options: text ≤ 75, ≤ 100 per select, ≤ 10 checkboxes/radios, initial_option must be offered', () => {
    const select = (options: unknown[], extra = {}) => ({
      type: 'actions',
      elements: [{ type: 'static_select', action_id: 's', placeholder: plain('Pick'), options, ...extra }],
    });
    const opts = (n: number) => Array.from({ length: n }, (_, i) => option(`o${i}`));
    expect(messages([select(opts(100))])).toEqual([]);
    expect(messages([select(opts(101))])).toEqual([
      '[ERROR] must be less than 101 items [json-pointer:/blocks/0/elements/0/options]',
    ]);
    expect(messages([select([option('o'.repeat(76), 'v')])])).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]',
    ]);
    expect(messages([select(opts(3), { initial_option: option('zzz') })])).toEqual([
      '[ERROR] must match one of the provided options [json-pointer:/blocks/0/elements/0/initial_option]',
    ]);
    const checkboxes = (n: number) => ({
      type: 'actions',
      elements: [{ type: 'checkboxes', action_id: 'c', options: opts(n) }],
    });
    expect(messages([checkboxes(10)])).toEqual([]);
    expect(messages([checkboxes(11)])).toEqual([
      '[ERROR] must be less than 11 items [json-pointer:/blocks/0/elements/0/options]',
    ]);
  });

  it('block_id/action_id ≤ 255 and block_ids unique', () => {
    expect(messages([section('a', 'b'.repeat(256))])).toEqual([
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/block_id]',
    ]);
    expect(messages([{ type: 'actions', elements: [button('x', 'a'.repeat(256))] }])).toEqual([
      '[ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]',
    ]);
    expect(messages([section('a', 'dup'), section('b', 'dup')])).toEqual([
      '[ERROR] duplicate block_id dup [json-pointer:/blocks/1/block_id]',
    ]);
  });

  it('unknown block and element types are refused', () => {
    expect(messages([{ type: 'sektion', text: plain('x') }])).toEqual([
      '[ERROR] unsupported block type "sektion" [json-pointer:/blocks/0/type]',
    ]);
    expect(messages([{ type: 'constructor' }])).toEqual([
      '[ERROR] unsupported block type "constructor" [json-pointer:/blocks/0/type]',
    ]);
    expect(
      messages([{ type: 'actions', elements: [{ type: 'image', image_url: 'x', alt_text: 'y' }] }]),
    ).toEqual(['[ERROR] unsupported element type "image" here [json-pointer:/blocks/0/elements/0/type]']);
  });

  it('blocks without a text fallback are refused with no_text (stricter than Slack, on purpose)', () => {
    expect(validateMessage(undefined, [section('hi')] as never)).toEqual({ error: 'no_text' });
    expect(validateMessage('  ', [section('hi')] as never)).toEqual({ error: 'no_text' });
  });
});

describe('view limits (unit)', () => {
  const input = {
    type: 'input',
    block_id: 'i',
    label: plain('L'),
    element: { type: 'plain_text_input', action_id: 'v' },
  };

  it('title/submit/close ≤ 24 characters', () => {
    expect(
      validateView(modal(undefined, { title: plain('t'.repeat(24)) }) as never, 'modal'),
    ).toBeUndefined();
    expect(
      validateView(
        modal([input], {
          title: plain('t'.repeat(25)),
          submit: plain('s'.repeat(25)),
          close: plain('c'.repeat(25)),
        }) as never,
        'modal',
      ),
    ).toEqual({
      error: 'invalid_arguments',
      messages: [
        '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
        '[ERROR] must be less than 25 characters [json-pointer:/view/close/text]',
        '[ERROR] must be less than 25 characters [json-pointer:/view/submit/text]',
      ],
    });
  });

  it('input blocks need a submit button', () => {
    expect(validateView(modal([input]) as never, 'modal')?.messages).toEqual([
      '[ERROR] must provide submit when the view contains input blocks [json-pointer:/view/submit]',
    ]);
    expect(validateView(modal([input], { submit: plain('Save') }) as never, 'modal')).toBeUndefined();
  });

  it('100 blocks, private_metadata 3000', () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`${i}`));
    expect(validateView({ type: 'home', blocks: blocks(100) } as never, 'home')).toBeUndefined();
    expect(validateView({ type: 'home', blocks: blocks(101) } as never, 'home')?.messages).toEqual([
      '[ERROR] must be less than 101 items [json-pointer:/view/blocks]',
    ]);
    expect(
      validateView(modal(undefined, { private_metadata: 'm'.repeat(3001) }) as never, 'modal')?.messages,
    ).toEqual(['[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]']);
  });
});

describe('limits through the real WebClient', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(async () => {
    await rig.fake.close();
  });

  it('chat.postMessage with 51 blocks → invalid_blocks with response_metadata.messages', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`row ${i}`));
    const err = await slackError(rig.client.chat.postMessage({ channel: ALICE.id, text: 'digest', blocks }));
    expect(err).toEqual({
      error: 'invalid_blocks',
      messages: ['[ERROR] must be less than 51 items [json-pointer:/blocks]'],
    });
    expect(rig.fake.dmsTo(ALICE.id)).toEqual([]);
  });

  it('chat.postMessage with blocks and no text → no_text', async () => {
    expect(
      (await slackError(rig.client.chat.postMessage({ channel: ALICE.id, blocks: [section('hi')] }))).error,
    ).toBe('no_text');
  });

  it('chat.update is validated like postMessage', async () => {
    const posted = await rig.client.chat.postMessage({ channel: ALICE.id, text: 'ok' });
    const err = await slackError(
      rig.client.chat.update({
        channel: posted.channel ?? '',
        ts: posted.ts ?? '',
        text: 'x',
        blocks: [{ type: 'header', text: plain('h'.repeat(151)) }] as never,
      }),
    );
    expect(err.error).toBe('invalid_blocks');
    expect(rig.fake.dmsTo(ALICE.id)[0]?.text).toBe('ok');
  });

  it('views.open with 101 blocks → invalid_arguments', async () => {
    const blocks = Array.from({ length: 101 }, (_, i) => section(`row ${i}`));
    const err = await slackError(
      rig.client.views.open({ trigger_id: rig.fake.mintTriggerId(ALICE.id), view: modal(blocks) as never }),
    );
    expect(err).toEqual({
      error: 'invalid_arguments',
      messages: ['[ERROR] must be less than 101 items [json-pointer:/view/blocks]'],
    });
  });
});
