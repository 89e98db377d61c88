import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in app endpoint: records what the sender posts and answers with `reply`. */
export interface CaptureServer {
  url: string;
  requests: Captured[];
  reply: { status: number; body?: string; contentType?: string };
  close(): Promise<void>;
}

export async function startCapture(): Promise<CaptureServer> {
  const requests: Captured[] = [];
  const state: CaptureServer = {
    url: '',
    requests,
    reply: { status: 200 },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const { status, body, contentType } = state.reply;
      res.writeHead(status, body ? { 'content-type': contentType ?? 'application/json' } : {});
      res.end(body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return state;
}

/** The JSON `payload` of an interactivity form body. */
export function payloadOf(captured: Captured | undefined): Record<string, unknown> {
  const payload = new URLSearchParams(captured?.body ?? '').get('payload');
  if (payload === null) throw new Error('no payload field');
  return JSON.parse(payload) as Record<string, unknown>;
}
