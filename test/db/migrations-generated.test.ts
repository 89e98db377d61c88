import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dialect, migrationsFolder } from '../../src/db/migrations-folder.js';

// Each dialect's migrations say all its schema says: drizzle-kit, run on a copy of migrations/<dialect>/,
// finds nothing to generate. A schema change without `npm run db:generate` fails here (in either dialect),
// rather than on a database that lacks the column. No database needed.

const REPO = new URL('../../', import.meta.url).pathname;
const DRIZZLE_KIT = join(REPO, 'node_modules/drizzle-kit/bin.cjs');

const SCHEMAS: Record<Dialect, { dialect: string; schema: string }> = {
  sqlite: { dialect: 'sqlite', schema: './src/db/schema.ts' },
  postgres: { dialect: 'postgresql', schema: './src/db/postgres/schema.ts' },
};

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'rm-migrations-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the generated migrations', () => {
  for (const name of Object.keys(SCHEMAS) as Dialect[]) {
    it(`are up to date with the ${name} schema`, () => {
      const copy = join(scratch, name);
      cpSync(migrationsFolder(name), copy, { recursive: true });
      const before = readdirSync(copy, { recursive: true }).sort();
      // drizzle-kit prefixes --out with "./": give it a path relative to the repository.
      const result = spawnSync(
        process.execPath,
        [
          DRIZZLE_KIT,
          'generate',
          '--dialect',
          SCHEMAS[name].dialect,
          '--schema',
          SCHEMAS[name].schema,
          '--out',
          relative(REPO, copy),
        ],
        { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
      );
      const output = `${result.stdout}\n${result.stderr}`;
      expect(result.status, output).toBe(0);
      expect(output).toContain('No schema changes, nothing to migrate');
      expect(readdirSync(copy, { recursive: true }).sort()).toEqual(before);
    });
  }
});
