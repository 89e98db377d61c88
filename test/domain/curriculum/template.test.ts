import { describe, expect, it } from 'vitest';
import { orderByHash, stringHash } from '../../../src/domain/curriculum/hash.js';
import {
  escapeMrkdwn,
  hasPlaceholder,
  placeholdersIn,
  renderTemplate,
} from '../../../src/domain/curriculum/template.js';

describe('renderTemplate', () => {
  it('fills a placeholder with the value when there is one', () => {
    expect(renderTemplate('Show me {topic|your tools}, please', { topic: 'Notion' })).toBe(
      'Show me Notion, please',
    );
  });

  it('uses the fallback when the value is missing, null or blank', () => {
    for (const topic of [undefined, null, '', '   ']) {
      expect(renderTemplate('Show me {topic|your tools}.', { topic })).toBe('Show me your tools.');
    }
  });

  it('fills several placeholders and leaves other text alone', () => {
    expect(renderTemplate('{topic|a} and {topic|b}; *bold*', { topic: 'X' })).toBe('X and X; *bold*');
    expect(renderTemplate('{topic|a} and {topic|b}', {})).toBe('a and b');
    expect(renderTemplate('no placeholders', { topic: 'X' })).toBe('no placeholders');
  });

  it('throws when a placeholder has neither a value nor a fallback', () => {
    expect(() => renderTemplate('About {topic}', {})).toThrow(/no value and no fallback/);
    expect(renderTemplate('About {topic}', { topic: 'Y' })).toBe('About Y');
  });

  it('lists placeholders with their fallbacks', () => {
    expect(placeholdersIn('a {topic|x y} b {other}')).toEqual([
      { name: 'topic', fallback: 'x y' },
      { name: 'other', fallback: undefined },
    ]);
    expect(hasPlaceholder('a {topic|x}', 'topic')).toBe(true);
    expect(hasPlaceholder('a {topics|x}', 'topic')).toBe(false);
  });
});

describe('escapeMrkdwn', () => {
  it('escapes the three characters Slack treats as markup', () => {
    expect(escapeMrkdwn('R&D <team> > you')).toBe('R&amp;D &lt;team&gt; &gt; you');
  });
});

describe('stringHash and orderByHash', () => {
  it('is stable and spreads nearby keys', () => {
    expect(stringHash('pair-1')).toBe(stringHash('pair-1'));
    expect(stringHash('')).toBe(stringHash(''));
    const hashes = new Set(Array.from({ length: 1000 }, (_, i) => stringHash(`pair-${i}`)));
    expect(hashes.size).toBe(1000);
    for (const h of hashes) expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
  });

  it('orders the same way for the same salt and differently for different salts', () => {
    const items = Array.from({ length: 12 }, (_, i) => `item-${i}`);
    const a = orderByHash(items, 'salt-a', (x) => x);
    expect(orderByHash(items, 'salt-a', (x) => x)).toEqual(a);
    expect([...a].sort()).toEqual([...items].sort());
    expect(orderByHash(items, 'salt-b', (x) => x)).not.toEqual(a);
  });

  it('keeps the relative order of existing items when one is added', () => {
    const items = Array.from({ length: 12 }, (_, i) => `item-${i}`);
    const before = orderByHash(items, 'salt', (x) => x);
    const after = orderByHash([...items, 'item-new'], 'salt', (x) => x).filter((x) => x !== 'item-new');
    expect(after).toEqual(before);
  });
});
