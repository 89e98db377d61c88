// Loaded with `node --import` into every bot and `tick` process the soak starts (compiled by
// test/soak/tsconfig.json). It does two things, and nothing else:
//
// 1. The soak's world clock. A soak plays six weeks in minutes, so every process reads one shared, simulated
//    wall clock: `Date` (and `Date.now()`) read the world time the driver last set, running on in real time
//    from there. The driver moves it forward between steps, over IPC, only when nothing is in flight. One
//    process may be told to run ±2 minutes off the others: that is the "clock jump" fault. Timers, timeouts
//    and the database's own clock (SQLite's unixepoch()) stay real.
// 2. A start line for `tick` processes (SOAK_WAIT_FOR_GO=1): the process loads the command's modules, says
//    `soak-ready`, and waits for `soak-go` with its arguments and time, so starting a tick costs milliseconds
//    instead of the second Node needs to load Bolt and friends. The command then runs exactly as from a shell.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ClockAck, ClockMessage, GoMessage, ReadyMessage } from './protocol.js';

const RealDate = Date;
const realNow = RealDate.now.bind(RealDate);
let offsetMs = Number(process.env.SOAK_CLOCK_OFFSET_MS ?? '0');

const worldNow = () => realNow() + offsetMs;

globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length === 0 ? [worldNow()] : args, newTarget);
  },
  apply() {
    return new RealDate(worldNow()).toString();
  },
  get(target, property, receiver) {
    if (property === 'now') return worldNow;
    return Reflect.get(target, property, receiver);
  },
});

function isMessage<T extends { type: string }>(message: unknown, type: T['type']): message is T {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}

function send(message: ClockAck | ReadyMessage): void {
  process.send?.(message);
}

if (process.send) {
  process.on('message', (message: unknown) => {
    if (!isMessage<ClockMessage>(message, 'soak-clock')) return;
    offsetMs = message.worldMs - realNow();
    send({ type: 'soak-clock-ok', seq: message.seq });
  });
}

if (process.env.SOAK_WAIT_FOR_GO === '1' && process.send) {
  // Load what the command imports (its relative imports), so `soak-go` starts it at once.
  const entry = process.argv[1] ?? '';
  const source = readFileSync(entry, 'utf8');
  const specifiers = [...source.matchAll(/^import\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]!);
  await Promise.all(
    specifiers.map((specifier) =>
      import(new URL(specifier, pathToFileURL(entry)).href).catch(() => undefined),
    ),
  );
  const go = await new Promise<GoMessage>((resolve) => {
    const onMessage = (message: unknown) => {
      if (!isMessage<GoMessage>(message, 'soak-go')) return;
      process.off('message', onMessage);
      resolve(message);
    };
    process.on('message', onMessage);
    send({ type: 'soak-ready' });
  });
  offsetMs = go.worldMs - realNow();
  process.argv.splice(2, process.argv.length - 2, ...go.args);
  // A one-shot command must be free to exit when it is done: the channel would keep it alive.
  process.removeAllListeners('message');
  process.disconnect?.();
}
