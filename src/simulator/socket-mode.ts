import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { copy, isJsonObject, type JsonObject, type JsonValue, parseJson } from './json.js';

/** The three kinds of envelope Slack sends over a Socket Mode connection. */
export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/** Why Slack asks the app to reconnect (`{type:'disconnect', reason}`). */
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

export interface SocketModeOptions {
  /**
   * How often the fake pings each connection, as Slack does. Bolt's client drops a connection that hears no ping
   * for 30 s once pings have started. Default 10 000 ms; 0 never pings.
   */
  pingIntervalMs?: number;
  /**
   * How long `deliverEnvelope` waits for the app's ack before it rejects. Slack itself gives up after 3 s; the
   * default, 10 000 ms, leaves room for a loaded test machine. `SocketModeAck.elapsedMs` tells the real delay.
   */
  ackTimeoutMs?: number;
}

export interface DeliverOptions {
  /** Default: true for slash commands, view_submission and block_suggestion; false otherwise (as Slack sets it). */
  acceptsResponsePayload?: boolean;
  /** events_api only: Slack's redelivery count (0 on the first delivery) and why it redelivers. */
  retryAttempt?: number;
  retryReason?: string;
  /** Overrides the fake's `ackTimeoutMs` for this envelope. */
  ackTimeoutMs?: number;
  /** Send on this connection (an id from `connections`); default: the open connections in turn. */
  connectionId?: string;
}

/** The app's answer to an envelope: `{ envelope_id, payload? }` on the wire. */
export interface SocketModeAck {
  envelopeId: string;
  /**
   * The ack's `payload`, undefined when it had none. Bolt's client always sends one: `{}` for a bare `ack()`,
   * `{ text }` for `ack('text')`, the object for `ack({...})`.
   */
  payload: JsonValue | undefined;
  /** The whole ack message as the app sent it. */
  message: JsonObject;
  /** Wall-clock milliseconds from sending the envelope to reading the ack (Slack waits 3 000). */
  elapsedMs: number;
  connectionId: string;
}

/** An envelope the fake sent, with the ack it got (if any yet). */
export interface DeliveredEnvelope {
  connectionId: string;
  /** Exactly what went over the socket. */
  envelope: JsonObject;
  /** The raw ack message, once it came. */
  ack?: JsonObject;
}

export interface SocketConnectionInfo {
  id: string;
  open: boolean;
  /** The ticket from apps.connections.open the connection used. */
  ticket: string;
  /** WebSocket ping frames the app sent (Bolt's client pings every few seconds and expects pongs). */
  pingsReceived: number;
  /** What the fake said when the connection opened. */
  hello: JsonObject;
  /**
   * Once closed: the close code the app sent (1000 for a normal close), or 1006 when the link just went away
   * without a close frame (a killed process, `dropConnections`).
   */
  closeCode?: number;
}

interface Connection {
  id: string;
  ws: WebSocket;
  ticket: string;
  open: boolean;
  pingsReceived: number;
  hello: JsonObject;
  pinger: NodeJS.Timeout | undefined;
  closeCode?: number;
}

interface PendingAck {
  envelopeId: string;
  connectionId: string;
  sentAt: number;
  record: DeliveredEnvelope;
  timer: NodeJS.Timeout;
  resolve: (ack: SocketModeAck) => void;
  reject: (error: Error) => void;
}

interface ConnectionWaiter {
  isMet: () => Connection | undefined;
  resolve: (connectionId: string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const LINK_PATHS = new Set(['/link', '/link/']);

/**
 * Slack's side of Socket Mode: `apps.connections.open` mints a one-use ticket URL on the fake's own server; the app
 * opens a WebSocket there, is greeted with `hello`, and receives envelopes that it acks with
 * `{ envelope_id, payload? }`. Tests deliver envelopes and read the acks through `fake.socketMode`.
 */
export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true, clientTracking: false });
  private readonly tickets = new Set<string>();
  private readonly live = new Map<string, Connection>();
  private readonly all: Connection[] = [];
  private readonly pending = new Map<string, PendingAck>();
  private readonly delivered: DeliveredEnvelope[] = [];
  private readonly stray: string[] = [];
  private waiters: ConnectionWaiter[] = [];
  private readonly pingIntervalMs: number;
  private readonly ackTimeoutMs: number;
  private nextConnection = 1;
  private turn = 0;
  private closed = false;

  constructor(
    private readonly appId: string,
    private readonly baseUrl: () => string,
    options: SocketModeOptions = {},
  ) {
    this.pingIntervalMs = options.pingIntervalMs ?? 10_000;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    if (!(this.pingIntervalMs >= 0)) throw new RangeError('pingIntervalMs must be 0 or more');
    if (!(this.ackTimeoutMs > 0)) throw new RangeError('ackTimeoutMs must be more than 0');
  }

  // ── What tests use ───────────────────────────────────────────────────────────────────────────────────────────

  /** True while at least one app connection is open (and has been sent `hello`). */
  get connected(): boolean {
    return this.live.size > 0;
  }

  /** Every connection ever opened, oldest first. */
  get connections(): SocketConnectionInfo[] {
    return this.all.map((c) => ({
      id: c.id,
      open: c.open,
      ticket: c.ticket,
      pingsReceived: c.pingsReceived,
      hello: copy(c.hello),
      ...(c.closeCode === undefined ? {} : { closeCode: c.closeCode }),
    }));
  }

  /** Every envelope sent, oldest first, with its ack once it came. */
  get envelopes(): DeliveredEnvelope[] {
    return copy(this.delivered);
  }

  /** Messages from the app that were not acks of a pending envelope (bad JSON, unknown or repeated envelope_id). */
  get strayMessages(): string[] {
    return [...this.stray];
  }

  /**
   * Resolves with a connection id once an app connection is open. `fresh: true` waits for one opened after this
   * call (e.g. the reconnection after `requestReconnect`).
   */
  waitForConnection(options: { timeoutMs?: number; fresh?: boolean } = {}): Promise<string> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const after = this.nextConnection;
    const isMet = (): Connection | undefined =>
      [...this.live.values()].find((c) => !options.fresh || connectionNumber(c.id) >= after);
    const ready = isMet();
    if (ready) return Promise.resolve(ready.id);
    if (this.closed) return Promise.reject(new Error('the fake Slack is closed'));
    return new Promise((resolve, reject) => {
      const waiter: ConnectionWaiter = {
        isMet,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`no app connected over Socket Mode within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /**
   * Sends an envelope to the connected app and resolves with its ack. Rejects when no app is connected, when the
   * connection closes first, or when no ack comes within the ack timeout.
   */
  deliverEnvelope(
    type: EnvelopeType,
    payload: JsonObject,
    options: DeliverOptions = {},
  ): Promise<SocketModeAck> {
    const connection = this.pick(options.connectionId);
    if (!connection) {
      return Promise.reject(
        new Error(
          options.connectionId
            ? `Socket Mode connection ${options.connectionId} is not open`
            : 'no app is connected over Socket Mode (start it, then await fake.socketMode.waitForConnection())',
        ),
      );
    }
    const envelopeId = randomUUID();
    const envelope: JsonObject = {
      envelope_id: envelopeId,
      payload: copy(payload),
      type,
      accepts_response_payload: options.acceptsResponsePayload ?? acceptsResponsePayload(type, payload),
    };
    if (type === 'events_api') {
      envelope.retry_attempt = options.retryAttempt ?? 0;
      envelope.retry_reason = options.retryReason ?? '';
    }
    const record: DeliveredEnvelope = { connectionId: connection.id, envelope };
    this.delivered.push(record);
    const timeoutMs = options.ackTimeoutMs ?? this.ackTimeoutMs;
    return new Promise((resolve, reject) => {
      const pending: PendingAck = {
        envelopeId,
        connectionId: connection.id,
        sentAt: performance.now(),
        record,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(envelopeId);
          reject(new Error(`the app did not ack ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.pending.set(envelopeId, pending);
      connection.ws.send(JSON.stringify(envelope), (error) => {
        if (error) this.settleWithError(pending, new Error(`could not send the envelope: ${error.message}`));
      });
    });
  }

  /**
   * Sends `{type:'disconnect', reason}` on every open connection, as Slack does before it recycles a server
   * (`warning`, then `refresh_requested`) or when Socket Mode is turned off (`link_disabled`). Bolt's client closes
   * the connection and opens a new one through apps.connections.open.
   */
  requestReconnect(reason: DisconnectReason = 'refresh_requested'): void {
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } });
    for (const connection of this.live.values()) connection.ws.send(message);
  }

  /** Cuts every connection without a close handshake, as a network failure would. */
  dropConnections(): void {
    for (const connection of [...this.live.values()]) connection.ws.terminate();
  }

  /** Forgets delivered envelopes and stray messages; connections stay open. */
  reset(): void {
    this.delivered.length = 0;
    this.stray.length = 0;
  }

  // ── Wiring inside the fake ───────────────────────────────────────────────────────────────────────────────────

  /** apps.connections.open: a one-use URL on the fake's own server. */
  mintUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    const ws = this.baseUrl().replace(/^http/, 'ws');
    return `${ws}link/?ticket=${ticket}&app_id=${encodeURIComponent(this.appId)}`;
  }

  /** The HTTP server's `upgrade` event. Only `/link/?ticket=…` with an unused ticket becomes a WebSocket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1/');
    if (this.closed || !LINK_PATHS.has(url.pathname)) {
      refuse(socket, 404, 'Not Found');
      return;
    }
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!this.tickets.delete(ticket)) {
      refuse(socket, 401, 'Unauthorized');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, ticket));
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('the fake Slack closed before an app connected'));
    }
    this.waiters = [];
    for (const pending of [...this.pending.values()]) {
      this.settleWithError(
        pending,
        new Error(`the fake Slack closed before the app acked ${pending.envelopeId}`),
      );
    }
    for (const connection of [...this.live.values()]) {
      clearInterval(connection.pinger);
      connection.ws.terminate();
    }
    this.wss.close();
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────────────────

  private accept(ws: WebSocket, ticket: string): void {
    const id = `conn-${this.nextConnection++}`;
    const hello: JsonObject = {
      type: 'hello',
      num_connections: this.live.size + 1,
      debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: this.appId },
    };
    const connection: Connection = { id, ws, ticket, open: true, pingsReceived: 0, hello, pinger: undefined };
    this.all.push(connection);
    this.live.set(id, connection);
    ws.on('error', () => ws.terminate());
    ws.on('ping', () => {
      connection.pingsReceived++;
    });
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', (code) => this.onClose(connection, code));
    ws.send(JSON.stringify(hello));
    if (this.pingIntervalMs > 0) {
      connection.pinger = setInterval(() => ws.ping(Buffer.from(`ping-${Date.now()}`)), this.pingIntervalMs);
      connection.pinger.unref();
    }
    for (const waiter of [...this.waiters]) {
      const met = waiter.isMet();
      if (!met) continue;
      clearTimeout(waiter.timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(met.id);
    }
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8');
    const message = isBinary ? undefined : parseJson(text);
    const envelopeId = isJsonObject(message) ? message.envelope_id : undefined;
    const pending = typeof envelopeId === 'string' ? this.pending.get(envelopeId) : undefined;
    if (!pending || !isJsonObject(message)) {
      this.stray.push(isBinary ? `<binary ${text.length} bytes>` : text);
      return;
    }
    this.pending.delete(pending.envelopeId);
    clearTimeout(pending.timer);
    pending.record.ack = copy(message);
    pending.resolve({
      envelopeId: pending.envelopeId,
      payload: message.payload === undefined ? undefined : copy(message.payload),
      message: copy(message),
      elapsedMs: performance.now() - pending.sentAt,
      connectionId: pending.connectionId,
    });
  }

  private onClose(connection: Connection, code: number): void {
    connection.open = false;
    connection.closeCode = code;
    clearInterval(connection.pinger);
    this.live.delete(connection.id);
    for (const pending of [...this.pending.values()]) {
      if (pending.connectionId !== connection.id) continue;
      this.settleWithError(
        pending,
        new Error(`the Socket Mode connection closed before the app acked ${pending.envelopeId}`),
      );
    }
  }

  private settleWithError(pending: PendingAck, error: Error): void {
    if (!this.pending.delete(pending.envelopeId)) return;
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  private pick(connectionId: string | undefined): Connection | undefined {
    if (connectionId !== undefined) return this.live.get(connectionId);
    const open = [...this.live.values()];
    if (open.length === 0) return undefined;
    const chosen = open[this.turn % open.length];
    this.turn++;
    return chosen;
  }
}

/** Slack lets the app answer slash commands, view submissions and option requests in the ack. */
function acceptsResponsePayload(type: EnvelopeType, payload: JsonObject): boolean {
  if (type === 'slash_commands') return true;
  if (type === 'interactive')
    return payload.type === 'view_submission' || payload.type === 'block_suggestion';
  return false;
}

function connectionNumber(id: string): number {
  return Number(id.slice('conn-'.length));
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
