import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The SQL dialects reverse-mentor keeps migrations for, each in its own folder under migrations/. */
export type Dialect = 'sqlite' | 'postgres';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The package's migrations/<dialect>/ folder (drizzle-kit's output: SQL files and meta/_journal.json), found
 * by walking up from this file, so the same code works from src/ (tests), dist/ (production) and dist-bench/
 * (benchmarks).
 */
export function migrationsFolder(dialect: Dialect, from: string = HERE): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'migrations', dialect);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir) return join(from, '..', '..', 'migrations', dialect);
  }
}
