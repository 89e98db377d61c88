import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createCohort, OWNER_USER, optIn, TEN } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

// Issue 13: what a crowd does — run `/reverse-mentor`, get the form, submit it, submit it again — must cost the
// same with 100,000 people stored as with 2,000. So no statement on that path may walk a table that grows with
// the number of people: every one is looked up through an index. The statements are the ones the real app runs
// (recorded as better-sqlite3 executes them), each explained by SQLite itself.

/** Tables that hold a row per cohort, not per person: a walk over them stays small. */
const SMALL_TABLES = new Set(['cohorts']);

type Statement = Record<string, (...args: unknown[]) => unknown>;

let h: Harness | undefined;
const executed = new Set<string>();
let recording = false;
const proto = Database.prototype as unknown as { prepare: (sql: string) => Statement };
const originalPrepare = proto.prepare;

afterAll(async () => {
  proto.prepare = originalPrepare;
  await h?.stop();
});

describe('the opt-in path under a crowd', () => {
  it('looks everything up through an index: no walk over a table that grows with people', async () => {
    proto.prepare = function (this: unknown, sql: string) {
      const statement = originalPrepare.call(this, sql);
      for (const method of ['run', 'get', 'all', 'iterate']) {
        const original = statement[method];
        if (typeof original !== 'function') continue;
        statement[method] = function (this: unknown, ...args: unknown[]) {
          if (recording) executed.add(sql);
          return original.apply(this, args);
        };
      }
      return statement;
    };
    h = await startHarness({ users: [OWNER_USER, ...TEN] });
    await createCohort(h);
    await optIn(h, TEN[0]!);
    await h.settle();

    recording = true;
    await h.slack.command(TEN[1]!.id, '');
    await h.settle();
    await optIn(h, TEN[1]!); // a newcomer
    await h.settle();
    await optIn(h, TEN[0]!); // someone changing their answers
    await h.settle();
    recording = false;

    expect(executed.size, 'the path ran statements').toBeGreaterThan(5);
    const db = new Database(h.dbPath, { readonly: true });
    try {
      const walks: string[] = [];
      for (const sql of executed) {
        const parameters = (sql.match(/\?/g) ?? []).length;
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...new Array(parameters).fill(null)) as {
          detail: string;
        }[];
        for (const { detail } of plan) {
          // "SCAN t" walks the table; "SCAN t USING … INDEX" walks an index, which is what we want.
          const walk = /^SCAN (\S+)/.exec(detail);
          if (walk && !/USING (COVERING )?INDEX/.test(detail) && !SMALL_TABLES.has(walk[1]!))
            walks.push(`${detail} — ${sql.slice(0, 120)}`);
        }
      }
      expect(walks).toEqual([]);
    } finally {
      db.close();
    }
  }, 60_000);
});
