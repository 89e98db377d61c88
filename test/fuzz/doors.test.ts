import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, CALLBACKS } from '../../src/slack/ids.js';
import { harvest, Surfaces, syntheticBases } from './bases.js';
import {
  buildUnrouted,
  type FuzzEnv,
  planArb,
  prototypeFingerprint,
  report,
  runCase,
  runUnrouted,
  startTrap,
  unroutedArb,
} from './cases.js';
import { DatabaseWatch } from './database.js';
import { allDoors, type Door, doorKey, registeredDoors, specOf } from './doors.js';
import { OWNERS, seedWorld } from './world.js';

// Issue 9, "Fuzz every door": every slash command, block_actions action_id and view_submission callback_id the app
// registers (read from its registration code), sent signed into the real app with payloads built from what the app
// really showed people in a seeded world — or generated from the zod schemas — and then mutated. See
// test/fuzz/README.md for what is checked and how to reproduce a failure.
//
// FUZZ_RUNS (cases per door, default 20), FUZZ_SEED (default fixed), FUZZ_SHRINK=1 (shrink failures; slower),
// FUZZ_STATS=1 (print, per door, how many cases ran, had to be refused, changed the database, were refused by Bolt).

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 20));
const SEED = Number(process.env.FUZZ_SEED ?? 92_026);
const SHRINK = process.env.FUZZ_SHRINK === '1';
const PER_DOOR_TIMEOUT_MS = 60_000 + RUNS * 4_000;

const doors: Door[] = allDoors();
const label = (door: Door) => `${door.kind} ${door.id === '' ? '(no text: the form)' : door.id}`;

let env: FuzzEnv;
const onError = (error: unknown) => {
  env?.processErrors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
};

beforeAll(async () => {
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  const w = await seedWorld();
  const surfaces = new Surfaces(w);
  const bases = await harvest(w, doors, surfaces);
  syntheticBases(w, surfaces, bases);
  await w.h.settle();
  const pristinePath = join(dirname(w.h.dbPath), 'pristine.sqlite');
  DatabaseWatch.copy(w.h.dbPath, pristinePath);
  const db = new DatabaseWatch(w.h.dbPath, pristinePath);
  // The stale trigger_id must really be stale: Slack (and the loopback one) honour one for 3 s.
  const wait = w.staleSince + 3_500 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  env = {
    w,
    bases,
    surfaces,
    db,
    jc: { db, fake: w.h.fake, envOwners: OWNERS },
    trap: await startTrap(),
    staleTriggers: [w.staleTrigger],
    pristine: db.snapshot(),
    processErrors: [],
    prototypes: prototypeFingerprint(),
    cases: 0,
    stats: new Map(),
  };
}, 180_000);

afterAll(async () => {
  if (process.env.FUZZ_STATS && env) {
    const lines = [...env.stats].map(
      ([door, s]) =>
        `${door.padEnd(36)} ${String(s.cases).padStart(6)} ${String(s.refused).padStart(8)} ${String(s.changed).padStart(8)} ${String(s.bolt).padStart(6)}`,
    );
    console.log(`${'door'.padEnd(36)}  cases  refused  changed   bolt\n${lines.join('\n')}`);
  }
  process.off('uncaughtException', onError);
  process.off('unhandledRejection', onError);
  env?.db.close();
  await env?.trap.close();
  await env?.w.h.stop();
});

const options = (offset: number) => ({
  numRuns: RUNS,
  seed: SEED + offset,
  endOnFailure: !SHRINK,
});

describe('the doors', () => {
  it('are all registered by id, described, and reached by a realistic payload from the seeded world', () => {
    const undescribed = doors.filter((d) => !specOf(d)).map(doorKey);
    const unreached = doors
      .filter((d) =>
        (env.bases.get(doorKey(d)) ?? []).every((b) => b.kind === 'action' && b.synthetic === 'generic'),
      )
      .map(doorKey);
    expect(
      { undescribed, unreached },
      'add a DoorSpec in test/fuzz/doors.ts for an undescribed door; put an unreached one in the world (world.ts) or in syntheticBases (bases.ts)',
    ).toEqual({ undescribed: [], unreached: [] });
  });
});

describe('every door, fuzzed', () => {
  doors.forEach((door, index) => {
    it(
      label(door),
      async () => {
        let built = 0;
        await fc.assert(
          fc.asyncProperty(planArb(env, door), async (plan) => {
            const started = performance.now();
            const result = await runCase(env, door, plan);
            if (process.env.FUZZ_DEBUG) {
              console.log(
                label(door),
                Math.round(performance.now() - started),
                'ms',
                JSON.stringify(plan).slice(0, 300),
                result?.response.elapsedMs,
              );
            }
            if (!result) return;
            built++;
            if (result.violations.length > 0) throw new Error(report(result));
          }),
          options(index),
        );
        expect(built, 'cases that could be built').toBeGreaterThan(0);
      },
      PER_DOOR_TIMEOUT_MS,
    );
  });
});

describe('requests no listener takes', () => {
  it(
    'are answered within 3 s and change nothing',
    async () => {
      const registered = registeredDoors();
      const unregistered = {
        actions: Object.values(ACTIONS).filter((id) => !registered.actions.includes(id)),
        callbacks: Object.values(CALLBACKS).filter((id) => !registered.views.includes(id)),
      };
      await fc.assert(
        fc.asyncProperty(unroutedArb(), async (plan) => {
          const built = await buildUnrouted(env, plan, unregistered);
          if (!built) return;
          const result = await runUnrouted(env, built);
          if (result.violations.length > 0) throw new Error(report(result));
        }),
        options(1_000),
      );
    },
    PER_DOOR_TIMEOUT_MS,
  );
});

describe('after all that', () => {
  it('the bot is still healthy and the process reported no uncaught errors', async () => {
    const response = await fetch(`http://127.0.0.1:${env.w.h.bot.port}/healthz`);
    expect(response.status).toBe(200);
    expect(env.processErrors).toEqual([]);
    expect(env.db.problems()).toEqual([]);
  });
});
