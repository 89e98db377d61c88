// The loopback Slack of the ack benchmark, in its own process (Slack is another machine in real life, so its work
// isn't billed to the app being timed). Besides the Web API it serves a small control endpoint for the load
// generator, which does what Slack's servers do before a request reaches the app: mint the trigger_id and
// response_url of a slash command, and build a view_submission from the modal the app really opened for that
// person (its blocks, private_metadata and id), as SlackRequestSender.submitView does.
//
// Usage: node ack-fake-slack.js <storedPeople> <newcomers>; prints one JSON line { apiUrl, controlUrl }.
// Control (POST, JSON in and out): /command { user } → { fields, lastViewId }; /submission { user, since, answers,
// waitMs } → { payload } or { payload: null } when no new modal opened in time; /stats → call counts; /reset;
// /exit.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type EnteredValues,
  type FakeSlack,
  type JsonObject,
  startFakeSlack,
} from '../../src/simulator/index.js';
import { buildStateValues } from '../../src/simulator/payloads/view-state.js';

export const ACK_TOKEN = 'xoxb-ack-bench';
export const ACK_SIGNING_SECRET = 'ack-bench-signing-secret';

/** People already stored (with profiles, enrolled in the open cohort) and people joining for the first time. */
export const storedUser = (i: number) => `U0ST${String(i).padStart(7, '0')}`;
export const newcomer = (i: number) => `U0NW${String(i).padStart(7, '0')}`;

const VERIFICATION_TOKEN = 'fake-verification-token';

function commandFields(fake: FakeSlack, userId: string): Record<string, string> {
  const user = fake.user(userId);
  if (!user) throw new Error(`the fake has no user ${userId}`);
  const channelId = fake.ensureDm(userId);
  return {
    token: VERIFICATION_TOKEN,
    team_id: fake.workspace.teamId,
    team_domain: fake.workspace.teamDomain,
    channel_id: channelId,
    channel_name: 'directmessage',
    user_id: userId,
    user_name: user.name,
    command: '/reverse-mentor',
    text: '',
    api_app_id: fake.workspace.appId,
    is_enterprise_install: 'false',
    response_url: fake.mintResponseUrl({ userId, channelId, source: 'command' }),
    trigger_id: fake.mintTriggerId(userId),
  };
}

/** The view_submission Slack sends when this person presses the submit button of the modal they have open. */
function submission(fake: FakeSlack, userId: string, since: string | null, answers: EnteredValues) {
  const view = fake.openViews(userId).at(-1);
  if (!view || view.id === since) return null;
  const user = fake.user(userId);
  const payload: JsonObject = {
    type: 'view_submission',
    team: { id: fake.workspace.teamId, domain: fake.workspace.teamDomain },
    user: {
      id: userId,
      username: user?.name ?? userId,
      name: user?.name ?? userId,
      team_id: fake.workspace.teamId,
    },
    api_app_id: fake.workspace.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: fake.mintTriggerId(userId),
    view: {
      ...(JSON.parse(JSON.stringify(view)) as JsonObject),
      state: { values: buildStateValues(view.blocks, answers) },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return payload;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function send(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const stored = Number(process.argv[2]);
  const newcomers = Number(process.argv[3]);
  const fake = await startFakeSlack({ tokens: [ACK_TOKEN] });
  for (let i = 0; i < stored; i++) {
    const id = storedUser(i);
    fake.addUser({ id, name: id.toLowerCase(), realName: `Stored ${i}`, tz: 'Europe/London' });
  }
  for (let i = 0; i < newcomers; i++) {
    const id = newcomer(i);
    fake.addUser({ id, name: id.toLowerCase(), realName: `Newcomer ${i}`, tz: 'America/New_York' });
  }

  const control = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error instanceof Error ? error.stack : error));
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    switch (req.url) {
      case '/command': {
        const user = String(body.user);
        send(res, { fields: commandFields(fake, user), lastViewId: fake.openViews(user).at(-1)?.id ?? null });
        return;
      }
      case '/submission': {
        const user = String(body.user);
        const since = typeof body.since === 'string' ? body.since : null;
        const answers = body.answers as EnteredValues;
        const deadline = Date.now() + Number(body.waitMs ?? 4000);
        // The app acks the command first and opens the modal just after; wait for it as a person would.
        for (;;) {
          const payload = submission(fake, user, since, answers);
          if (payload || Date.now() >= deadline) {
            send(res, { payload });
            return;
          }
          await sleep(10);
        }
      }
      case '/stats': {
        const counts: Record<string, { ok: number; failed: number }> = {};
        for (const call of fake.calls) {
          const entry = counts[call.method] ?? { ok: 0, failed: 0 };
          counts[call.method] = entry;
          if (call.status === 200 && call.response?.ok === true) entry.ok++;
          else entry.failed++;
        }
        send(res, counts);
        return;
      }
      case '/reset':
        fake.reset();
        send(res, {});
        return;
      case '/exit':
        send(res, {});
        await fake.close();
        process.exit(0);
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  }
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const { port } = control.address() as AddressInfo;
  process.stdout.write(
    `${JSON.stringify({ apiUrl: fake.apiUrl, controlUrl: `http://127.0.0.1:${port}` })}\n`,
  );
}

if (process.argv[1]?.endsWith('ack-fake-slack.js')) await main();
