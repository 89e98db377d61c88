// The loopback Slack of the soak, in its own process: killing or restarting a bot never takes Slack down,
// and every bot and `tick` process talks to the same one. The driver controls it over Node's IPC channel
// (see FakeControl in protocol.ts): it sends signed requests into a bot from here (they are built from what
// this fake holds: trigger ids, views, messages), injects failures, deactivates people, sets the world clock,
// and reads back every message posted.
//
// Usage (the driver does this): node fake-slack-process.js, with an IPC channel.

import {
  type ActionSource,
  type AppResponse,
  type EnteredValues,
  type FakeSlack,
  type JsonObject,
  type RecordedCall,
  SlackRequestSender,
  startFakeSlack,
} from '../../src/simulator/index.js';
import type {
  AppTarget,
  FailureSpec,
  FakeControl,
  Interaction,
  PostRecord,
  RpcRequest,
  RpcResponse,
  StartInput,
  Wait,
} from './protocol.js';

let offsetMs = 0;
const now = () => Date.now() + offsetMs;
let fake: FakeSlack | null = null;
const senders = new Map<string, SlackRequestSender>();

function slack(): FakeSlack {
  if (!fake) throw new Error('the fake has not been started');
  return fake;
}

/** The fake's record of calls, read in place: copying thousands of calls on every poll would be slow. */
function recorded(): readonly RecordedCall[] {
  return (slack() as unknown as { recorded: RecordedCall[] }).recorded;
}

function sender(app: AppTarget): SlackRequestSender {
  let found = senders.get(app.url);
  if (!found) {
    found = new SlackRequestSender({ appUrl: app.url, signingSecret: app.signingSecret, fake: slack(), now });
    senders.set(app.url, found);
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(15);
  }
  return true;
}

function replies(responseUrlId: string | undefined): string[] {
  if (!responseUrlId) return [];
  return slack()
    .responses(responseUrlId)
    .map((r) => String(r.body.text ?? ''));
}

/** Sends one request into the app, then waits for what `wait` names. A request that can't be sent is reported. */
async function interact(
  send: () => Promise<AppResponse & { triggerId?: string; responseUrl?: string; outcome?: unknown }>,
  wait: Wait,
): Promise<Interaction> {
  const from = recorded().length;
  const started = performance.now();
  let result: Awaited<ReturnType<typeof send>>;
  try {
    result = await send();
  } catch (error) {
    return {
      status: 0,
      elapsedMs: performance.now() - started,
      waited: false,
      error: error instanceof Error ? error.message : String(error),
      replies: [],
    };
  }
  const responseUrlId = result.responseUrl?.split('/').pop();
  let waited = true;
  if (wait.kind === 'call') {
    waited = await waitUntil(
      () =>
        recorded()
          .slice(from)
          .some(
            (c) =>
              c.method === wait.method &&
              c.status === 200 &&
              c.response?.ok === true &&
              (!wait.trigger || c.params.trigger_id === result.triggerId) &&
              (!wait.user || c.params.user_id === wait.user || c.params.user === wait.user) &&
              (!wait.viewId || c.params.view_id === wait.viewId),
          ),
      wait.timeoutMs ?? 8_000,
    );
  } else if (wait.kind === 'response') {
    waited = await waitUntil(() => replies(responseUrlId).length > 0, wait.timeoutMs ?? 8_000);
  }
  const outcome = result.outcome as { action?: string; errors?: unknown } | undefined;
  return {
    status: result.status,
    elapsedMs: result.elapsedMs ?? performance.now() - started,
    waited,
    replies: replies(responseUrlId),
    ...(outcome?.action ? { outcome: outcome.action } : {}),
    ...(outcome?.errors ? { errors: outcome.errors } : {}),
  };
}

function buttonValues(blocks: unknown): string[] {
  const values: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'button' && typeof element.value === 'string') values.push(element.value);
      for (const child of Object.values(element)) if (typeof child === 'object') visit(child);
    }
  };
  visit(blocks);
  return values;
}

function toPost(call: RecordedCall, index: number): PostRecord | null {
  if (call.method !== 'chat.postMessage' || call.status !== 200 || call.response?.ok !== true) return null;
  const channel = String(call.response.channel ?? call.params.channel ?? '');
  const conversation = slack().conversation(channel) as JsonObject | undefined;
  const kind = conversation?.is_im ? 'im' : conversation?.is_mpim ? 'mpim' : 'channel';
  const bot = slack().workspace.botUserId;
  return {
    index,
    at: call.at,
    channel,
    kind,
    members: slack()
      .membersOf(channel)
      .filter((m) => m !== bot),
    text: String(call.params.text ?? ''),
    values: buttonValues(call.params.blocks),
  };
}

function failureMatcher(spec: FailureSpec): ((params: Readonly<JsonObject>) => boolean) | undefined {
  const match = spec.match;
  if (!match) return undefined;
  let seen = 0;
  return (params) => {
    if (match.textIncludes !== undefined && !String(params.text ?? '').includes(match.textIncludes))
      return false;
    if (match.nth === undefined) return true;
    seen += 1;
    return seen === match.nth;
  };
}

const control: FakeControl = {
  start() {
    throw new Error('start is handled before the other operations');
  },
  setClock(worldMs) {
    offsetMs = worldMs - Date.now();
    return null;
  },
  command(app, user, text, wait) {
    return interact(() => sender(app).command(user, text), wait);
  },
  openHome(app, user, wait) {
    return interact(() => sender(app).openHome(user), wait);
  },
  clickButton(app, user, source: ActionSource, actionId, wait) {
    return interact(() => sender(app).clickButton(user, source, actionId), wait);
  },
  submitView(app, user, viewId, values: EnteredValues, wait) {
    const view = viewId ? slack().view(viewId) : slack().lastViewOpenedFor(user);
    if (!view) {
      return Promise.resolve({
        status: 0,
        elapsedMs: 0,
        waited: false,
        error: `${user} has no modal ${viewId ?? ''} open`,
        replies: [],
      });
    }
    return interact(() => sender(app).submitView(user, view, values), wait);
  },
  lastViewOpenedFor(user) {
    const view = slack().lastViewOpenedFor(user);
    return view ? { id: view.id, title: String(view.title?.text ?? '') } : null;
  },
  failNext(spec) {
    const match = failureMatcher(spec);
    slack().failNext(spec.method, spec.failure, {
      ...(spec.times ? { times: spec.times } : {}),
      ...(match ? { match } : {}),
    });
    return null;
  },
  clearFailures() {
    // FakeSlack.reset() would also forget messages; the queue itself is what must go.
    (slack() as unknown as { failures: { clear(): void } }).failures.clear();
    return null;
  },
  deactivate(user) {
    slack().deactivateUser(user);
    return null;
  },
  posts(fromIndex) {
    const calls = recorded();
    const out: PostRecord[] = [];
    for (let i = fromIndex; i < calls.length; i++) {
      const post = toPost(calls[i]!, i);
      if (post) out.push(post);
    }
    return out;
  },
  unanswered(method, fromIndex) {
    return recorded()
      .slice(fromIndex)
      .filter((c) => c.method === method && c.status === 0).length;
  },
  summary() {
    const counts: Record<string, number> = {};
    for (const call of recorded()) {
      const key = `${call.method} ${call.status}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return { counts, next: recorded().length };
  },
};

async function handle(request: RpcRequest): Promise<RpcResponse> {
  try {
    if (request.op === 'start') {
      const input = request.args[0] as StartInput;
      fake = await startFakeSlack({
        tokens: [input.token],
        users: input.users,
        channels: input.channels,
        now,
      });
      return { type: 'soak-rpc-result', id: request.id, ok: true, value: { apiUrl: fake.apiUrl } };
    }
    const method = control[request.op] as (...args: unknown[]) => unknown;
    const value = await method(...request.args);
    return { type: 'soak-rpc-result', id: request.id, ok: true, value };
  } catch (error) {
    return {
      type: 'soak-rpc-result',
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

process.on('message', (message: unknown) => {
  const request = message as RpcRequest;
  if (request?.type !== 'soak-rpc') return;
  void handle(request).then((response) => process.send?.(response));
});
// The driver went away (finished, or died): so does Slack.
process.on('disconnect', () => {
  void (fake?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
