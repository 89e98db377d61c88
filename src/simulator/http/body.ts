import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonObject, type JsonObject, type JsonValue, parseJson } from '../json.js';

export class BodyTooLargeError extends Error {}

/** Reads a request body up to `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError(`body over ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The media type without parameters, lower-cased: `multipart/form-data; boundary=…` → `multipart/form-data`. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Parses a multipart body with the platform's own parser (undici's), which is what the WebClient's FormData made. */
export async function parseMultipart(req: IncomingMessage, body: Buffer): Promise<FormData> {
  const request = new Request('http://127.0.0.1/', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: new Uint8Array(body),
  });
  return request.formData();
}

/** Fields Slack documents as "JSON-encoded string"; the fake records them parsed. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'files', 'metadata'];

export type Decoded = { ok: true; params: JsonObject } | { ok: false; error: string };

/**
 * Decodes Web API arguments the ways Slack accepts them: form-encoded, JSON (with a Bearer token), multipart, or a
 * GET query string. JSON-string fields are parsed when they are valid JSON and left as strings otherwise, so the
 * handler can answer with the precise error (e.g. invalid_blocks_format).
 */
export async function decodeParams(
  req: IncomingMessage,
  body: Buffer,
  query: URLSearchParams,
): Promise<Decoded> {
  const params: JsonObject = {};
  // `__proto__` would go through the prototype setter instead of becoming a field: drop it.
  const set = (key: string, value: JsonValue): void => {
    if (key !== '__proto__') params[key] = value;
  };
  for (const [key, value] of query) set(key, value);
  if (body.length > 0) {
    const type = mediaType(req);
    if (type === 'application/x-www-form-urlencoded' || type === 'text/plain') {
      for (const [key, value] of new URLSearchParams(body.toString('utf8'))) set(key, value);
    } else if (type === 'application/json') {
      const parsed = parseJson(body.toString('utf8'));
      if (!isJsonObject(parsed)) return { ok: false, error: 'invalid_json' };
      for (const [key, value] of Object.entries(parsed)) set(key, value);
    } else if (type === 'multipart/form-data') {
      try {
        const form = await parseMultipart(req, body);
        for (const [key, value] of form) if (typeof value === 'string') set(key, value);
      } catch {
        return { ok: false, error: 'invalid_form_data' };
      }
    } else if (type === '') {
      return { ok: false, error: 'missing_post_type' };
    } else {
      return { ok: false, error: 'invalid_post_type' };
    }
  }
  for (const key of JSON_FIELDS) {
    const value: JsonValue | undefined = params[key];
    if (typeof value === 'string') {
      const parsed = parseJson(value);
      if (parsed !== undefined && typeof parsed === 'object') params[key] = parsed;
    }
  }
  return { ok: true, params };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): string {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
  return text;
}
