import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Logger } from '@slack/logger';
import type { LeaseRepository } from '../db/repositories/leases.js';

// Who holds a lease, and holding one safely: a heartbeat that can't crash the process, gives the lease up
// when it can't be renewed, and tells the work that its lease is gone.

const UNKNOWN = '-';

function readOr(read: () => string): string {
  try {
    return read().trim() || UNKNOWN;
  } catch {
    return UNKNOWN;
  }
}

/** When a process started, in clock ticks since boot (field 22 of /proc/PID/stat), or '-' off Linux. */
function startTicks(pid: number | 'self'): string {
  return readOr(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? UNKNOWN;
  });
}

interface ProcessIdentity {
  host: string;
  /** Changes at every boot of the machine (Linux); two machines never share one. */
  boot: string;
  /** The PID namespace: two containers on one machine have different ones, and may both have PID 1. */
  pidNamespace: string;
  pid: number;
  started: string;
}

function thisProcess(): ProcessIdentity {
  return {
    host: hostname().replace(/[|]/g, '_'),
    boot: readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
    pidNamespace: readOr(() => readlinkSync('/proc/self/ns/pid')),
    pid: process.pid,
    started: startTicks('self'),
  };
}

/**
 * Identifies this process as a lease holder: where it runs (host, boot, PID namespace), which process it is
 * (PID and start time, so a recycled PID is not mistaken for it) and a random part.
 */
export function newHolderId(): string {
  const me = thisProcess();
  return [me.host, me.boot, me.pidNamespace, me.pid, me.started, randomUUID().slice(0, 8)].join('|');
}

/**
 * True only when a lease holder is certainly a process that no longer exists: it ran on this very machine
 * and boot, in this PID namespace, and no process with its PID and start time is alive. Anything else — other
 * machines, other containers, an identity we can't read — is never judged: its lease simply runs out.
 */
export function holderIsGone(holder: string): boolean {
  const [host, boot, pidNamespace, pidText, started] = holder.split('|');
  const me = thisProcess();
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || pid === me.pid) return false;
  if ([me.boot, me.pidNamespace, me.started, boot, pidNamespace, started].includes(UNKNOWN)) return false;
  if (host !== me.host || boot !== me.boot || pidNamespace !== me.pidNamespace) return false;
  return startTicks(pid) !== started;
}

export interface LeaseOptions {
  ttlMs: number;
  heartbeatMs: number;
}

/** The work's view of its lease: the epoch it was taken under, and whether it has been lost since. */
export interface LeaseHandle {
  readonly epoch: number;
  readonly lost: boolean;
  /** The epoch of a previous holder this one took over from because its process is gone, if so. */
  readonly tookOverFrom: number | null;
}

export interface LeaseKeeperDeps {
  leases: LeaseRepository;
  holder: string;
  logger: Logger;
}

/**
 * Runs `work` while holding the named lease, or returns `{ ran: false }` when another live process holds it.
 * A heartbeat renews the lease (and calls `onRenewed`, e.g. to extend claims) for as long as the work runs,
 * however long one step takes. The heartbeat never throws: a failed renewal is logged and retried with backoff,
 * and once the lease can no longer be counted on, `handle.lost` turns true so the work stops taking new work.
 */
export async function withLease<T>(
  deps: LeaseKeeperDeps,
  name: string,
  options: LeaseOptions & { onRenewed?: (epoch: number) => void },
  work: (handle: LeaseHandle) => Promise<T>,
): Promise<{ ran: false } | { ran: true; value: T }> {
  const taken = takeLease(deps, name, options.ttlMs);
  if (!taken) return { ran: false };
  const { epoch } = taken;
  const handle = { epoch, lost: false, tookOverFrom: taken.tookOverFrom };
  let lastRenewed = Date.now();
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  const beat = () => {
    try {
      if (deps.leases.renew(name, deps.holder, epoch, options.ttlMs)) {
        lastRenewed = Date.now();
        failures = 0;
        options.onRenewed?.(epoch);
      } else if (!handle.lost) {
        handle.lost = true;
        deps.logger.error(`Lost the ${name} lease to another process; stopping this run`, { epoch });
      }
    } catch (error) {
      failures += 1;
      deps.logger.warn(`Could not renew the ${name} lease; retrying`, {
        epoch,
        failures,
        error: error instanceof Error ? error.message : String(error),
      });
      // Without a renewal for most of its life, the lease may be someone else's by now: stop taking work.
      if (Date.now() - lastRenewed > options.ttlMs - options.heartbeatMs && !handle.lost) {
        handle.lost = true;
        deps.logger.error(`Could not renew the ${name} lease in time; giving it up`, { epoch });
      }
    }
    if (handle.lost) return;
    const delay = failures === 0 ? options.heartbeatMs : Math.min(options.heartbeatMs, 250 * 2 ** failures);
    timer = setTimeout(beat, delay);
    timer.unref();
  };
  timer = setTimeout(beat, options.heartbeatMs);
  timer.unref();
  try {
    return { ran: true, value: await work(handle) };
  } finally {
    clearTimeout(timer);
    handle.lost = true;
    try {
      deps.leases.release(name, deps.holder, epoch);
    } catch (error) {
      // It expires by itself; nothing else to do.
      deps.logger.warn(`Could not release the ${name} lease; it will expire`, {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** Takes the lease, or takes it over from a holder on this machine that is certainly gone. */
function takeLease(
  deps: LeaseKeeperDeps,
  name: string,
  ttlMs: number,
): { epoch: number; tookOverFrom: number | null } | null {
  const epoch = deps.leases.acquire(name, deps.holder, ttlMs);
  if (epoch !== null) return { epoch, tookOverFrom: null };
  const current = deps.leases.current(name);
  if (!current || !holderIsGone(current.holder)) return null;
  deps.logger.warn(`Taking over the ${name} lease from a process that is gone`, { epoch: current.epoch });
  deps.leases.expire(name, current.holder, current.epoch);
  const taken = deps.leases.acquire(name, deps.holder, ttlMs);
  return taken === null ? null : { epoch: taken, tookOverFrom: current.epoch };
}
