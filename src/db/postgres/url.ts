// DATABASE_URL: a PostgreSQL connection URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE). Pure: no driver, no
// connection. Whatever goes wrong with one is said with its host and port only: a URL's credentials, query
// (which may hold `password=`) and path never reach a message or a log.

export const DEFAULT_POSTGRES_PORT = 5432;

export interface PostgresUrl {
  /** The URL as given (trimmed), credentials included: for the driver only, never for a message. */
  url: string;
  host: string;
  port: number;
  /** The database name; empty when the URL names none (the server then uses the user's name). */
  database: string;
}

export type PostgresUrlResult = { ok: true; value: PostgresUrl } | { ok: false; problem: string };

const UNSURE =
  'a host that cannot be told apart from the credentials (escape @ / ? # in them as %40 %2F %3F %23)';

/**
 * Host and port of a connection URL — even one that doesn't parse — found without taking anything that could
 * be part of a credential: nothing before the `@` that ends the user and password (even a password holding `@`,
 * `/`, `?` or `#` unescaped), nothing after the host (the path, a query that may hold `password=`). Null where
 * that can't be told for sure.
 */
function locate(text: string): { host: string; port: string | undefined } | null {
  // Without `scheme://` the parser would take `host:` for a scheme: such text is read by hand, below.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      // An @ after the host: the parser may have split a password with an unescaped / ? or # as if it were
      // the host.
      if (/@/.test(url.pathname + url.search + url.hash)) return null;
      return { host: url.hostname, port: url.port || undefined };
    } catch {
      // read by hand
    }
  }
  // The credentials end at the last @, if no ? or # (a query's start) comes before it.
  const afterScheme = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const at = afterScheme.lastIndexOf('@');
  if (at >= 0 && /[?#]/.test(afterScheme.slice(0, at))) return null;
  const hostPart = (at >= 0 ? afterScheme.slice(at + 1) : afterScheme).split(/[/?#]/)[0] ?? '';
  const match = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPart);
  return { host: match?.[1] ?? '', port: match?.[2] || undefined };
}

/** A port that isn't digits is never shown: it may be a password whose `@host` is missing. */
const isDigits = (port: string) => /^\d{1,6}$/.test(port);

/** "host H, port P" for messages about a URL, showing nothing that could be part of a credential. */
export function describeLocation(raw: string): string {
  const found = locate(raw.trim());
  if (!found) return UNSURE;
  if (!found.host) return 'no host given';
  if (found.port === undefined) return `host ${found.host}, port ${DEFAULT_POSTGRES_PORT}`;
  return isDigits(found.port)
    ? `host ${found.host}, port ${found.port}`
    : `host ${found.host}, a port that isn't a number`;
}

/** Reads DATABASE_URL. The problem, when there is one, names host and port at most, never a credential. */
export function parsePostgresUrl(raw: string): PostgresUrlResult {
  const text = raw.trim();
  const where = describeLocation(text);
  const example = 'such as postgres://USER:PASSWORD@HOST:5432/DATABASE';
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    return {
      ok: false,
      problem: `must be a PostgreSQL URL ${example} (${where}: it doesn't start with postgres://)`,
    };
  }
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    return {
      ok: false,
      problem: `must be a PostgreSQL URL ${example} (${where}: it starts with ${scheme}://, not postgres:// or postgresql://)`,
    };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    const port = locate(text)?.port;
    if (port !== undefined && (!isDigits(port) || Number(port) < 1 || Number(port) > 65535))
      return { ok: false, problem: `has a port that can't be used (${where}); ports run from 1 to 65535` };
    return { ok: false, problem: `is not a URL that can be read (${where}); it must be one ${example}` };
  }
  if (!url.hostname) return { ok: false, problem: `names no host; it must be a PostgreSQL URL ${example}` };
  const port = url.port === '' ? DEFAULT_POSTGRES_PORT : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, problem: `has a port that can't be used (${where}); ports run from 1 to 65535` };
  }
  let database: string;
  try {
    database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    return { ok: false, problem: `has a database name that can't be read (${where})` };
  }
  if (database.includes('/')) {
    return {
      ok: false,
      problem: `names a database with a "/" in it (${where}); use /DATABASE after the host`,
    };
  }
  return { ok: true, value: { url: text, host: url.hostname, port, database } };
}
