import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness.js';
import { CLI } from '../support/process.js';

// Issue 12, item 3: a DATABASE_PATH that can't work is refused at once, naming the path, the cause and the fix —
// never SQLite's bare "unable to open database file", and never a process spinning at 100% CPU.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rm-dbpath-'));
  chmodSync(dir, 0o755); // another user (below) must be able to reach what is inside
});
afterEach(() => {
  // Give back what a test locked, so it can be removed.
  spawnSync('chmod', ['-R', 'u+rwx', dir]);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Permission checks mean nothing to root, who may write anywhere. Run as root, the tests run the command as
 * `nobody` instead, in folders root owns; run as anyone else, as themselves in folders whose mode they narrowed.
 */
const root = process.getuid?.() === 0;
const NOBODY = 65534;
const canSwitchUser =
  root &&
  spawnSync(process.execPath, ['-e', ''], { uid: NOBODY, gid: NOBODY }).status === 0 &&
  spawnSync(process.execPath, [CLI, 'help'], { uid: NOBODY, gid: NOBODY }).status === 0;
const permissionsApply = canSwitchUser || (!root && process.platform !== 'win32');
const me = canSwitchUser ? NOBODY : (process.getuid?.() ?? 0);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `reverse-mentor <args>` (as another user, see above), killing it if it runs longer than `timeoutMs`. */
function run(
  args: string[],
  env: Record<string, string>,
  options: { asOther?: boolean; timeoutMs?: number } = {},
) {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    ...(options.asOther && canSwitchUser ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  return new Promise<Run>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

const slack = {
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
};

/** Every command that opens the database, with what else it needs. */
const commands = (out: string): [string, string[], Record<string, string>][] => [
  ['migrate', ['migrate'], {}],
  ['start', ['start'], { ...slack, PORT: '0' }],
  ['tick', ['tick'], slack],
  ['backup', ['backup', '--out', join(out, 'copy.sqlite')], {}],
  ['export', ['export', '--cohort', 'Winter', '--out', join(out, 'w.csv')], {}],
];

function expectPlainRefusal(result: Run, what: string) {
  expect(result.code, `${what}: ${result.stderr}`).toBe(2);
  expect(result.stderr, what).not.toMatch(/\n\s+at /);
  expect(result.stderr, what).not.toContain('reverse-mentor failed');
  expect(result.stderr, what).not.toContain(BOT_TOKEN);
}

/** A database this version wrote, with its WAL folded in (so a copy of the file alone is whole). */
let template: string;
beforeAll(() => {
  const holder = mkdtempSync(join(tmpdir(), 'rm-dbpath-template-'));
  template = join(holder, 'template.sqlite');
  openDatabase(template).close();
});
afterAll(() => rmSync(join(template, '..'), { recursive: true, force: true }));

describe('DATABASE_PATH names the problem, the path and the fix', () => {
  it('a folder given as the path', async () => {
    const folder = join(dir, 'data');
    mkdirSync(folder);
    for (const [name, args, env] of commands(dir)) {
      const result = await run(args, { ...env, DATABASE_PATH: folder });
      expectPlainRefusal(result, name);
      expect(result.stderr, name).toContain(`DATABASE_PATH is ${folder}, which is a folder.`);
      expect(result.stderr, name).toContain(join(folder, 'reverse-mentor.sqlite'));
    }
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a file that is not a SQLite database, which is left as it was', async () => {
    const path = join(dir, 'notes.sqlite');
    writeFileSync(path, 'These are my notes, not a database. '.repeat(40));
    for (const [name, args, env] of commands(dir)) {
      const result = await run(args, { ...env, DATABASE_PATH: path });
      expectPlainRefusal(result, name);
      expect(result.stderr, name).toContain(`${path} is not a SQLite database`);
    }
    expect(readFileSync(path, 'utf8')).toBe('These are my notes, not a database. '.repeat(40));
    expect(readdirSync(dir).sort()).toEqual(['notes.sqlite']);
  });

  it('a file where a folder should be', async () => {
    writeFileSync(join(dir, 'data'), 'a file');
    const result = await run(['migrate'], { DATABASE_PATH: join(dir, 'data', 'rm.sqlite') });
    expectPlainRefusal(result, 'migrate');
    expect(result.stderr).toContain(`${join(dir, 'data')} is a file, not a folder`);
  });

  it('a relative path is shown with where it really is', async () => {
    mkdirSync(join(dir, 'data'));
    const result = await run(['migrate'], { DATABASE_PATH: 'data' });
    expectPlainRefusal(result, 'migrate');
    expect(result.stderr).toContain(`DATABASE_PATH is data (${join(dir, 'data')}), which is a folder.`);
  });

  it('an empty file, for the commands that only read', async () => {
    const path = join(dir, 'empty.sqlite');
    writeFileSync(path, '');
    const result = await run(['backup', '--out', join(dir, 'copy.sqlite')], { DATABASE_PATH: path });
    expectPlainRefusal(result, 'backup');
    expect(result.stderr).toContain(`The database at ${path} is empty`);
  });

  it.skipIf(!existsSync('/proc/self'))(
    'a folder that can never be created (/proc/x) fails at once instead of spinning at 100% CPU',
    async () => {
      for (const [name, args, env] of commands(dir).slice(0, 3)) {
        const result = await run(args, { ...env, DATABASE_PATH: '/proc/x/y.sqlite' }, { timeoutMs: 10_000 });
        expectPlainRefusal(result, name);
        expect(result.ms, name).toBeLessThan(8_000);
        expect(result.stderr, name).toContain('/proc/x/y.sqlite');
      }
    },
  );
});

describe.skipIf(!permissionsApply)('DATABASE_PATH in a place this user may not write', () => {
  /** A folder for the test's database (locked by each test as it needs). */
  function lockedFolder(name: string): string {
    const folder = join(dir, name);
    mkdirSync(folder);
    return folder;
  }
  /** Others (nobody) get `mode`; so do we, when the command runs as us. Root, the owner, keeps its write bit. */
  const lock = (path: string, mode: number) => chmodSync(path, canSwitchUser ? mode | 0o200 : mode);
  const fix = (path: string) => (canSwitchUser ? `chown ${me} ${path}` : `chmod u+wx ${path}`);

  it('a folder it may not write in: the new database is refused with the owner, the user and the fix', async () => {
    const folder = lockedFolder('data');
    lock(folder, 0o555);
    const path = join(folder, 'rm.sqlite');
    for (const [name, args, env] of commands(dir).slice(0, 3)) {
      const result = await run(args, { ...env, DATABASE_PATH: path }, { asOther: true });
      expectPlainRefusal(result, name);
      expect(result.stderr, name).toContain(`Can't create the database at ${path}: the folder ${folder}`);
      if (canSwitchUser) {
        expect(result.stderr, name).toContain(
          `is owned by root and this process runs as user nobody (uid ${NOBODY})`,
        );
        expect(result.stderr, name).toContain('named volume');
      } else {
        expect(result.stderr, name).toContain('has mode 0555');
      }
      expect(result.stderr, name).toContain(fix(folder));
    }
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a database file it may not write: "attempt to write a readonly database" is explained', async () => {
    const folder = lockedFolder('data');
    const path = join(folder, 'rm.sqlite');
    copyFileSync(template, path);
    lock(path, 0o444);
    if (canSwitchUser) chmodSync(folder, 0o777);
    const result = await run(['migrate'], { DATABASE_PATH: path }, { asOther: true });
    expectPlainRefusal(result, 'migrate');
    expect(result.stderr).toContain(`Can't open the database at ${path} for writing: the file ${path}`);
    expect(result.stderr).toContain(canSwitchUser ? `chown ${me} ${path}` : 'chmod u+w');
  });

  it('a writable database in a folder it may not write in (where SQLite keeps its -wal and -shm files)', async () => {
    const folder = lockedFolder('data');
    const path = join(folder, 'rm.sqlite');
    copyFileSync(template, path);
    if (canSwitchUser) chownSync(path, NOBODY, NOBODY);
    chmodSync(path, 0o600);
    lock(folder, 0o555);
    const result = await run(['migrate'], { DATABASE_PATH: path }, { asOther: true });
    expectPlainRefusal(result, 'migrate');
    expect(result.stderr).toContain('SQLite keeps its -wal and -shm files beside it');
    expect(result.stderr).toContain(`the folder ${folder}`);
    expect(result.stderr).toContain(fix(folder));
  });

  it('a backup of a database whose -shm file it would have to create in a folder it may not write in', async () => {
    const folder = lockedFolder('data');
    const path = join(folder, 'rm.sqlite');
    copyFileSync(template, path);
    chmodSync(path, 0o644);
    lock(folder, 0o555);
    const out = join(dir, 'out');
    mkdirSync(out, { mode: 0o777 });
    chmodSync(out, 0o777);
    const result = await run(
      ['backup', '--out', join(out, 'copy.sqlite')],
      { DATABASE_PATH: path },
      { asOther: true },
    );
    expectPlainRefusal(result, 'backup');
    expect(result.stderr).toContain(`Can't read the database at ${path}`);
    expect(result.stderr).toContain(`-shm file isn't there`);
    expect(readdirSync(out)).toEqual([]);
  });
});
