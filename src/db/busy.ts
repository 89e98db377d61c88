// SQLite answers SQLITE_BUSY when another process holds the write lock longer than the (deliberately short)
// busy timeout. On the request path that is an error to report; off it, a write that must not be lost is tried
// again after a pause — an asynchronous pause, so the event loop keeps serving in the meantime.

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED']);

export function isBusy(error: unknown): boolean {
  return BUSY_CODES.has(String((error as { code?: unknown } | null)?.code ?? ''));
}

/**
 * Runs a synchronous database write, trying again while the database is busy: after 50 ms, 100 ms, … up to
 * 2 s between tries, for about `patienceMs` in all. Any other error, or a database busy for longer than that,
 * is thrown.
 */
export async function whileBusy<T>(write: () => T, patienceMs = 15_000): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      if (!isBusy(error) || Date.now() - started >= patienceMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** attempt)));
    }
  }
}
