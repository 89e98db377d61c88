import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Identifies this process as a lease holder: `host:pid:random`. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * True when a lease holder is a process on this machine that no longer exists (killed, crashed). Its lease
 * can be taken over at once instead of waiting for it to expire. Holders on other machines are never
 * judged: their leases simply run out.
 */
export function holderIsGone(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
