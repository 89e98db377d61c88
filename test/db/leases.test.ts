import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { LeaseRepository } from '../../src/db/repositories/leases.js';
import { LineLogger } from '../../src/logger.js';
import { holderIsGone, newHolderId, withLease } from '../../src/services/leases.js';

// Issue 10, findings 2, 4 and 8: leases judged by the database's clock, fenced by an epoch, and kept by a
// heartbeat that survives a locked database instead of crashing the process.

let dir: string;
let handle: DatabaseHandle;
let leases: LeaseRepository;
let logs: string[];
let logger: LineLogger;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rm-lease-'));
  handle = openDatabase(join(dir, 'rm.sqlite'));
  leases = new LeaseRepository(handle.db);
  logs = [];
  logger = new LineLogger('debug', 'test', (line) => logs.push(line));
});
afterEach(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Another process's connection holding the write lock for a while. */
async function lockFor(ms: number): Promise<void> {
  const other = new Database(join(dir, 'rm.sqlite'));
  other.exec('BEGIN IMMEDIATE');
  await sleep(ms);
  other.exec('COMMIT');
  other.close();
}

describe('LeaseRepository', () => {
  it('bumps the epoch only when the lease changes hands, and never goes back', () => {
    expect(leases.acquire('job', 'a', 60_000)).toBe(1);
    expect(leases.acquire('job', 'a', 60_000)).toBe(1);
    expect(leases.acquire('job', 'b', 60_000)).toBeNull();
    leases.release('job', 'a', 1);
    expect(leases.acquire('job', 'b', 60_000)).toBe(2);
    expect(leases.renew('job', 'a', 1, 60_000)).toBe(false);
    expect(leases.renew('job', 'b', 2, 60_000)).toBe(true);
    expect(leases.current('job')).toMatchObject({ holder: 'b', epoch: 2 });
  });
});

describe('withLease', () => {
  it('keeps the lease through a locked database: the heartbeat catches, logs and retries', async () => {
    const holder = newHolderId();
    const outcome = await withLease(
      { leases, holder, logger },
      'job',
      { ttlMs: 5_000, heartbeatMs: 40 },
      async (lease) => {
        const before = leases.current('job')!.expiresAt;
        await lockFor(600);
        await sleep(200);
        return { lost: lease.lost, renewed: leases.current('job')!.expiresAt > before };
      },
    );
    expect(outcome).toEqual({ ran: true, value: { lost: false, renewed: true } });
    expect(logs.join('\n')).toContain('Could not renew the job lease; retrying');
    // Given up at the end: the next holder needn't wait for it to expire.
    expect(leases.current('job')).toBeNull();
  });

  it('gives the lease up, and tells the work so, when it can’t be renewed in time', async () => {
    const outcome = await withLease(
      { leases, holder: newHolderId(), logger },
      'job',
      { ttlMs: 500, heartbeatMs: 40 },
      async (lease) => {
        await lockFor(1_200);
        return lease.lost;
      },
    );
    expect(outcome).toEqual({ ran: true, value: true });
    expect(logs.join('\n')).toContain('Could not renew the job lease in time; giving it up');
  });

  it('tells the work when another process took the lease', async () => {
    const outcome = await withLease(
      { leases, holder: newHolderId(), logger },
      'job',
      { ttlMs: 60_000, heartbeatMs: 30 },
      async (lease) => {
        handle.sqlite.prepare("UPDATE leases SET expires_at = 0 WHERE name = 'job'").run();
        expect(leases.acquire('job', 'another-process', 60_000)).toBe(2);
        await sleep(150);
        return lease.lost;
      },
    );
    expect(outcome).toEqual({ ran: true, value: true });
    expect(leases.current('job')).toMatchObject({ holder: 'another-process', epoch: 2 });
  });
});

describe('holderIsGone', () => {
  it('judges only a process on this machine, boot and PID namespace that is certainly not running', () => {
    const me = newHolderId();
    expect(holderIsGone(me)).toBe(false);
    const [host, boot, ns, , started, random] = me.split('|');
    // The same PID namespace, a PID no process has: gone. (Only where /proc tells us; elsewhere never judged.)
    const dead = [host, boot, ns, 2 ** 22 + 7, started, random].join('|');
    expect(holderIsGone(dead)).toBe(boot !== '-' && ns !== '-' && started !== '-');
    // Another machine, another boot, or another container — even with the same host name and PID: never.
    expect(holderIsGone([host, 'another-boot', ns, 2 ** 22 + 7, started, random].join('|'))).toBe(false);
    expect(holderIsGone([host, boot, 'pid:[1]', 2 ** 22 + 7, started, random].join('|'))).toBe(false);
    expect(holderIsGone(`${host}:4242:abcd`)).toBe(false);
  });
});
