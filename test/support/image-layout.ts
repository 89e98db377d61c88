import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  existsSync,
  lchownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliRun } from './process.js';

// The Docker image's runtime layout, made on this machine without Docker: the Dockerfile's build stage is
// reproduced (a production install from the lockfile, the native module this machine already compiled, and
// `npm run build`), then every instruction of its runtime stage is carried out in a folder that stands for the
// image's `/` — COPY, RUN, ENV, WORKDIR, USER, HEALTHCHECK, CMD — so the test follows the Dockerfile as it is
// rather than a copy of it. A RUN step this file doesn't know makes it fail, naming the step: teach it here.
// Processes then run there as the container would run them: from WORKDIR, as USER (when this test runs as
// root), with the image's environment and PATH.

export const REPO = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** What the base image (node:20-bookworm-slim) brings that the Dockerfile relies on. */
const BASE_IMAGE = {
  path: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  /** Node lives here in the image. */
  nodeDir: '/usr/local/bin',
  users: {
    root: { uid: 0, gid: 0, home: '/root' },
    node: { uid: 1000, gid: 1000, home: '/home/node' },
  } as Record<string, { uid: number; gid: number; home: string }>,
};

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string | null;
  instructions: Instruction[];
}

/** A Dockerfile's stages: continuation lines joined, comments dropped. */
export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line)) continue; // comments (and the syntax directive), also between continued lines
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    if (!whole) continue;
    const match = /^(\S+)\s*([\s\S]*)$/.exec(whole)!;
    instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.replace(/\s+/g, ' ').trim() });
  }
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const name = /\s+AS\s+(\S+)$/i.exec(instruction.args)?.[1] ?? null;
      stages.push({ name, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile: ${instruction.keyword} before any FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

export interface ImageLayout {
  /** The folder standing for the image's `/`. */
  root: string;
  /** Where a path inside the image is on this machine. */
  path(inImage: string): string;
  /** WORKDIR, on this machine. */
  workdir: string;
  /** The container's environment (the base image's PATH and HOME, and the Dockerfile's ENV). */
  env: Record<string, string>;
  /** USER's ids, when this process may switch to them (it runs as root); otherwise processes run as it does. */
  user: { uid: number; gid: number } | undefined;
  /** The image's CMD, and its HEALTHCHECK's command. */
  cmd: string[];
  healthcheck: string[] | undefined;
  /** The build stage's root folder on this machine (scratch). */
  buildDir: string;
  remove(): void;
}

/** Runs a command on this machine (the build stage's steps); rejects with its output when it fails. */
function run(command: string, args: string[], cwd: string): Promise<string> {
  // A clean npm environment: `npm test` passes its own npm_config_* down, which must not steer these installs.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${output}`)),
    );
  });
}

/**
 * The build stage's result, as the runtime stage copies it: `node_modules` with production dependencies only,
 * better-sqlite3's native module, `dist/`. The Dockerfile installs everything, builds and prunes dev
 * dependencies; here the production install is made directly (`npm ci --omit=dev`, the same tree), and the
 * native module `npm rebuild` would compile is the one `npm ci` already compiled for this checkout (same Node).
 */
async function reproduceBuildStage(stage: Stage, dir: string): Promise<string> {
  const runs = stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  if (!runs.some((r) => /\bnpm prune --omit=dev\b/.test(r)))
    throw new Error(
      'The build stage no longer prunes dev dependencies: the runtime layout below assumes it.',
    );
  const rebuilt = runs.flatMap((r) => [...r.matchAll(/\bnpm rebuild ([\w@/.-]+)/g)].map((m) => m[1]!));
  const workdir = stage.instructions.findLast((i) => i.keyword === 'WORKDIR')?.args ?? '/';
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(REPO, file), join(dir, file));
  await Promise.all([
    run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], dir),
    run('npm', ['run', '-s', 'build', '--', '--outDir', join(dir, 'dist')], REPO),
  ]);
  for (const name of rebuilt) {
    const release = join(REPO, 'node_modules', name, 'build', 'Release');
    const target = join(dir, 'node_modules', name, 'build', 'Release');
    mkdirSync(target, { recursive: true });
    for (const file of readdirSync(release).filter((f) => f.endsWith('.node')))
      copyFileSync(join(release, file), join(target, file));
  }
  return workdir;
}

/** Splits a RUN line into simple commands; anything fancier than `a && b` is for a person to translate. */
function simpleCommands(line: string): string[][] {
  if (/[|;<>`$"'()]/.test(line))
    throw new Error(
      `RUN ${line}\n  uses shell syntax test/support/image-layout.ts doesn't reproduce: teach it`,
    );
  return line.split('&&').map((c) => c.trim().split(' '));
}

/** Makes the image's runtime layout in a new temporary folder. Builds once: call it once per test file. */
export async function makeImageLayout(dockerfile = join(REPO, 'Dockerfile')): Promise<ImageLayout> {
  const scratch = mkdtempSync(join(tmpdir(), 'rm-image-'));
  try {
    return await layOut(dockerfile, scratch);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

async function layOut(dockerfile: string, scratch: string): Promise<ImageLayout> {
  const stages = parseDockerfile(readFileSync(dockerfile, 'utf8'));
  const runtime = stages.at(-1)!;
  const root = join(scratch, 'image');
  const buildDir = join(scratch, 'build');
  const path = (inImage: string) => join(root, inImage);
  const asRoot = process.getuid?.() === 0;

  // The build stages the runtime stage copies from.
  const built = new Map<string, { dir: string; workdir: string }>();
  for (const stage of stages.slice(0, -1)) {
    if (stage.name === null) continue;
    const dir = join(buildDir, stage.name);
    built.set(stage.name, { dir, workdir: await reproduceBuildStage(stage, dir) });
  }

  // What the base image has: node on PATH, the users and their homes.
  mkdirSync(root, { recursive: true });
  chmodSync(scratch, 0o755);
  chmodSync(root, 0o755);
  mkdirSync(path(BASE_IMAGE.nodeDir), { recursive: true });
  symlinkSync(process.execPath, join(path(BASE_IMAGE.nodeDir), 'node'));
  for (const user of Object.values(BASE_IMAGE.users)) {
    mkdirSync(path(user.home), { recursive: true });
    if (asRoot) chownSync(path(user.home), user.uid, user.gid);
  }

  const env: Record<string, string> = {
    // Directories under /usr/local are the image's own; the system's (sh, env) are this machine's.
    PATH: BASE_IMAGE.path
      .split(':')
      .map((dir) => (dir.startsWith('/usr/local/') ? path(dir) : dir))
      .join(':'),
  };
  let workdir = root;
  let userName = 'root';
  let cmd: string[] = [];
  let healthcheck: string[] | undefined;
  const inWorkdir = (p: string) => (isAbsolute(p) ? path(p) : join(workdir, p));
  const owner = (spec: string) => {
    const user = BASE_IMAGE.users[spec.split(':')[0]!];
    if (!user)
      throw new Error(`Unknown user in "${spec}": add it to BASE_IMAGE in test/support/image-layout.ts`);
    return user;
  };
  const command = (args: string) =>
    args.startsWith('[') ? (JSON.parse(args) as string[]) : ['/bin/sh', '-c', args];

  for (const { keyword, args } of runtime.instructions) {
    switch (keyword) {
      case 'ENV':
        for (const m of args.matchAll(/(\w+)=("([^"]*)"|\S+)/g)) {
          const value = m[3] ?? m[2]!;
          env[m[1]!] = value.startsWith('/') ? path(value) : value;
        }
        break;
      case 'WORKDIR':
        workdir = inWorkdir(args);
        mkdirSync(workdir, { recursive: true });
        break;
      case 'COPY': {
        const words = args.split(' ');
        const flags = words.filter((w) => w.startsWith('--'));
        const [dest, ...reversed] = words.filter((w) => !w.startsWith('--')).reverse();
        const sources = reversed.reverse();
        let from: (src: string) => string = (src) => join(REPO, src);
        let fromStage = false;
        for (const flag of flags) {
          const stageName = /^--from=(.+)$/.exec(flag)?.[1];
          const stage = stageName ? built.get(stageName) : undefined;
          if (!stage)
            throw new Error(`COPY ${args}\n  has a flag test/support/image-layout.ts doesn't reproduce`);
          fromStage = true;
          from = (src) => {
            const rel = relative(stage.workdir, src);
            if (rel.startsWith('..')) throw new Error(`COPY ${args}: only ${stage.workdir} is reproduced`);
            return join(stage.dir, rel);
          };
        }
        const target = inWorkdir(dest!);
        for (const source of sources) {
          if (source.includes('*')) throw new Error(`COPY ${args}: wildcards aren't reproduced`);
          const src = from(source);
          if (lstatSync(src).isDirectory() && fromStage && !existsSync(target)) {
            // A build stage is scratch: its folder is moved rather than copied, which saves seconds.
            mkdirSync(dirname(target), { recursive: true });
            renameSync(src, target);
          } else if (lstatSync(src).isDirectory()) {
            // Docker copies a folder's contents, symlinks as they are.
            cpSync(src, target, { recursive: true, verbatimSymlinks: true });
          } else {
            const to = dest!.endsWith('/') || sources.length > 1 ? join(target, basename(source)) : target;
            mkdirSync(dirname(to), { recursive: true });
            copyFileSync(src, to);
            chmodSync(to, lstatSync(src).mode & 0o777);
          }
        }
        break;
      }
      case 'RUN':
        if (userName !== 'root') throw new Error(`RUN ${args}: only RUN as root is reproduced`);
        for (const [name, ...rest] of simpleCommands(args)) {
          const operands = rest.filter((w) => !w.startsWith('-'));
          const options = rest.filter((w) => w.startsWith('-'));
          if (name === 'mkdir') {
            for (const dir of operands) mkdirSync(inWorkdir(dir), { recursive: options.includes('-p') });
          } else if (name === 'chown') {
            const [spec, ...targets] = operands;
            const user = owner(spec!);
            if (options.some((o) => o !== '-R')) throw new Error(`RUN ${args}: chown ${options.join(' ')}?`);
            for (const t of targets.map(inWorkdir)) {
              if (!asRoot) continue;
              chownSync(t, user.uid, user.gid);
              if (options.includes('-R') && lstatSync(t).isDirectory())
                for (const f of readdirSync(t, { recursive: true, encoding: 'utf8' }))
                  lchownSync(join(t, f), user.uid, user.gid);
            }
          } else if (name === 'ln' && options.length === 1 && /^-(s|sf|fs)$/.test(options[0]!)) {
            const [linkTarget, link] = operands;
            const at = inWorkdir(link!);
            mkdirSync(dirname(at), { recursive: true });
            rmSync(at, { force: true });
            symlinkSync(isAbsolute(linkTarget!) ? path(linkTarget!) : linkTarget!, at);
          } else if (name === 'npm') {
            await run('npm', rest, workdir);
          } else {
            throw new Error(
              `RUN ${args}\n  has "${name}", which test/support/image-layout.ts doesn't reproduce`,
            );
          }
        }
        break;
      case 'USER':
        owner(args);
        userName = args.split(':')[0]!;
        break;
      case 'HEALTHCHECK': {
        const check = /(?:^|\s)CMD\s+(.+)$/.exec(args)?.[1]; // HEALTHCHECK [OPTIONS] CMD …, or NONE
        healthcheck = check === undefined ? undefined : command(check);
        break;
      }
      case 'CMD':
        cmd = command(args);
        break;
      case 'VOLUME':
      case 'EXPOSE':
      case 'LABEL':
        break;
      default:
        throw new Error(`${keyword} ${args}\n  isn't reproduced by test/support/image-layout.ts: teach it`);
    }
  }

  const user = BASE_IMAGE.users[userName]!;
  env.HOME = path(user.home);
  return {
    root,
    path,
    workdir,
    env,
    user: asRoot ? { uid: user.uid, gid: user.gid } : undefined,
    cmd,
    healthcheck,
    buildDir,
    remove: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

/**
 * Runs `argv` in the image as `docker exec` (or the container's start) would: from WORKDIR, as USER, with the
 * container's environment plus `env` (what `docker run -e` set). `argv[0]` is looked up on the image's PATH.
 */
export function runInImage(layout: ImageLayout, argv: string[], env: Record<string, string> = {}): CliRun {
  const [command, ...args] = argv;
  const child = spawn(command!, args, {
    cwd: layout.workdir,
    env: { ...layout.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(layout.user ?? {}),
  });
  let stdout = '';
  let stderr = '';
  let both = '';
  child.stdout.on('data', (d) => {
    stdout += d;
    both += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
    both += d;
  });
  const done = new Promise<Awaited<CliRun['done']>>((resolve) => {
    // A command missing from PATH: what a shell reports as "command not found", exit 127.
    child.on('error', (error) =>
      resolve({ code: 127, signal: null, stdout, stderr: `${stderr}${error.message}\n` }),
    );
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, output: () => both };
}

/**
 * The packages the lockfile marks as needed for development only (`"dev": true`): those `npm ci --omit=dev`
 * and `npm prune --omit=dev` leave out. A dev dependency that a production package also needs (a peer's
 * types, say) isn't among them.
 */
export function devOnlyPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.dev === true)
    .map(([path]) => path);
}
