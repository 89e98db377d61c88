import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/slack/listeners/commands/parse.js';

describe('parseCommandText', () => {
  it.each([
    ['', { name: '', args: [] }],
    ['  HELP ', { name: 'help', args: [] }],
    ['summary "Spring 2027"', { name: 'summary', args: ['Spring 2027'] }],
    ['summary “Spring 2027” extra', { name: 'summary', args: ['Spring 2027', 'extra'] }],
    ['export Spring', { name: 'export', args: ['Spring'] }],
  ])('%j', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});
