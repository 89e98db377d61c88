import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  type Stats,
  statSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';

// SQLite's own errors ("unable to open database file", "file is not a database", "attempt to write a readonly
// database") name neither the file nor the reason. Before opening, `checkDatabasePath` looks at the path the
// way SQLite will use it and says, in plain words, which file or folder is wrong, why, and what to do; and
// `explainOpenError` turns whatever still goes wrong while opening into the same kind of message.

/** A database problem with a message meant for the person running the bot: printed as is, exit code 2. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** `write`: start, tick, migrate (may create the file and its folders). `read`: backup, export. */
export type DatabaseAccess = 'read' | 'write';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The path as given, and where it really is when it is relative. */
function shown(path: string): string {
  return isAbsolute(path) ? path : `${path} (${resolve(path)})`;
}

const code = (error: unknown): string => String((error as { code?: unknown } | null)?.code ?? '');

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if (code(error) === 'ENOENT') return null;
    throw error;
  }
}

/** /etc/passwd's name for a uid, when there is one. */
function nameOf(uid: number): string | null {
  try {
    if (userInfo().uid === uid) return userInfo().username;
  } catch {
    // no passwd entry for this process's uid: look it up below
  }
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && Number(id) === uid) return name;
    }
  } catch {
    // no /etc/passwd: the uid alone will do
  }
  return null;
}

function currentUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/** "user node (uid 1000)", or "uid 1000" when the uid has no name. */
function describeUser(uid: number): string {
  const name = nameOf(uid);
  return name ? `user ${name} (uid ${uid})` : `uid ${uid}`;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

/**
 * Why this process can't read, write or enter `target`, and how to fix it: a read-only file system, the owner's
 * own mode bits, or — the usual case in a container — a folder owned by someone else.
 */
function accessProblem(
  target: string,
  kind: 'file' | 'folder',
  want: 'read' | 'write' | 'enter',
  error: unknown,
): string {
  if (code(error) === 'EROFS') {
    return `${target} is on a read-only file system. Mount it read-write, or point DATABASE_PATH at a folder that is.`;
  }
  const uid = currentUid();
  const stats = statOrNull(target);
  const bit = want === 'read' ? 'r' : want === 'enter' ? 'x' : kind === 'folder' ? 'wx' : 'w';
  if (uid === null || !stats) return `this process may not ${want} the ${kind} ${target}.`;
  const me = describeUser(uid);
  if (stats.uid === uid) {
    return (
      `the ${kind} ${target} has mode ${octal(stats.mode)}, so even its owner, ${me}, can't ${want} it. ` +
      `Fix: chmod u+${bit} ${target}.`
    );
  }
  const owner = nameOf(stats.uid) ?? `uid ${stats.uid}`;
  const where = kind === 'folder' && want === 'write' ? 'there' : 'it';
  const fix =
    kind === 'folder'
      ? `Use a named volume, or chown the folder to uid ${uid} (chown ${uid} ${target}).`
      : `chown it to uid ${uid} (chown ${uid} ${target}), or run the bot as its owner.`;
  return `the ${kind} ${target} is owned by ${owner} and this process runs as ${me}, which may not ${want} ${where}. ${fix}`;
}

function mustAccess(
  target: string,
  kind: 'file' | 'folder',
  want: 'read' | 'write' | 'enter',
  headline: string,
): void {
  const mode =
    want === 'read'
      ? constants.R_OK
      : want === 'write'
        ? constants.W_OK | (kind === 'folder' ? constants.X_OK : 0)
        : constants.X_OK;
  try {
    accessSync(target, mode);
  } catch (error) {
    throw new DatabaseError(`${headline}: ${accessProblem(target, kind, want, error)}`);
  }
}

/**
 * Finds the folder on the way to `path` that stops it being reached: a file where a folder should be, or a
 * folder this process may not enter. Null when every existing step is a folder it can enter.
 */
function blockedAncestor(path: string, headline: string): DatabaseError | null {
  const parts = resolve(path).split(sep).filter(Boolean);
  let at: string = sep;
  for (const part of parts.slice(0, -1)) {
    at = join(at, part);
    let stats: Stats | null;
    try {
      stats = statOrNull(at);
    } catch (error) {
      return new DatabaseError(`${headline}: ${accessProblem(dirname(at), 'folder', 'enter', error)}`);
    }
    if (!stats) return null;
    if (!stats.isDirectory()) {
      return new DatabaseError(
        `${headline}: ${at} is a file, not a folder. Point DATABASE_PATH at a file inside a folder.`,
      );
    }
    try {
      accessSync(at, constants.X_OK);
    } catch (error) {
      return new DatabaseError(`${headline}: ${accessProblem(at, 'folder', 'enter', error)}`);
    }
  }
  return null;
}

/** The first bytes of a file, enough for SQLite's header and its journal-mode bytes. */
function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(20);
    return bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0));
  } finally {
    closeSync(fd);
  }
}

const notSqlite = (path: string) =>
  `${shown(path)} is not a SQLite database (it doesn't start with SQLite's header), so reverse-mentor ` +
  "won't touch it. Point DATABASE_PATH at the bot's database file, or at a new file name to start afresh.";

/**
 * Checks DATABASE_PATH before SQLite sees it, and throws a `DatabaseError` that names the file or folder, the
 * cause and the fix: a folder given as the path, a file where a folder should be, a folder or file this
 * process can't read or (for `write`) write, a file that isn't a SQLite database, a database that isn't there
 * (for `read`, which never creates one).
 */
export function checkDatabasePath(path: string, access: DatabaseAccess): void {
  const abs = resolve(path);
  const verb = access === 'read' ? 'read' : 'use';
  let stats: Stats | null;
  try {
    stats = statOrNull(abs);
  } catch (error) {
    throw (
      blockedAncestor(abs, `Can't ${verb} the database at ${shown(path)}`) ??
      new DatabaseError(`Can't ${verb} the database at ${shown(path)}: ${describeFsError(error)}.`)
    );
  }
  if (!stats) {
    const headline = `Can't create the database at ${shown(path)}`;
    const blocked = blockedAncestor(abs, access === 'read' ? `There is no database at ${path}` : headline);
    if (blocked) throw blocked;
    if (access === 'read') {
      throw new DatabaseError(
        `There is no database at ${shown(path)}. Check DATABASE_PATH: it must name the bot's database file.`,
      );
    }
    let folder = dirname(abs);
    while (!statOrNull(folder)) folder = dirname(folder);
    mustAccess(folder, 'folder', 'write', headline);
    return;
  }
  if (stats.isDirectory()) {
    throw new DatabaseError(
      `DATABASE_PATH is ${shown(path)}, which is a folder. Point it at a file inside it, such as ` +
        `${join(path, 'reverse-mentor.sqlite')}.`,
    );
  }
  if (!stats.isFile()) {
    throw new DatabaseError(
      `DATABASE_PATH is ${shown(path)}, which is not an ordinary file. Point it at a file, such as ` +
        './data/reverse-mentor.sqlite.',
    );
  }
  const headline =
    access === 'read'
      ? `Can't read the database at ${shown(path)}`
      : `Can't open the database at ${shown(path)} for writing`;
  mustAccess(abs, 'file', 'read', headline);
  if (stats.size === 0) {
    if (access === 'read') {
      throw new DatabaseError(
        `The database at ${shown(path)} is empty: nothing has been stored there yet. Check DATABASE_PATH.`,
      );
    }
  } else {
    const header = head(abs);
    if (!header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER))
      throw new DatabaseError(notSqlite(path));
    // A WAL database is read through its -shm file: when the bot isn't running it may not be there, and even a
    // reader must then create it (and the -wal file) beside the database.
    const wal = header[18] === 2 && header[19] === 2;
    if (access === 'read' && wal && !statOrNull(`${abs}-shm`)) {
      mustAccess(
        dirname(abs),
        'folder',
        'write',
        `${headline} (it is in WAL mode and its -shm file isn't there, so SQLite must create it beside the database)`,
      );
    }
  }
  if (access === 'write') {
    mustAccess(abs, 'file', 'write', headline);
    // SQLite keeps its -wal, -shm and journal files beside the database: the folder must be writable too.
    mustAccess(
      dirname(abs),
      'folder',
      'write',
      `${headline} (SQLite keeps its -wal and -shm files beside it)`,
    );
  }
}

function describeFsError(error: unknown): string {
  const c = code(error);
  const detail =
    error instanceof Error ? error.message.replace(/^[A-Z]+: /, '').split(',')[0] : String(error);
  switch (c) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${c})`;
    default:
      return c ? `the system refused (${c}: ${detail})` : detail;
  }
}

/**
 * Creates the folders missing on the way to `path`, one at a time (0700: the database holds private answers).
 * Not `mkdirSync(…, { recursive: true })`: where a folder can't be created although its parent exists (under
 * /proc, say), Node's recursive mkdir tries again forever at 100% CPU.
 */
export function createDatabaseFolders(path: string): void {
  const missing: string[] = [];
  for (let folder = dirname(resolve(path)); !statOrNull(folder); folder = dirname(folder))
    missing.unshift(folder);
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode: 0o700 });
    } catch (error) {
      if (code(error) === 'EEXIST' && statOrNull(folder)?.isDirectory()) continue; // made meanwhile
      throw new DatabaseError(
        `Can't create the folder ${folder} for the database at ${shown(path)}: ${describeFsError(error)}. ` +
          'Point DATABASE_PATH at a folder that exists or that this user can create, such as ' +
          './data/reverse-mentor.sqlite.',
      );
    }
  }
}

/**
 * What an error met while opening, setting up or migrating the database means, in plain words with the path —
 * or the error itself when it says nothing about the file (a `DatabaseError` already does).
 */
export function explainOpenError(path: string, error: unknown, access: DatabaseAccess): unknown {
  if (error instanceof DatabaseError) return error;
  const c = code(error);
  const sqlite = error instanceof Error ? ` (SQLite: ${error.message})` : '';
  const uid = currentUid();
  const me = uid === null ? 'this user' : describeUser(uid);
  const at = shown(path);
  if (c.startsWith('SQLITE_CANTOPEN')) {
    return new DatabaseError(
      `Can't open the database at ${at}${sqlite}. DATABASE_PATH must name a file, not a folder, in a folder ` +
        `${me} can ${access === 'read' ? 'read' : 'write'}.`,
    );
  }
  if (c.startsWith('SQLITE_NOTADB')) return new DatabaseError(notSqlite(path));
  if (c.startsWith('SQLITE_READONLY') && access === 'read') {
    return new DatabaseError(
      `Can't read the database at ${at}${sqlite}: SQLite must create its -wal and -shm files beside it, and ` +
        `${me} may not write in that folder. Run this as the user the bot runs as.`,
    );
  }
  if (c.startsWith('SQLITE_READONLY') || c === 'SQLITE_PERM' || c === 'SQLITE_AUTH') {
    return new DatabaseError(
      `The database at ${at} can't be written by ${me}${sqlite}. Make the file and its folder writable ` +
        `by ${uid === null ? 'this user' : `uid ${uid} (chown ${uid} …)`}.`,
    );
  }
  if (c.startsWith('SQLITE_CORRUPT')) {
    return new DatabaseError(
      `The database at ${at} is damaged${sqlite}. Restore it from a backup (\`reverse-mentor backup\` makes one).`,
    );
  }
  if (c === 'SQLITE_FULL') {
    return new DatabaseError(`The disk holding the database at ${at} is full${sqlite}. Free some space.`);
  }
  if (c.startsWith('SQLITE_IOERR')) {
    return new DatabaseError(
      `Reading or writing the database at ${at} failed${sqlite}. Check the disk or volume it is on.`,
    );
  }
  if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED')) {
    return new DatabaseError(
      `The database at ${at} stayed locked by another process (a backup, a tick, another bot?)${sqlite}. ` +
        'Try again in a moment.',
    );
  }
  if (/^E[A-Z]+$/.test(c)) {
    return new DatabaseError(`Can't prepare the database file ${at}: ${describeFsError(error)}.`);
  }
  return error;
}
