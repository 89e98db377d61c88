// The load generator of the ack benchmark, in its own process: `concurrency` people at once, each running
// `/reverse-mentor` (a signed slash command), waiting for the form the app opens, and submitting it (a signed
// view_submission built by the loopback Slack from the modal the app really opened), over and over until the
// time is up. Half of them are new people, half already have a stored profile.
//
// Ack time is from sending the HTTP request to the app until its whole HTTP response has arrived (Slack's 3 s
// deadline is on that). Requests still in flight when the time is up are waited for (up to `timeoutMs`) and count
// in the latencies, but not in "answered in the window".
//
// Usage: node ack-load.js '<LoadOptions as JSON>'; prints one JSON line (LoadResult) when done.

import { Agent, request } from 'node:http';
import { signatureHeaders } from '../../src/simulator/payloads/signing.js';
import { newcomer, storedUser } from './ack-fake-slack.js';

export interface LoadOptions {
  appUrl: string;
  controlUrl: string;
  signingSecret: string;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  warmupConcurrency: number;
  storedPeople: number;
  /** Newcomers the fake knows: the timed run uses the first `newcomers - WARMUP_NEWCOMERS`, the warm-up the rest. */
  newcomers: number;
  timeoutMs: number;
}

export interface LoadResult {
  /** Every ack time in ms, commands and submissions together (failures excluded; see `failed`). */
  latencies: number[];
  commandLatencies: number[];
  submissionLatencies: number[];
  /** Answered with HTTP 200 before the window closed. */
  answeredInWindow: number;
  commands: number;
  submissions: number;
  /** Submissions answered with an empty body (the modal closes: saved). */
  saved: number;
  /** Submissions answered with something else (field errors, a refusal). */
  refused: number;
  /** Commands after which no modal opened within the wait. */
  noForm: number;
  /** Non-200 answers, timeouts, connection errors. */
  failed: number;
  sample: string[];
  /** The slowest acks: when each request was sent (ms after the timed window opened), its kind and its ack time. */
  slowest: { atMs: number; kind: 'command' | 'submission'; ms: number }[];
}

export const WARMUP_NEWCOMERS = 5_000;

const SLOWEST_KEPT = 8;
/** Workers start spread over this long (see `phase`). */
const RAMP_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the SLOWEST_KEPT slowest acks, slowest first: when they happen says what the app was doing then. */
function noteIfSlow(slowest: LoadResult['slowest'], ack: LoadResult['slowest'][number]): void {
  if (slowest.length === SLOWEST_KEPT && slowest.at(-1)!.ms >= ack.ms) return;
  slowest.push(ack);
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, SLOWEST_KEPT);
}

const TOPICS = ['ai-tools', 'social-media', 'collaboration-tools', 'data-analytics', 'digital-marketing'];
const TEAMS = ['Sales', 'Engineering', 'Marketing', 'Finance', 'People', 'Operations'];

/** What person #k enters in the opt-in form (keyed by block_id). */
function answersFor(k: number): Record<string, string | string[]> {
  const mentor = k % 2 === 0;
  return {
    role: mentor ? 'mentor' : 'mentee',
    topics: [TOPICS[k % TOPICS.length]!, TOPICS[(k + 2) % TOPICS.length]!],
    career_stage: mentor ? (k % 3 === 0 ? 'mid' : 'early') : k % 3 === 0 ? 'senior' : 'executive',
    team: TEAMS[k % TEAMS.length]!,
    goals: mentor
      ? `I'd like to share what I know about ${TOPICS[k % TOPICS.length]}.`
      : 'Learn how younger teams work.',
  };
}

interface Answer {
  status: number;
  text: string;
  ms: number;
  doneAt: number;
}

function post(
  url: URL,
  agent: Agent,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  started = performance.now(),
  retried = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const doneAt = performance.now();
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: doneAt - started,
            doneAt,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed just as it was reused: send again on a new one, as Node's
      // documentation advises, timed from the first attempt.
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) {
        post(url, agent, body, headers, timeoutMs, started, true).then(resolve, reject);
      } else reject(error);
    });
    req.end(body);
  });
}

async function run(options: LoadOptions): Promise<LoadResult> {
  const appUrl = new URL(options.appUrl);
  const appAgent = new Agent({
    keepAlive: true,
    maxSockets: options.concurrency + options.warmupConcurrency,
  });
  const controlAgent = new Agent({
    keepAlive: true,
    maxSockets: options.concurrency + options.warmupConcurrency,
  });
  const control = async <T>(path: string, body: unknown): Promise<T> => {
    const answer = await post(
      new URL(path, options.controlUrl),
      controlAgent,
      JSON.stringify(body),
      { 'content-type': 'application/json' },
      30_000,
    );
    if (answer.status !== 200) throw new Error(`control ${path}: ${answer.status} ${answer.text}`);
    return JSON.parse(answer.text) as T;
  };
  const signed = (body: string) => ({
    'content-type': 'application/x-www-form-urlencoded',
    ...signatureHeaders(options.signingSecret, body, Math.floor(Date.now() / 1000)),
  });

  const fresh = (): LoadResult => ({
    latencies: [],
    commandLatencies: [],
    submissionLatencies: [],
    answeredInWindow: 0,
    commands: 0,
    submissions: 0,
    saved: 0,
    refused: 0,
    noForm: 0,
    failed: 0,
    sample: [],
    slowest: [],
  });

  /** `workers` people in a loop until `end`; person #k comes from `personOf(k)`. */
  async function phase(
    workers: number,
    durationMs: number,
    personOf: (k: number) => string,
  ): Promise<LoadResult> {
    const result = fresh();
    const start = performance.now();
    const end = start + durationMs;
    let next = 0;
    const timed = async (kind: 'command' | 'submission', body: string): Promise<Answer | null> => {
      if (kind === 'command') result.commands++;
      else result.submissions++;
      const sentAt = performance.now();
      try {
        const answer = await post(appUrl, appAgent, body, signed(body), options.timeoutMs);
        if (answer.status !== 200) {
          result.failed++;
          if (result.sample.length < 5)
            result.sample.push(`${kind}: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
          return null;
        }
        result.latencies.push(answer.ms);
        (kind === 'command' ? result.commandLatencies : result.submissionLatencies).push(answer.ms);
        if (answer.doneAt <= end) result.answeredInWindow++;
        noteIfSlow(result.slowest, { atMs: Math.round(sentAt - start), kind, ms: Math.round(answer.ms) });
        return answer;
      } catch (error) {
        result.failed++;
        if (result.sample.length < 5) result.sample.push(`${kind}: ${String(error)}`);
        return null;
      }
    };
    const worker = async (): Promise<void> => {
      while (performance.now() < end) {
        const k = next++;
        const user = personOf(k);
        const { fields, lastViewId } = await control<{
          fields: Record<string, string>;
          lastViewId: string | null;
        }>('/command', { user });
        const command = await timed('command', new URLSearchParams(fields).toString());
        if (!command || performance.now() >= end) continue;
        const { payload } = await control<{ payload: unknown }>('/submission', {
          user,
          since: lastViewId,
          answers: answersFor(k),
          waitMs: 4_000,
        });
        if (!payload) {
          result.noForm++;
          continue;
        }
        if (performance.now() >= end) continue;
        const answer = await timed(
          'submission',
          new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        );
        if (!answer) continue;
        if (answer.text === '') result.saved++;
        else {
          result.refused++;
          if (result.sample.length < 5)
            result.sample.push(`submission answered ${answer.text.slice(0, 300)}`);
        }
      }
    };
    // People arrive over the first RAMP_MS rather than in the same millisecond: a closed-loop generator that
    // starts everyone at once keeps them in lock-step (all commands, then all submissions) for the first rounds,
    // a convoy no real crowd makes. The same ramp for both apps.
    await Promise.all(Array.from({ length: workers }, (_, i) => sleep((i * RAMP_MS) / workers).then(worker)));
    return result;
  }

  const timedNewcomers = options.newcomers - WARMUP_NEWCOMERS;
  // Half new people, half people with a stored profile (spread over the table, not its first rows).
  const person = (newcomerBase: number, newcomerCount: number, storedSalt: number) => (k: number) =>
    k % 2 === 0
      ? newcomer(newcomerBase + ((k / 2) % newcomerCount))
      : storedUser((((k - 1) / 2) * 7_919 + storedSalt) % options.storedPeople);
  if (options.warmupMs > 0) {
    await phase(options.warmupConcurrency, options.warmupMs, person(timedNewcomers, WARMUP_NEWCOMERS, 4_231));
    // The fake's call counts then cover the timed window only.
    await control('/reset', {});
  }
  const result = await phase(options.concurrency, options.durationMs, person(0, timedNewcomers, 17));
  appAgent.destroy();
  controlAgent.destroy();
  return result;
}

if (process.argv[1]?.endsWith('ack-load.js')) {
  const result = await run(JSON.parse(String(process.argv[2])) as LoadOptions);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
