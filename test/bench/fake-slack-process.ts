// The loopback Slack for the fan-out benchmark, in its own process: Slack is another machine in real life,
// so its work (parsing, validating, storing 10,000 messages) shouldn't be billed to the bot's process.
// Usage: node fake-slack-process.js <pairs> <messagesPerMinute>; prints one JSON line with its API URL,
// then answers "stats" on stdin with one JSON line of call counts, and exits on "exit".

import { createInterface } from 'node:readline';
import { startFakeSlack } from '../../src/simulator/index.js';

export const BENCH_TOKEN = 'xoxb-bench';

export const benchUser = (role: 'M' | 'E', i: number) => `U0B${role}${String(i).padStart(6, '0')}`;
export const benchChannel = (i: number) => `G0B${String(i).padStart(7, '0')}`;

async function main(): Promise<void> {
  const pairs = Number(process.argv[2]);
  const perMinute = Number(process.argv[3]);
  const fake = await startFakeSlack({
    tokens: [BENCH_TOKEN],
    rateLimits: { workspaceMessagesPerMinute: perMinute, postMessagePerChannel: { perSecond: 1, burst: 3 } },
  });
  for (let i = 0; i < pairs; i++) {
    const mentor = benchUser('M', i);
    const mentee = benchUser('E', i);
    fake.addUser({ id: mentor, name: mentor.toLowerCase(), tz: 'Europe/London' });
    fake.addUser({ id: mentee, name: mentee.toLowerCase(), tz: 'Europe/London' });
    fake.addChannel({
      id: benchChannel(i),
      name: `mpdm-bench-${i}`,
      isPrivate: true,
      members: [mentor, mentee],
      botIsMember: true,
    });
  }
  process.stdout.write(`${JSON.stringify({ apiUrl: fake.apiUrl })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'stats') {
      const calls = fake.calls;
      process.stdout.write(
        `${JSON.stringify({
          calls: calls.length,
          limited: calls.filter((c) => c.status === 429).length,
          delivered: calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200).length,
        })}\n`,
      );
    } else if (line === 'exit') {
      await fake.close();
      process.exit(0);
    }
  }
}

if (process.argv[1]?.endsWith('fake-slack-process.js')) await main();
