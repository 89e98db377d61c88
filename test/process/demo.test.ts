import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/process.js';

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'rm-demo-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

async function demo(args: string[]) {
  const started = Date.now();
  const result = await runCli(['demo', ...args]);
  return { ...result, ms: Date.now() - started };
}

describe('npm run demo', () => {
  it('plays a whole cohort, prints each stage, writes the chart, and exits by itself', async () => {
    const result = await demo(['--people', '10', '--weeks', '4', '--seed', '3', '--fast', '--out', out]);
    // Exiting on its own (no kill) is the proof that nothing was left listening.
    expect(result.code).toBe(0);
    const t = result.stdout;
    expect(t).toContain('Olivia creates a cohort');
    expect(t).toContain('the form answers: Add a little more about your goals');
    expect(t).toMatch(/WELCOME TO WINTER COHORT/);
    expect(t).toContain('Why you two:');
    expect(t).toMatch(/WEEK 2 OF 4:/);
    expect(t).toContain('Quick check-in');
    expect(t).toContain('Nice — you met this week');
    expect(t).toContain("haven't managed to meet");
    expect(t).toContain('/reverse-mentor pause 1w');
    expect(t).toContain('A pair asked for help');
    expect(t).toMatch(/REVERSE MENTORING — WINTER COHORT \(SUMMARY\)/);
    expect(t).toMatch(/Average value \d\.\d \/ 5 from 10 answers/);
    // Every line of the transcript names a local time for what people received.
    expect(t).toMatch(/\[Mon \d+ \w+, 09:00 [A-Za-z ]+/);
    const chart = join(out, 'summary-chart.png');
    expect(t).toContain(`The chart posted with the summary: ${chart}`);
    expect(existsSync(chart)).toBe(true);
    expect([...readFileSync(chart).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(result.stderr).toBe('');
  }, 60_000);

  it('is reproducible: the same seed prints the same story', async () => {
    const a = await demo(['--people', '6', '--weeks', '4', '--seed', '9', '--fast', '--out', out]);
    const b = await demo(['--people', '6', '--weeks', '4', '--seed', '9', '--fast', '--out', out]);
    const strip = (s: string) => s.replace(/127\.0\.0\.1:\d+/g, 'PORT');
    expect(strip(a.stdout)).toBe(strip(b.stdout));
  }, 60_000);

  it('explains a wrong option', async () => {
    const result = await demo(['--people', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--people must be a whole number');
  });
});
