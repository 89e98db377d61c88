import { describe, expect, it } from 'vitest';
import { renderBlocksAsText, tidyMrkdwn } from '../../src/simulator/index.js';

const names: Record<string, string> = { U0ALICE01: 'alice', U0BOB0001: 'bob' };
const userName = (id: string) => names[id];

describe('tidyMrkdwn', () => {
  it('removes formatting markers but not underscores inside words', () => {
    expect(tidyMrkdwn('*Week 3*: _pair_ with ~nobody~ `now` in snake_case_name')).toBe(
      'Week 3: pair with nobody now in snake_case_name',
    );
  });

  it('resolves mentions, links and entities', () => {
    expect(tidyMrkdwn('Hi <@U0ALICE01>, meet <@U0BOB0001> and <@U0OTHER01>', { userName })).toBe(
      'Hi @alice, meet @bob and @U0OTHER01',
    );
    expect(
      tidyMrkdwn('See <https://example.com/guide|the guide> or <https://example.com> <mailto:a@b.c|mail>'),
    ).toBe('See the guide or https://example.com mail');
    expect(tidyMrkdwn('<#C123|general> <!here> <!subteam^S1|@mentors> 1 &lt; 2 &amp;&amp; 3 &gt; 2')).toBe(
      '#general @here @mentors 1 < 2 && 3 > 2',
    );
    expect(tidyMrkdwn('&lt;@U0ALICE01&gt;', { userName })).toBe('<@U0ALICE01>');
  });
});

describe('renderBlocksAsText', () => {
  it('renders a typical message', () => {
    const text = renderBlocksAsText(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Your pair this week' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*<@U0ALICE01>* will mentor you' },
          accessory: { type: 'image', image_url: 'x', alt_text: 'Alice' },
        },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Topic*\nGit' },
            { type: 'plain_text', text: 'Time: 30 min' },
          ],
        },
        { type: 'divider' },
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'Confirm' }, action_id: 'a' },
            {
              type: 'static_select',
              placeholder: { type: 'plain_text', text: 'Reschedule' },
              options: [],
              action_id: 'b',
            },
            { type: 'users_select', action_id: 'c' },
            { type: 'overflow', options: [], action_id: 'd' },
          ],
        },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'Cohort _7_' },
            { type: 'image', image_url: 'x', alt_text: 'logo' },
          ],
        },
      ],
      'fallback',
      { userName },
    );
    expect(text).toBe(
      [
        'YOUR PAIR THIS WEEK',
        '===================',
        '@alice will mentor you  (image: Alice)',
        '  Topic',
        '  Git',
        '  Time: 30 min',
        '─'.repeat(40),
        '[ Confirm ]  [ Reschedule ▾ ]  [ Choose… ▾ ]  [ ⋯ ]',
        'Cohort 7 · (image: logo)',
      ].join('\n'),
    );
  });

  it('falls back to the text when there are no blocks', () => {
    expect(renderBlocksAsText(undefined, 'Hello *there*')).toBe('Hello there');
    expect(renderBlocksAsText([], '')).toBe('');
  });

  it('renders inputs, choices and images', () => {
    const text = renderBlocksAsText([
      {
        type: 'input',
        label: { type: 'plain_text', text: 'Goal' },
        optional: true,
        element: { type: 'plain_text_input', placeholder: { type: 'plain_text', text: 'e.g. learn Rust' } },
        hint: { type: 'plain_text', text: 'One sentence' },
      },
      {
        type: 'input',
        label: { type: 'plain_text', text: 'Days' },
        element: {
          type: 'checkboxes',
          options: [
            { text: { type: 'plain_text', text: 'Mon' }, value: 'mon' },
            { text: { type: 'plain_text', text: 'Tue' }, value: 'tue' },
          ],
          initial_options: [{ text: { type: 'plain_text', text: 'Tue' }, value: 'tue' }],
        },
      },
      { type: 'image', image_url: 'https://x/y.png', alt_text: 'Pairs chart' },
    ]);
    expect(text).toBe(
      [
        'Goal (optional): [ e.g. learn Rust ]',
        '  One sentence',
        'Days: [ ] Mon  [x] Tue',
        '(image: Pairs chart)',
      ].join('\n'),
    );
  });

  it('renders rich_text sections, lists and quotes', () => {
    const text = renderBlocksAsText(
      [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'Ask ' },
                { type: 'user', user_id: 'U0BOB0001' },
                { type: 'text', text: ' about ' },
                { type: 'link', url: 'https://git-scm.com', text: 'git' },
                { type: 'emoji', name: 'tada' },
              ],
            },
            {
              type: 'rich_text_list',
              style: 'ordered',
              elements: [
                { type: 'rich_text_section', elements: [{ type: 'text', text: 'first' }] },
                { type: 'rich_text_section', elements: [{ type: 'text', text: 'second' }] },
              ],
            },
            { type: 'rich_text_quote', elements: [{ type: 'text', text: 'be kind' }] },
          ],
        },
      ],
      undefined,
      { userName },
    );
    expect(text).toBe(['Ask @bob about git:tada:', '1. first', '2. second', '> be kind'].join('\n'));
  });

  it('ignores junk instead of throwing', () => {
    expect(renderBlocksAsText([null, 3, 'x', { type: 'mystery' }, { text: 'no type' }], 'fb')).toBe(
      '[mystery]',
    );
  });
});
