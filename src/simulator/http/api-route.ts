import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FailureQueue } from '../failures.js';
import { isJsonObject, type JsonObject, type JsonValue, parseJson } from '../json.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { SimState } from '../state/index.js';
import type { RecordedCall } from '../types.js';
import { type ApiBody, ArgumentError, fail, type Handler } from '../web-api/index.js';
import { decodeParams, readBody, sendJson } from './body.js';

/** Web API bodies are small; files go to the upload route. */
const API_BODY_LIMIT = 8 * 1024 * 1024;

export interface ApiRouteDeps {
  state: SimState;
  handlers: ReadonlyMap<string, Handler>;
  failures: FailureQueue;
  limiter: RateLimiter | undefined;
  acceptsToken: (token: string) => boolean;
  /** App-level tokens (`xapp-…`): good only for apps.connections.open. */
  acceptsAppToken: (token: string) => boolean;
  calls: RecordedCall[];
}

/** The methods an app-level token may call (and a bot token may not). */
const APP_LEVEL_METHODS = new Set(['apps.connections.open']);

/**
 * One Web API call: decode → authenticate → injected failure → rate limit → handler, answering like Slack
 * (HTTP 200 with ok:true/false, 429 with Retry-After) and recording every call, refused ones included.
 */
export async function handleApiCall(
  deps: ApiRouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  query: URLSearchParams,
): Promise<void> {
  const { state } = deps;
  const at = state.now();
  let params: JsonObject = {};
  const answer = (status: number, body: ApiBody, headers: Record<string, string> = {}): void => {
    const text = sendJson(res, status, body, headers);
    const response = parseJson(text);
    deps.calls.push({ method, params, status, response: isJsonObject(response) ? response : null, at });
  };

  const body = await readBody(req, API_BODY_LIMIT);
  const decoded = await decodeParams(req, body, query);
  if (!decoded.ok) return answer(200, fail(decoded.error));
  const { token: bodyToken, ...rest } = decoded.params;
  params = rest;

  const handler = deps.handlers.get(method);
  if (!handler) return answer(200, { ...fail('unknown_method'), req_method: method });

  const headerToken = bearer(req);
  const token = headerToken ?? (typeof bodyToken === 'string' && bodyToken !== '' ? bodyToken : undefined);
  if (token === undefined) return answer(200, fail('not_authed'));
  const refusal = tokenRefusal(deps, method, token, headerToken !== undefined);
  if (refusal) return answer(200, fail(refusal));

  const failure = deps.failures.take(method, params);
  if (failure) {
    if ('drop' in failure) {
      deps.calls.push({ method, params, status: 0, response: null, at });
      req.socket.destroy();
      return;
    }
    if ('hang' in failure) {
      // Recorded with status 0 so a test can see the call arrived; the socket is closed when the fake is.
      deps.calls.push({ method, params, status: 0, response: null, at });
      return;
    }
    if ('error' in failure) return answer(200, fail(failure.error, failure.messages));
    if (failure.status === 429) {
      return answer(429, fail('ratelimited'), { 'retry-after': String(Math.ceil(failure.retryAfter)) });
    }
    return answer(failure.status, fail(failure.status === 503 ? 'service_unavailable' : 'internal_error'));
  }

  if (deps.limiter) {
    const decision = deps.limiter.admit(method, at, channelKey(state, params.channel));
    if (!decision.allowed) {
      return answer(429, fail('ratelimited'), { 'retry-after': String(decision.retryAfter) });
    }
  }

  try {
    answer(200, handler({ state, params: structuredClone(params) }));
  } catch (error) {
    if (error instanceof ArgumentError) return answer(200, fail('invalid_arguments', error.messages));
    // A bug in the fake itself: fail the test visibly (and recorded), never hang or crash the server.
    const detail = error instanceof Error ? error.message : String(error);
    answer(500, { ...fail('internal_error'), detail });
  }
}

/**
 * Unknown tokens → `invalid_auth`; a known token of the wrong kind (a bot token on apps.connections.open, an
 * app-level token anywhere else) → `not_allowed_token_type`. Slack reads the app-level token for
 * apps.connections.open only from the Authorization header, so one sent in the body → `not_authed`.
 */
function tokenRefusal(
  deps: ApiRouteDeps,
  method: string,
  token: string,
  fromHeader: boolean,
): string | undefined {
  const appMethod = APP_LEVEL_METHODS.has(method);
  if (token.startsWith('xapp-')) {
    if (!deps.acceptsAppToken(token)) return 'invalid_auth';
    if (!appMethod) return 'not_allowed_token_type';
    return fromHeader ? undefined : 'not_authed';
  }
  if (!deps.acceptsToken(token)) return 'invalid_auth';
  return appMethod ? 'not_allowed_token_type' : undefined;
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * The per-channel rate-limit key for chat.postMessage. A user id and that user's D channel are the same conversation
 * (the IM may not even exist before the first post), so both count as `im:<user>`.
 */
function channelKey(state: SimState, channel: JsonValue | undefined): string | undefined {
  if (typeof channel !== 'string') return undefined;
  if (/^[UW][A-Z0-9]+$/.test(channel)) return `im:${channel}`;
  const record = channel.startsWith('#')
    ? state.directory.channelByName(channel)
    : state.directory.channel(channel);
  if (record?.kind === 'im' && record.imUser !== undefined) return `im:${record.imUser}`;
  return record?.id ?? channel;
}
