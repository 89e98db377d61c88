import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Refusal, validateMessage, validateView } from '../../src/simulator/block-kit/limits.js';
import { compileSchemaValidators, schemaPath, schemaProblems } from '../../src/simulator/block-kit/schema.js';
import type { JsonValue } from '../../src/simulator/json.js';
import { ALICE, modal, type Rig, section, slackError, startRig } from './support.js';

/**
 * Payloads Slack refuses that the simulator used to accept: each class is now refused, by the vendored Block Kit
 * JSON Schema or by the simulator's own cross-field rules, with Slack's error code and an `[ERROR] … [json-pointer:…]`
 * explanation pointing at the offending field.
 */

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const option = (text: string, value = text) => ({ text: plain(text), value });
const button = (extra: object = {}) => ({ type: 'button', text: plain('Go'), action_id: 'go', ...extra });
const actions = (...elements: object[]) => ({ type: 'actions', elements });
const accessory = (element: object) => ({ type: 'section', text: md('Pick one'), accessory: element });
const input = (element: object, extra: object = {}) => ({
  type: 'input',
  block_id: 'in',
  label: plain('Answer'),
  element,
  ...extra,
});
const richText = (...elements: object[]) => ({ type: 'rich_text', elements });
const richSection = (...elements: object[]) => ({ type: 'rich_text_section', elements });
const form = (blocks: object[], extra: object = {}) => ({
  type: 'modal',
  title: plain('Profile'),
  submit: plain('Save'),
  blocks,
  ...extra,
});

type Surface = 'message' | 'modal' | 'home';
interface BadCase {
  /** What Slack refuses. */
  name: string;
  surface: Surface;
  /** Message blocks, or the whole view for modal/home. */
  payload: unknown;
  /** One of the explanations expected in response_metadata.messages. */
  expected: string;
}

function check(surface: Surface, payload: unknown): Refusal | undefined {
  return surface === 'message'
    ? validateMessage('fallback text', payload as JsonValue)
    : validateView(payload as JsonValue, surface);
}

const error = (what: string, pointer: string) => `[ERROR] ${what} [json-pointer:${pointer}]`;

const CASES: BadCase[] = [
  // Unknown properties
  {
    name: 'unknown property on a block',
    surface: 'message',
    payload: [{ type: 'divider', colour: 'red' }],
    expected: error('unexpected field: colour', '/blocks/0/colour'),
  },
  {
    name: 'unknown property on an element',
    surface: 'message',
    payload: [actions(button({ tooltip: 'hi' }))],
    expected: error('unexpected field: tooltip', '/blocks/0/elements/0/tooltip'),
  },
  {
    name: 'verbatim on a plain_text object',
    surface: 'message',
    payload: [{ type: 'header', text: { ...plain('Week 1'), verbatim: true } }],
    expected: error('unexpected field: verbatim', '/blocks/0/text/verbatim'),
  },
  {
    name: 'url on a select option (overflow options only)',
    surface: 'message',
    payload: [
      actions({
        type: 'static_select',
        action_id: 's',
        options: [{ ...option('Docs'), url: 'https://example.com' }],
      }),
    ],
    expected: error('unexpected field: url', '/blocks/0/elements/0/options/0/url'),
  },
  {
    name: 'hint on a section (input blocks only)',
    surface: 'message',
    payload: [{ type: 'section', text: md('x'), hint: plain('y') }],
    expected: error('unexpected field: hint', '/blocks/0/hint'),
  },
  {
    name: 'unknown property on a confirm dialog',
    surface: 'message',
    payload: [
      actions(
        button({
          confirm: {
            title: plain('Sure?'),
            text: md('Really'),
            confirm: plain('Yes'),
            deny: plain('No'),
            icon: 'x',
          },
        }),
      ),
    ],
    expected: error('unexpected field: icon', '/blocks/0/elements/0/confirm/icon'),
  },
  {
    name: 'unknown property on a modal',
    surface: 'modal',
    payload: form([section('hi')], { colour: 'red' }),
    expected: error('unexpected field: colour', '/view/colour'),
  },
  {
    name: 'modal-only properties on a Home tab',
    surface: 'home',
    payload: { type: 'home', title: plain('Home'), blocks: [section('hi')] },
    expected: error('unexpected field: title', '/view/title'),
  },
  {
    name: 'unknown style flag on a rich-text leaf',
    surface: 'message',
    payload: [richText(richSection({ type: 'text', text: 'x', style: { shout: true } }))],
    expected: error('unexpected field: shout', '/blocks/0/elements/0/elements/0/style/shout'),
  },
  // Wrong types
  {
    name: 'emoji as a string',
    surface: 'message',
    payload: [{ type: 'header', text: { ...plain('Week 1'), emoji: 'yes' } }],
    expected: error('must provide a boolean', '/blocks/0/text/emoji'),
  },
  {
    name: 'section expand as a string',
    surface: 'message',
    payload: [{ ...section('x'), expand: 'yes' }],
    expected: error('must provide a boolean', '/blocks/0/expand'),
  },
  {
    name: 'focus_on_load as a string',
    surface: 'modal',
    payload: form([input({ type: 'plain_text_input', action_id: 'a', focus_on_load: 'yes' })]),
    expected: error('must provide a boolean', '/view/blocks/0/element/focus_on_load'),
  },
  {
    name: 'submit_disabled as a string',
    surface: 'modal',
    payload: form([section('hi')], { submit_disabled: 'no' }),
    expected: error('must provide a boolean', '/view/submit_disabled'),
  },
  {
    name: 'datetimepicker initial_date_time as a string',
    surface: 'modal',
    payload: form([input({ type: 'datetimepicker', action_id: 'd', initial_date_time: '1700000000' })]),
    expected: error('must provide an integer', '/view/blocks/0/element/initial_date_time'),
  },
  // Wrong enums, patterns and ranges
  {
    name: 'rich_text_list style outside bullet/ordered',
    surface: 'message',
    payload: [
      richText({
        type: 'rich_text_list',
        style: 'numbered',
        elements: [richSection({ type: 'text', text: 'a' })],
      }),
    ],
    expected: error('must be one of [bullet, ordered]', '/blocks/0/elements/0/style'),
  },
  {
    name: 'dispatch_action_config trigger outside the enum',
    surface: 'modal',
    payload: form([
      input({
        type: 'plain_text_input',
        action_id: 'a',
        dispatch_action_config: { trigger_actions_on: ['on_blur'] },
      }),
    ]),
    expected: error(
      'must be one of [on_enter_pressed, on_character_entered]',
      '/view/blocks/0/element/dispatch_action_config/trigger_actions_on/0',
    ),
  },
  {
    name: 'conversation filter include outside the enum',
    surface: 'message',
    payload: [actions({ type: 'conversations_select', action_id: 'c', filter: { include: ['dms'] } })],
    expected: error('must be one of [im, mpim, private, public]', '/blocks/0/elements/0/filter/include/0'),
  },
  {
    name: 'initial_user that is not a user ID',
    surface: 'modal',
    payload: form([input({ type: 'users_select', action_id: 'u', initial_user: 'alice' })]),
    expected: error('must match the pattern ^[UW][A-Z0-9]+$', '/view/blocks/0/element/initial_user'),
  },
  {
    name: 'number_input initial_value that is not a number',
    surface: 'modal',
    payload: form([
      input({ type: 'number_input', action_id: 'n', is_decimal_allowed: false, initial_value: '12a' }),
    ]),
    expected: error('must match the pattern ^-?[0-9]+(\\.[0-9]+)?$', '/view/blocks/0/element/initial_value'),
  },
  {
    name: 'plain_text_input max_length 0',
    surface: 'modal',
    payload: form([input({ type: 'plain_text_input', action_id: 'a', max_length: 0 })]),
    expected: error('must be at least 1', '/view/blocks/0/element/max_length'),
  },
  {
    name: 'external_select min_query_length below 0',
    surface: 'message',
    payload: [actions({ type: 'external_select', action_id: 'e', min_query_length: -1 })],
    expected: error('must be at least 0', '/blocks/0/elements/0/min_query_length'),
  },
  {
    name: 'header level above 4',
    surface: 'message',
    payload: [{ type: 'header', text: plain('Week 1'), level: 9 }],
    expected: error('must be at most 4', '/blocks/0/level'),
  },
  {
    name: 'dispatch_action on a file_input block',
    surface: 'modal',
    payload: form([input({ type: 'file_input', action_id: 'f' }, { dispatch_action: true })]),
    expected: error('must be one of [false]', '/view/blocks/0/dispatch_action'),
  },
  // Bad URLs
  {
    name: 'button url that is not a URL',
    surface: 'message',
    payload: [accessory(button({ url: 'not a url' }))],
    expected: error('must provide a valid URL', '/blocks/0/accessory/url'),
  },
  {
    name: 'image block image_url without a scheme',
    surface: 'message',
    payload: [{ type: 'image', image_url: 'chart.png', alt_text: 'chart' }],
    expected: error('must provide a valid URL', '/blocks/0/image_url'),
  },
  {
    name: 'overflow option url that is not a URL',
    surface: 'message',
    payload: [
      accessory({ type: 'overflow', action_id: 'o', options: [{ ...option('Docs'), url: 'docs page' }] }),
    ],
    expected: error('must provide a valid URL', '/blocks/0/accessory/options/0/url'),
  },
  {
    name: 'video_url over plain http',
    surface: 'message',
    payload: [
      {
        type: 'video',
        alt_text: 'Intro',
        title: plain('Intro'),
        video_url: 'http://example.com/v',
        thumbnail_url: 'https://example.com/t.png',
      },
    ],
    expected: error('must match the pattern ^https://', '/blocks/0/video_url'),
  },
  // Empty values and lengths the simulator did not check
  {
    name: 'empty button value',
    surface: 'message',
    payload: [actions(button({ value: '' }))],
    expected: error('must be more than 0 characters', '/blocks/0/elements/0/value'),
  },
  {
    name: 'accessibility_label over 75 characters',
    surface: 'message',
    payload: [actions(button({ accessibility_label: 'a'.repeat(76) }))],
    expected: error('must be less than 76 characters', '/blocks/0/elements/0/accessibility_label'),
  },
  {
    name: 'a modal without blocks',
    surface: 'modal',
    payload: form([]),
    expected: error('must provide at least 1 items', '/view/blocks'),
  },
  // Missing required fields
  {
    name: 'workflow_button without its workflow',
    surface: 'message',
    payload: [actions({ type: 'workflow_button', text: plain('Run'), action_id: 'w' })],
    expected: error('missing required field: workflow', '/blocks/0/elements/0/workflow'),
  },
  {
    name: 'table cell without its text',
    surface: 'message',
    payload: [{ type: 'table', rows: [[{ type: 'raw_text' }]] }],
    expected: error('missing required field: text', '/blocks/0/rows/0/0/text'),
  },
  // Elements where they are not allowed
  {
    name: 'datetimepicker as a section accessory',
    surface: 'message',
    payload: [accessory({ type: 'datetimepicker', action_id: 'd' })],
    expected: error('unsupported type "datetimepicker" here', '/blocks/0/accessory/type'),
  },
  {
    name: 'icon_button in an actions block (context_actions only)',
    surface: 'message',
    payload: [actions({ type: 'icon_button', icon: 'trash', text: plain('Delete'), action_id: 'x' })],
    expected: error('unsupported type "icon_button" here', '/blocks/0/elements/0/type'),
  },
  {
    name: 'file_input outside a modal',
    surface: 'home',
    payload: { type: 'home', blocks: [input({ type: 'file_input', action_id: 'f' })] },
    expected: error('file_input elements are only supported in modals', '/view/blocks/0/element/type'),
  },
  // Rich text
  {
    name: 'rich-text leaf directly in a rich_text block',
    surface: 'message',
    payload: [richText({ type: 'text', text: 'loose leaf' })],
    expected: error('unsupported type "text" here', '/blocks/0/elements/0/type'),
  },
  {
    name: 'rich-text leaf directly in a rich_text_list',
    surface: 'message',
    payload: [richText({ type: 'rich_text_list', style: 'bullet', elements: [{ type: 'text', text: 'a' }] })],
    expected: error('must be one of [rich_text_section]', '/blocks/0/elements/0/elements/0/type'),
  },
  {
    name: 'rich-text user leaf with a name instead of an ID',
    surface: 'message',
    payload: [richText(richSection({ type: 'user', user_id: 'alice' }))],
    expected: error('must match the pattern ^[UW][A-Z0-9]+$', '/blocks/0/elements/0/elements/0/user_id'),
  },
  {
    name: 'rich-text link leaf with a bad URL',
    surface: 'message',
    payload: [richText(richSection({ type: 'link', url: 'example dot com', text: 'site' }))],
    expected: error('must provide a valid URL', '/blocks/0/elements/0/elements/0/url'),
  },
  // Exactly one of two fields
  {
    name: 'image block with both image_url and slack_file',
    surface: 'message',
    payload: [
      { type: 'image', image_url: 'https://example.com/a.png', slack_file: { id: 'F1' }, alt_text: 'a' },
    ],
    expected: error('failed to match exactly one allowed schema', '/blocks/0'),
  },
  {
    name: 'slack_file with both url and id',
    surface: 'message',
    payload: [{ type: 'image', slack_file: { id: 'F1', url: 'https://example.com/a.png' }, alt_text: 'a' }],
    expected: error('failed to match exactly one allowed schema', '/blocks/0/slack_file'),
  },
  // Cross-field rules the schema cannot express (the simulator's own checks)
  {
    name: 'two elements with focus_on_load',
    surface: 'modal',
    payload: form([
      input({ type: 'plain_text_input', action_id: 'a', focus_on_load: true }),
      { ...input({ type: 'plain_text_input', action_id: 'b', focus_on_load: true }), block_id: 'in2' },
    ]),
    expected: error('only one element may set focus_on_load to true', '/view/blocks/1/element/focus_on_load'),
  },
  {
    name: 'initial_option that matches an option only by value',
    surface: 'message',
    payload: [
      actions({
        type: 'static_select',
        action_id: 's',
        options: [option('Apple', 'a'), option('Banana', 'b')],
        initial_option: option('Apricot', 'a'),
      }),
    ],
    expected: error(
      'must exactly match one of the provided options (text, value and description)',
      '/blocks/0/elements/0/initial_option',
    ),
  },
  {
    name: 'initial_options (checkboxes) that match only by value',
    surface: 'modal',
    payload: form([
      input({
        type: 'checkboxes',
        action_id: 'c',
        options: [option('Rust', 'rust')],
        initial_options: [{ text: md('*Rust*'), value: 'rust' }],
      }),
    ]),
    expected: error(
      'must exactly match one of the provided options (text, value and description)',
      '/view/blocks/0/element/initial_options/0',
    ),
  },
  {
    name: 'number_input min_value above max_value',
    surface: 'modal',
    payload: form([
      input({
        type: 'number_input',
        action_id: 'n',
        is_decimal_allowed: false,
        min_value: '10',
        max_value: '5',
      }),
    ]),
    expected: error('must not be greater than max_value', '/view/blocks/0/element/min_value'),
  },
  {
    name: 'number_input initial_value outside its bounds',
    surface: 'modal',
    payload: form([
      input({
        type: 'number_input',
        action_id: 'n',
        is_decimal_allowed: true,
        initial_value: '0.5',
        min_value: '1',
      }),
    ]),
    expected: error('must not be less than min_value', '/view/blocks/0/element/initial_value'),
  },
  {
    name: 'number_input decimal initial_value without is_decimal_allowed',
    surface: 'modal',
    payload: form([
      input({ type: 'number_input', action_id: 'n', is_decimal_allowed: false, initial_value: '1.5' }),
    ]),
    expected: error(
      'must be a whole number when is_decimal_allowed is false',
      '/view/blocks/0/element/initial_value',
    ),
  },
  {
    name: 'markdown blocks over 12,000 characters together',
    surface: 'message',
    payload: [
      { type: 'markdown', text: 'a'.repeat(7000) },
      { type: 'markdown', text: 'b'.repeat(7000) },
    ],
    expected: error('markdown blocks must total less than 12001 characters', '/blocks'),
  },
];

describe('payloads Slack refuses are refused (one per class)', () => {
  it.each(CASES)('$name', ({ surface, payload, expected }) => {
    const refusal = check(surface, payload);
    expect(refusal?.error).toBe(surface === 'message' ? 'invalid_blocks' : 'invalid_arguments');
    expect(refusal?.messages).toContain(expected);
  });

  it('the classes are distinct payloads with distinct explanations', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(38);
  });
});

describe('good payloads still pass', () => {
  const kitchenSinkMessage = [
    { type: 'header', text: { ...plain('Week 3 :tada:'), emoji: true } },
    {
      type: 'section',
      block_id: 'intro',
      text: { ...md('*Hello* <@U0ALICE01>'), verbatim: false },
      accessory: button({ url: 'https://example.com/guide?x=1&y=%20', value: 'v1', style: 'primary' }),
    },
    { type: 'section', fields: [md('*Mentor*'), plain('Alice')], expand: true },
    { type: 'divider' },
    {
      type: 'context',
      elements: [md('Sent by the bot'), { type: 'image', image_url: 'https://x.y/a.png', alt_text: 'a' }],
    },
    { type: 'image', image_url: 'https://example.com/chart.png', alt_text: 'Chart', title: plain('Chart') },
    actions(
      button({ action_id: 'yes', value: 'yes', accessibility_label: 'Say yes' }),
      {
        type: 'static_select',
        action_id: 'pick',
        placeholder: plain('Pick'),
        options: [option('Apple', 'a'), { ...option('Banana', 'b'), description: plain('yellow') }],
        initial_option: { ...option('Banana', 'b'), description: plain('yellow') },
      },
      {
        type: 'overflow',
        action_id: 'more',
        options: [{ ...option('Docs'), url: 'https://example.com/docs' }],
      },
      { type: 'datepicker', action_id: 'when', initial_date: '2026-03-01' },
    ),
    richText(
      richSection(
        { type: 'text', text: 'Hi ', style: { bold: true } },
        { type: 'user', user_id: 'U0ALICE01' },
        { type: 'link', url: 'https://example.com', text: 'site' },
        { type: 'emoji', name: 'wave' },
      ),
      { type: 'rich_text_list', style: 'bullet', elements: [richSection({ type: 'text', text: 'one' })] },
    ),
    { type: 'markdown', text: '**bold** and a [link](https://example.com)' },
  ];
  const kitchenSinkModal = form(
    [
      input({
        type: 'plain_text_input',
        action_id: 'goal',
        multiline: true,
        max_length: 500,
        focus_on_load: true,
      }),
      {
        ...input({
          type: 'checkboxes',
          action_id: 'topics',
          options: [option('Rust', 'rust'), { text: md('*Go*'), value: 'go' }],
          initial_options: [{ text: md('*Go*'), value: 'go' }],
        }),
        block_id: 'topics',
        optional: true,
      },
      {
        ...input({
          type: 'number_input',
          action_id: 'n',
          is_decimal_allowed: false,
          min_value: '1',
          max_value: '9',
        }),
        block_id: 'n',
        hint: plain('1 to 9'),
      },
      {
        ...input({ type: 'multi_users_select', action_id: 'who', initial_users: ['U0ALICE01'] }),
        block_id: 'who',
      },
      { ...input({ type: 'file_input', action_id: 'file' }), block_id: 'file' },
    ],
    { close: plain('Cancel'), callback_id: 'profile', private_metadata: '{"v":1}', notify_on_close: true },
  );

  it('a message, a modal and a Home tab using many features are accepted', () => {
    expect(check('message', kitchenSinkMessage)).toBeUndefined();
    expect(check('modal', kitchenSinkModal)).toBeUndefined();
    expect(
      check('home', { type: 'home', callback_id: 'home', blocks: kitchenSinkMessage.slice(0, 8) }),
    ).toBeUndefined();
  });

  it('messages may still carry an empty blocks array next to their text', () => {
    expect(validateMessage('just text', [])).toBeUndefined();
  });
});

describe("the simulator's own checks that the schema lacks are kept", () => {
  it('initial option among the options, initial value within max_length, a text fallback', () => {
    const unknownInitial = [
      actions({ type: 'static_select', action_id: 's', options: [option('a')], initial_option: option('z') }),
    ];
    const tooLong = form([
      input({ type: 'plain_text_input', action_id: 'a', max_length: 5, initial_value: '123456' }),
    ]);
    // The schema alone accepts all three…
    expect(schemaProblems('message', unknownInitial as JsonValue, '/blocks')).toEqual([]);
    expect(schemaProblems('modal', tooLong as JsonValue, '/view')).toEqual([]);
    // …the simulator does not.
    expect(check('message', unknownInitial)?.messages).toEqual([
      error('must match one of the provided options', '/blocks/0/elements/0/initial_option'),
    ]);
    expect(check('modal', tooLong)?.messages).toEqual([
      error('must be less than 6 characters', '/view/blocks/0/element/initial_value'),
    ]);
    expect(validateMessage(undefined, [section('hi')] as never)).toEqual({ error: 'no_text' });
  });

  it('one explanation per field where the simulator and the schema agree', () => {
    expect(check('message', [actions(button({ text: plain('b'.repeat(76)) }))])?.messages).toEqual([
      error('must be less than 76 characters', '/blocks/0/elements/0/text/text'),
    ]);
  });
});

describe('the vendored schema', () => {
  it('compiled in memory, it judges every case as the cached validator code does', () => {
    const fresh = compileSchemaValidators();
    for (const { surface, payload } of CASES) {
      const prefix = surface === 'message' ? '/blocks' : '/view';
      expect(schemaProblems(surface, payload as JsonValue, prefix, fresh)).toEqual(
        schemaProblems(surface, payload as JsonValue, prefix),
      );
    }
  });

  it('is the upstream file named in SOURCE.md, byte for byte', () => {
    const file = schemaPath();
    const source = readFileSync(join(dirname(file), 'SOURCE.md'), 'utf8');
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(source).toContain(sha);
    expect(readFileSync(join(dirname(file), 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });
});

describe('every door carries its schema root', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(async () => {
    await rig.fake.close();
  });

  const badBlocks = [actions(button({ value: '' }))];
  const badBlocksMessage = error('must be more than 0 characters', '/blocks/0/elements/0/value');
  const badView = (type: 'modal' | 'home') =>
    type === 'modal'
      ? modal([section('hi')], { colour: 'red' } as never)
      : { type, colour: 'red', blocks: [section('hi')] };
  const badViewMessage = error('unexpected field: colour', '/view/colour');

  it('chat.postMessage, chat.postEphemeral and chat.update: message blocks', async () => {
    const channel = rig.fake.ensureDm(ALICE.id);
    const expected = { error: 'invalid_blocks', messages: [badBlocksMessage] };
    expect(
      await slackError(rig.client.chat.postMessage({ channel, text: 'x', blocks: badBlocks as never })),
    ).toEqual(expected);
    expect(
      await slackError(
        rig.client.chat.postEphemeral({ channel, user: ALICE.id, text: 'x', blocks: badBlocks as never }),
      ),
    ).toEqual(expected);
    const posted = await rig.client.chat.postMessage({ channel, text: 'ok' });
    expect(
      await slackError(
        rig.client.chat.update({ channel, ts: posted.ts ?? '', text: 'x', blocks: badBlocks as never }),
      ),
    ).toEqual(expected);
    expect(rig.fake.dmsTo(ALICE.id).map((m) => m.text)).toEqual(['ok']);
    expect(rig.fake.ephemerals()).toEqual([]);
  });

  it('files.completeUploadExternal: message blocks', async () => {
    const channel = rig.fake.ensureDm(ALICE.id);
    const { upload_url, file_id } = await rig.client.files.getUploadURLExternal({
      filename: 'a.txt',
      length: 3,
    });
    await fetch(upload_url ?? '', { method: 'POST', body: new Uint8Array([1, 2, 3]) });
    expect(
      await slackError(
        rig.client.files.completeUploadExternal({
          files: [{ id: file_id ?? '' }],
          channel_id: channel,
          blocks: badBlocks as never,
        }),
      ),
    ).toEqual({ error: 'invalid_blocks', messages: [badBlocksMessage] });
  });

  it('response_url posts: message blocks, 400 with the explanations', async () => {
    const url = rig.fake.mintResponseUrl({ userId: ALICE.id, channelId: rig.fake.ensureDm(ALICE.id) });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x', blocks: badBlocks }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      ok: false,
      error: 'invalid_blocks',
      response_metadata: { messages: [badBlocksMessage] },
    });
    expect(rig.fake.responses(url)[0]).toMatchObject({
      error: 'invalid_blocks',
      messages: [badBlocksMessage],
    });
    expect(rig.fake.ephemerals()).toEqual([]);
  });

  it('views.open, views.push and views.update of a modal: the modal root', async () => {
    const expected = { error: 'invalid_arguments', messages: [badViewMessage] };
    const trigger = () => rig.fake.mintTriggerId(ALICE.id);
    expect(
      await slackError(rig.client.views.open({ trigger_id: trigger(), view: badView('modal') as never })),
    ).toEqual(expected);
    const opened = await rig.client.views.open({ trigger_id: trigger(), view: modal() });
    expect(
      await slackError(rig.client.views.push({ trigger_id: trigger(), view: badView('modal') as never })),
    ).toEqual(expected);
    expect(
      await slackError(
        rig.client.views.update({ view_id: opened.view?.id ?? '', view: badView('modal') as never }),
      ),
    ).toEqual(expected);
    expect(rig.fake.openViews(ALICE.id)).toHaveLength(1);
  });

  it('views.publish and views.update of a Home tab: the home root', async () => {
    const expected = { error: 'invalid_arguments', messages: [badViewMessage] };
    expect(
      await slackError(rig.client.views.publish({ user_id: ALICE.id, view: badView('home') as never })),
    ).toEqual(expected);
    const published = await rig.client.views.publish({
      user_id: ALICE.id,
      view: { type: 'home', blocks: [section('home')] },
    });
    expect(
      await slackError(
        rig.client.views.update({ view_id: published.view?.id ?? '', view: badView('home') as never }),
      ),
    ).toEqual(expected);
    // A Home tab is validated as a Home tab: modal fields are refused there.
    expect(
      (
        await slackError(
          rig.client.views.publish({ user_id: ALICE.id, view: { ...modal(), type: 'home' } as never }),
        )
      ).messages,
    ).toContain(error('unexpected field: title', '/view/title'));
  });

  it('view_submission answers: update/push views use the modal root; errors must be readable strings', async () => {
    const opened = await rig.client.views.open({
      trigger_id: rig.fake.mintTriggerId(ALICE.id),
      view: modal([input({ type: 'plain_text_input', action_id: 'goal' }, { block_id: 'goal' })], {
        submit: plain('Save'),
      }),
    });
    const viewId = opened.view?.id ?? '';
    for (const action of ['update', 'push'] as const) {
      expect(
        rig.fake.applyViewSubmissionResponse(ALICE.id, viewId, {
          response_action: action,
          view: badView('modal'),
        }),
      ).toEqual({ action: 'refused', error: 'invalid_arguments', messages: [badViewMessage] });
    }
    expect(
      rig.fake.applyViewSubmissionResponse(ALICE.id, viewId, {
        response_action: 'errors',
        errors: { goal: '' },
      }),
    ).toEqual({
      action: 'refused',
      error: 'invalid_arguments',
      messages: [error('must provide a non-empty string', '/errors/goal')],
    });
    expect(
      rig.fake.applyViewSubmissionResponse(ALICE.id, viewId, {
        response_action: 'errors',
        errors: { goal: 42 },
      }),
    ).toMatchObject({ action: 'refused', error: 'invalid_arguments' });
    expect(
      rig.fake.applyViewSubmissionResponse(ALICE.id, viewId, {
        response_action: 'errors',
        errors: { goal: 'Too short' },
      }),
    ).toEqual({ action: 'errors', errors: { goal: 'Too short' } });
  });
});
