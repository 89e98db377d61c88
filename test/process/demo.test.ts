import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/process.js';

// `npm run demo` as a person runs it: the built command, in its own process. One seeded run is checked from
// several sides — the stages it must show, and an independent oracle over every message it recorded.

interface Delivery {
  at: string;
  method: string;
  kind: string | null;
  channel: string;
  conversation: 'im' | 'mpim' | 'channel';
  to: { id: string; name: string; tz: string | null; owner: boolean }[];
  heading: string;
}

const dirs: string[] = [];
function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rm-demo-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function demo(args: string[]) {
  const started = Date.now();
  const result = await runCli(['demo', ...args]);
  return { ...result, ms: Date.now() - started };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The recipient's own clock, worked out here with Intl (not with any of the bot's or the demo's code). */
function localClock(at: string, timeZone: string): { weekday: string; minute: number } {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: part('weekday'), minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** Monday to Friday, 08:00 to 19:00 on the recipient's clock. */
function insideWindow(at: string, timeZone: string): boolean {
  const { weekday, minute } = localClock(at, timeZone);
  return WEEKDAYS.indexOf(weekday) < 5 && minute >= 8 * 60 && minute < 19 * 60;
}

/** Every line that isn't a message's body: headings, stages, what people do. */
function storyLines(transcript: string): string[] {
  return transcript.split('\n').filter((line) => !line.startsWith('     │'));
}

const ARGS = ['--people', '16', '--weeks', '4', '--seed', '3', '--fast'];

describe('npm run demo', () => {
  let out: string;
  let run: Awaited<ReturnType<typeof demo>>;
  let deliveries: Delivery[];

  beforeAll(async () => {
    out = outDir();
    run = await demo([...ARGS, '--out', out]);
    const log = join(out, 'deliveries.jsonl');
    deliveries = existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as Delivery)
      : [];
  }, 120_000);

  it('exits 0 by itself, with nothing on stderr', () => {
    // Exiting on its own (no kill) is the proof that nothing was left listening.
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('shows every stage of a cohort, in order', () => {
    const t = run.stdout;
    const stages = [
      'Olivia creates a cohort and announces it',
      '→ #general',
      'sees the opt-in form:',
      'the form answers:',
      'Enrolment has closed: the scheduler proposes pairs',
      'Olivia sees the draft pairs:',
      'presses Launch',
      'WELCOME TO WINTER COHORT',
      'Week 1 of 4',
      '/reverse-mentor pause 1w',
      'Week 2 of 4',
      'Week 3 of 4',
      'Week 4 of 4',
      'Olivia opens her Home tab',
      'The cohort is over',
      'The survey has closed: the final summary',
      'The chart posted with the summary:',
    ];
    let from = 0;
    for (const stage of stages) {
      const at = t.indexOf(stage, from);
      expect(at, `"${stage}" after position ${from}`).toBeGreaterThanOrEqual(from);
      from = at;
    }
    // The opt-in form, the review and the dashboard are printed once each, whole.
    expect(t.split('sees the opt-in form:').length - 1).toBe(1);
    expect(t.split('Olivia sees the draft pairs:').length - 1).toBe(1);
    expect(t.split('Olivia opens her Home tab').length - 1).toBe(1);
    expect(t).toContain('Add a little more about your goals');
    expect(t).toContain('Why you two:');
    expect(t).toMatch(/WEEK 2 OF 4:/);
    expect(t).toMatch(/you met/i);
    expect(t).toMatch(/We need help/);
    expect(t).toMatch(/\(message updated\)/);
    // The final summary is posted whole, with every survey answer in it.
    expect(t).toMatch(/REVERSE MENTORING — WINTER COHORT \((FINAL )?SUMMARY\)/);
    expect(t).toMatch(/Average value \d\.\d \/ 5 from 16 answers/);
    // A DM is shown at its recipient's local time, e.g. "[Tue 8 Dec, 08:00 Singapore · Mon 7 Dec, 16:00 Los Angeles]".
    expect(t).toMatch(
      /\[(Mon|Tue|Wed|Thu|Fri) \d+ \w+, \d\d:\d\d Singapore · \w+ \d+ \w+, \d\d:\d\d Los Angeles\]/,
    );
    const chart = join(out, 'summary-chart.png');
    expect(t).toContain(`The chart posted with the summary: ${chart}`);
    expect([...readFileSync(chart).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('records every message it printed, and the scheduler sent every kind of message', () => {
    const dms = deliveries.filter((d) => d.conversation !== 'channel');
    const printed = storyLines(run.stdout).filter(
      (line) => /\((group )?DM\)$/.test(line) && !line.endsWith('(message updated)'),
    );
    expect(dms.map((d) => d.heading)).toEqual(printed);
    const times = deliveries.map((d) => Date.parse(d.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const kinds = new Set(deliveries.map((d) => d.kind));
    for (const kind of [
      'owner-alert',
      'intro',
      'prompt',
      'checkin',
      'reminder',
      'fit-check',
      'partner-update',
      'thanks',
      'survey',
      'survey-reminder',
      'summary',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const pairs = deliveries.filter((d) => d.kind === 'intro').length;
    expect(pairs).toBe(8);
    // Halfway and final summaries, each with its chart.
    expect(deliveries.filter((d) => d.kind === 'summary')).toHaveLength(2);
    expect(deliveries.filter((d) => d.method === 'files.completeUploadExternal')).toHaveLength(2);
  });

  it('sends no participant a DM outside Monday–Friday 08:00–19:00 on their own clock', () => {
    const toParticipants = deliveries.filter(
      (d) => d.conversation !== 'channel' && d.to.length > 0 && d.to.every((p) => !p.owner),
    );
    expect(toParticipants.length).toBeGreaterThan(100);
    // The demo's people are far apart — otherwise there would be nothing to check.
    const zones = new Set(toParticipants.flatMap((d) => d.to.map((p) => p.tz)));
    for (const zone of ['Asia/Singapore', 'America/Los_Angeles', 'Asia/Kathmandu', 'Pacific/Auckland'])
      expect(zones).toContain(zone);
    const outside = toParticipants.flatMap((d) =>
      d.to
        .filter((p) => !p.tz || !insideWindow(d.at, p.tz))
        .map((p) => `${d.kind ?? 'reply'} to ${p.name} (${p.tz}) at ${d.at}: ${d.heading}`),
    );
    expect(outside).toEqual([]);
  });

  it('plays the same story for the same seed, and --full prints every line of every message', async () => {
    const fullOut = outDir();
    const full = await demo([...ARGS, '--full', '--out', fullOut]);
    expect(full.code).toBe(0);
    const strip = (lines: string[]) =>
      lines.map((line) =>
        line
          .replace(/127\.0\.0\.1:\d+/g, 'PORT')
          .replaceAll(fullOut, 'OUT')
          .replaceAll(out, 'OUT'),
      );
    expect(strip(storyLines(full.stdout))).toEqual(strip(storyLines(run.stdout)));
    expect(run.stdout).toContain('--full shows them');
    expect(full.stdout).not.toContain('more lines');
    expect(full.stdout.length).toBeGreaterThan(run.stdout.length);
  }, 120_000);

  it('explains a wrong option', async () => {
    const words = await demo(['--people', 'many']);
    expect(words.code).toBe(2);
    expect(words.stderr).toContain('--people must be a whole number from 4 to 200');
    const tooLong = await demo(['--weeks', '27']);
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('--weeks must be a whole number from 4 to 26');
    // A folder that can't be created is said at once (Node's recursive mkdir would spin here for ever).
    const nowhere = await demo(['--out', '/proc/rm-demo/out']);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain("--out: can't create the folder /proc/rm-demo");
  });
});
