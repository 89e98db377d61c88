import Database from 'better-sqlite3';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../src/db/schema.js';

// Whole-database snapshots (every table, every row, in a stable order), their differences, the integrity checks a
// fuzz case must leave true, and a cheap reset to a pristine copy while the bot is idle.

/** Table name → its rows as JSON strings, in rowid (or primary key) order. */
export type Snapshot = ReadonlyMap<string, readonly string[]>;

export interface TableChange {
  table: string;
  added: string[];
  removed: string[];
}

interface ColumnRule {
  name: string;
  kind: 'integer' | 'real' | 'boolean' | 'text' | 'json';
  notNull: boolean;
  enumValues?: readonly string[];
}

/** What the Drizzle schema says each column holds: checked against every row after every case. */
function columnRules(): Map<string, ColumnRule[]> {
  const rules = new Map<string, ColumnRule[]>();
  for (const table of Object.values(schema)) {
    if (!(table instanceof SQLiteTable)) continue;
    const config = getTableConfig(table);
    rules.set(
      config.name,
      config.columns.map((column) => {
        const type = column.columnType;
        const kind: ColumnRule['kind'] = type.includes('Json')
          ? 'json'
          : type.includes('Boolean')
            ? 'boolean'
            : type.includes('Real')
              ? 'real'
              : type.includes('Integer') || type.includes('Timestamp')
                ? 'integer'
                : 'text';
        const enumValues = (column as { enumValues?: readonly string[] }).enumValues;
        return {
          name: column.name,
          kind,
          notNull: column.notNull,
          ...(enumValues && enumValues.length > 0 ? { enumValues } : {}),
        };
      }),
    );
  }
  return rules;
}

function checkValue(rule: ColumnRule, value: unknown): string | null {
  if (value === null || value === undefined) return rule.notNull ? 'is null' : null;
  switch (rule.kind) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? null : `is not an integer`;
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? null : `is not a finite number`;
    case 'boolean':
      return value === 0 || value === 1 ? null : 'is not 0 or 1';
    case 'json':
      if (typeof value !== 'string') return 'is not JSON text';
      try {
        JSON.parse(value);
        return null;
      } catch {
        return 'is not valid JSON';
      }
    case 'text':
      if (typeof value !== 'string') return 'is not text';
      if (rule.enumValues && !rule.enumValues.includes(value))
        return `is not one of ${rule.enumValues.join('|')}`;
      return null;
  }
}

/** Domain rules that hold in any state the use cases can leave behind. Each query returns offending rows. */
const DOMAIN_RULES: readonly { rule: string; sql: string }[] = [
  {
    rule: "a pause's until is null or a whole number of ms after paused_at",
    sql: "SELECT * FROM pauses WHERE until IS NOT NULL AND (typeof(until) <> 'integer' OR until <= paused_at)",
  },
  {
    rule: 'every active pair has a plan and launched_at',
    sql: "SELECT id FROM pairs WHERE state = 'active' AND (plan IS NULL OR launched_at IS NULL)",
  },
  {
    rule: 'every active pair belongs to an active cohort',
    sql: "SELECT p.id FROM pairs p JOIN cohorts c ON c.id = p.cohort_id WHERE p.state = 'active' AND c.state <> 'active'",
  },
  {
    rule: 'every ended pair has ended_at',
    sql: "SELECT id FROM pairs WHERE state = 'ended' AND ended_at IS NULL",
  },
  { rule: 'nobody is paired with themselves', sql: 'SELECT id FROM pairs WHERE mentor_id = mentee_id' },
  {
    rule: 'a mentee has at most one active or draft pair per cohort',
    sql: "SELECT cohort_id, mentee_id, state, count(*) n FROM pairs WHERE state IN ('active', 'draft') GROUP BY cohort_id, mentee_id, state HAVING n > 1",
  },
  {
    // A running cohort holds only the people in its active pairs; the rest are free to join the next one.
    rule: 'a person is in at most one open cohort',
    sql: `SELECT e.user_id, count(*) n FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
          WHERE c.state IN ('enrolling', 'matched')
             OR (c.state = 'active' AND EXISTS (SELECT 1 FROM pairs p WHERE p.cohort_id = c.id AND p.state = 'active'
                                                AND e.user_id IN (p.mentor_id, p.mentee_id)))
          GROUP BY e.user_id HAVING n > 1`,
  },
  {
    rule: "a cohort's settings are within the form's limits",
    sql: 'SELECT id FROM cohorts WHERE weeks NOT BETWEEN 4 AND 26 OR prompt_hour NOT BETWEEN 0 AND 23 OR prompt_weekday NOT BETWEEN 1 AND 7 OR capacity < 1 OR starts_on <= enrolment_closes_on',
  },
  {
    rule: 'outbox rows have a valid state and attempts',
    sql: "SELECT id FROM outbox WHERE state NOT IN ('pending', 'sending', 'sent', 'failed', 'cancelled') OR attempts < 0",
  },
  {
    rule: 'nothing is left mid-send while the bot is idle',
    sql: "SELECT id FROM outbox WHERE state = 'sending'",
  },
  {
    rule: 'survey ratings are 1 to 5',
    sql: 'SELECT cohort_id, user_id FROM surveys WHERE rating NOT BETWEEN 1 AND 5',
  },
  {
    rule: 'profile topics are a JSON array of strings',
    sql: "SELECT user_id FROM profiles WHERE json_valid(topics) = 0 OR json_type(topics) <> 'array' OR EXISTS (SELECT 1 FROM json_each(profiles.topics) WHERE type <> 'text')",
  },
];

export class DatabaseWatch {
  private readonly ro: Database.Database;
  private readonly rw: Database.Database;
  private readonly tables: { name: string; order: string }[];
  private readonly rules = columnRules();
  private readonly select: Map<string, Database.Statement>;

  /** `pristinePath`: a copy of the seeded database to restore from (made with `copyTo` before the first case). */
  constructor(
    dbPath: string,
    private readonly pristinePath: string,
  ) {
    this.ro = new Database(dbPath, { readonly: true, fileMustExist: true });
    this.rw = new Database(dbPath, { fileMustExist: true });
    this.rw.pragma('busy_timeout = 5000');
    // better-sqlite3 turns foreign keys on by default: a reset must not cascade while it copies rows back.
    this.rw.pragma('foreign_keys = OFF');
    const names = this.ro
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> '__drizzle_migrations' ORDER BY name",
      )
      .all() as { name: string }[];
    this.tables = names.map(({ name }) => {
      const withoutRowid = /WITHOUT\s+ROWID/i.test(
        String(
          (this.ro.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql,
        ),
      );
      const pk = (this.ro.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; pk: number }[])
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => `"${c.name}"`);
      return { name, order: withoutRowid ? pk.join(', ') : name === 'sqlite_sequence' ? 'name' : 'rowid' };
    });
    this.select = new Map(
      this.tables.map((t) => [t.name, this.ro.prepare(`SELECT * FROM "${t.name}" ORDER BY ${t.order}`)]),
    );
  }

  static copy(dbPath: string, to: string): void {
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      db.prepare('VACUUM INTO ?').run(to);
    } finally {
      db.close();
    }
  }

  snapshot(): Snapshot {
    const snap = new Map<string, string[]>();
    const read = this.ro.transaction(() => {
      for (const [name, statement] of this.select) {
        snap.set(
          name,
          statement.all().map((row) => JSON.stringify(row)),
        );
      }
    });
    read();
    return snap;
  }

  static diff(before: Snapshot, after: Snapshot): TableChange[] {
    const changes: TableChange[] = [];
    for (const [table, rowsAfter] of after) {
      const rowsBefore = before.get(table) ?? [];
      if (rowsBefore.length === rowsAfter.length && rowsBefore.every((r, i) => r === rowsAfter[i])) continue;
      const counts = new Map<string, number>();
      for (const r of rowsBefore) counts.set(r, (counts.get(r) ?? 0) + 1);
      const added: string[] = [];
      for (const r of rowsAfter) {
        const n = counts.get(r) ?? 0;
        if (n > 0) counts.set(r, n - 1);
        else added.push(r);
      }
      const removed = [...counts].flatMap(([r, n]) => Array<string>(n).fill(r));
      changes.push({ table, added, removed });
    }
    return changes;
  }

  /** Puts the listed tables (all when omitted) back as they are in the pristine copy. Only while the bot is idle. */
  restore(tables?: readonly string[]): void {
    const names = tables ?? this.tables.map((t) => t.name);
    if (names.length === 0) return;
    this.rw.prepare('ATTACH DATABASE ? AS pristine').run(this.pristinePath);
    try {
      this.rw.transaction(() => {
        for (const name of names) {
          this.rw.exec(
            `DELETE FROM main."${name}"; INSERT INTO main."${name}" SELECT * FROM pristine."${name}";`,
          );
        }
      })();
    } finally {
      this.rw.exec('DETACH DATABASE pristine');
    }
  }

  /** Makes the listed tables of the pristine copy what they are now (after a setup step a person would take). */
  rebaseline(tables: readonly string[]): void {
    if (tables.length === 0) return;
    this.rw.prepare('ATTACH DATABASE ? AS pristine').run(this.pristinePath);
    try {
      this.rw.transaction(() => {
        for (const name of tables) {
          this.rw.exec(
            `DELETE FROM pristine."${name}"; INSERT INTO pristine."${name}" SELECT * FROM main."${name}";`,
          );
        }
      })();
    } finally {
      this.rw.exec('DETACH DATABASE pristine');
    }
  }

  /** Everything wrong with the database as it is now: SQLite's own checks, the schema's column types, the domain. */
  problems(): string[] {
    const found: string[] = [];
    const integrity = this.ro.pragma('integrity_check') as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') {
      found.push(`integrity_check: ${JSON.stringify(integrity).slice(0, 500)}`);
    }
    const fk = this.ro.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) found.push(`foreign_key_check: ${JSON.stringify(fk).slice(0, 500)}`);
    for (const [table, rules] of this.rules) {
      const statement = this.select.get(table);
      if (!statement) continue;
      for (const row of statement.all() as Record<string, unknown>[]) {
        for (const rule of rules) {
          const problem = checkValue(rule, row[rule.name]);
          if (problem) {
            found.push(`${table}.${rule.name} ${problem}: ${JSON.stringify(row).slice(0, 300)}`);
          }
        }
      }
    }
    for (const { rule, sql } of DOMAIN_RULES) {
      const offending = this.ro.prepare(sql).all();
      if (offending.length > 0) found.push(`${rule}: ${JSON.stringify(offending).slice(0, 300)}`);
    }
    return found;
  }

  /** A read-only query (for the oracle's look-ups: owners, pairs, who took part…). */
  query<T>(sql: string, ...params: unknown[]): T[] {
    return this.ro.prepare(sql).all(...params) as T[];
  }

  close(): void {
    this.ro.close();
    this.rw.close();
  }
}

/** A short, readable account of what changed (for failure messages). */
export function describeChanges(changes: readonly TableChange[], max = 6): string {
  return changes
    .map(
      (c) =>
        `${c.table}: +${c.added.length} −${c.removed.length}` +
        [
          ...c.added.slice(0, max).map((r) => `\n    + ${r.slice(0, 400)}`),
          ...c.removed.slice(0, max).map((r) => `\n    − ${r.slice(0, 400)}`),
        ].join(''),
    )
    .join('\n  ');
}
