// Helpers for the privacy and trust tests: a world with the real app and the loopback Slack, what a person was
// told, forged clicks, and a dump of every table (and of the raw database bytes) to search for a person's words.
import { existsSync, readFileSync } from 'node:fs';
import type { FakeUserInput, JsonObject } from '../../src/simulator/index.js';
import { OWNER, OWNER_USER, type Participant, participant, rows, SUMMARY_CHANNEL, TEN } from './fixtures.js';
import { type Harness, seen, startHarness } from './harness.js';

export const FIRST_CHECKINS = '2026-12-10T23:00:00Z';
export const FIT_CHECKS = '2026-12-15T23:00:00Z';

/** A participant with the form answers they give (role first, zone last: reads well in a list of people). */
export function person(
  id: string,
  name: string,
  role: 'mentor' | 'mentee',
  stage: string,
  team: string,
  topics: string[],
  extra: Record<string, string | string[]> = {},
  tz = 'Europe/London',
): Participant {
  return participant(id, name, tz, role, stage, team, topics, extra);
}

/** The program owner, who also joins as a mentee (and is Maya's natural partner). */
export const OWNER_AS_MENTEE: Participant = {
  ...OWNER_USER,
  answers: {
    role: 'mentee',
    topics: ['ai-tools', 'social-media'],
    career_stage: 'executive',
    team: 'Leadership',
    goals: 'I want to understand how my teams use AI tools day to day.',
  },
};

export async function world(
  owners: string[] = [OWNER],
  extraUsers: FakeUserInput[] = [],
  env: Record<string, string> = {},
): Promise<Harness> {
  const ids = new Set<string>();
  const users = [OWNER_USER, ...TEN, ...extraUsers].filter((u) => !ids.has(u.id) && ids.add(u.id));
  return startHarness({
    owners,
    users,
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    env,
  });
}

const text = (items: readonly ({ blocks?: unknown[]; text?: string } | undefined)[]) =>
  items.map((m) => seen(m)).join('\n');

/** Everything a person was told: DMs, group DMs, ephemerals (incl. response_url replies), Home tab, open modals. */
export function everythingTo(h: Harness, userId: string): string {
  const groupDms = h.fake.calls
    .filter((c) => c.method === 'chat.postMessage')
    .map((c) => c.params)
    .filter((p) => {
      const members = h.fake.membersOf(String(p.channel));
      return members.includes(userId);
    })
    .map((p) => seen(p as never));
  return [
    text(h.fake.dmsTo(userId)),
    text(h.fake.ephemerals({ user: userId })),
    ...groupDms,
    seen(h.fake.homeViewOf(userId)),
    ...h.fake.openViews(userId).map((v) => seen(v)),
  ].join('\n');
}

/** A block_actions payload as Slack would send it for a click, with whatever ids a forger chose. */
export function forgedClick(
  h: Harness,
  userId: string,
  actionId: string,
  value: string,
  extra: JsonObject = {},
): JsonObject {
  const dm = h.fake.ensureDm(userId);
  return {
    type: 'block_actions',
    user: { id: userId, username: userId, name: userId, team_id: h.fake.workspace.teamId },
    api_app_id: h.fake.workspace.appId,
    token: 'fake-verification-token',
    trigger_id: h.fake.mintTriggerId(userId),
    team: { id: h.fake.workspace.teamId, domain: h.fake.workspace.teamDomain },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: dm, is_ephemeral: false },
    channel: { id: dm, name: 'directmessage' },
    response_url: h.fake.mintResponseUrl({ userId, channelId: dm, source: 'block_actions' }),
    actions: [{ action_id: actionId, block_id: 'forged', type: 'button', value, action_ts: '1700000000.1' }],
    ...extra,
  };
}

/** Every row of every table. */
export function allTables(h: Harness): Record<string, unknown[]> {
  const tables = rows<{ name: string }>(
    h,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  return Object.fromEntries(tables.map((t) => [t.name, rows(h, `SELECT * FROM "${t.name}"`)]));
}

/** The raw bytes of the database file and its WAL, as anyone with the file (or a backup of it) can read them. */
export function rawDatabaseBytes(h: Harness): string {
  return [h.dbPath, `${h.dbPath}-wal`]
    .filter((p) => existsSync(p))
    .map((p) => readFileSync(p).toString('latin1'))
    .join('\n');
}
