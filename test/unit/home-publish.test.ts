import type { HomeView } from '@slack/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.js';
import { HomeService } from '../../src/services/home.js';
import { OwnerService } from '../../src/services/owners.js';
import type { SlackPort } from '../../src/services/ports.js';
import { buildRepositories } from '../../src/wiring.js';

// Under a crowd every saved form asks for a Home publish: only people who look at the tab get one, and a
// person's publishes never pile up (one in flight, the latest state wins).

const NOW = new Date('2026-11-23T10:00:00Z');
const MAYA = 'U0MAYA001';

let handle: DatabaseHandle;
let repos: ReturnType<typeof buildRepositories>;
let published: { userId: string; view: HomeView }[];
/** While set, each publish waits until released (as a slow views.publish would). */
let blocking: boolean;
let held: (() => void)[];
let home: HomeService;

beforeEach(() => {
  handle = openDatabase(':memory:');
  repos = buildRepositories(handle);
  published = [];
  blocking = false;
  held = [];
  const slack = {
    async publishHome(userId: string, view: HomeView) {
      published.push({ userId, view });
      if (blocking) await new Promise<void>((resolve) => held.push(resolve));
    },
  } as unknown as SlackPort;
  home = new HomeService({
    ...repos,
    owners: new OwnerService([], repos.owners, () => NOW),
    slack,
    clock: () => NOW,
  });
});
afterEach(() => handle.close());

const blocksOf = (view: HomeView) => JSON.stringify(view.blocks);

describe('HomeService.publish', () => {
  it('skips someone who never opened the tab, unless asked to publish anyway', async () => {
    await home.publish(MAYA);
    expect(published).toEqual([]);
    await home.publish(MAYA, { evenIfNeverOpened: true });
    expect(published.map((p) => p.userId)).toEqual([MAYA]);
  });

  it('publishes once the person has opened the tab, and from then on', async () => {
    await home.opened(MAYA);
    await home.publish(MAYA);
    expect(published.map((p) => p.userId)).toEqual([MAYA, MAYA]);
    expect(repos.people.hasOpenedHome(MAYA)).toBe(true);
    repos.people.redact(MAYA);
    expect(repos.people.hasOpenedHome(MAYA)).toBe(false);
  });

  it('keeps one publish in flight per person; those asked for meanwhile become one re-run with the latest state', async () => {
    repos.people.markHomeOpened(MAYA, NOW);
    blocking = true;
    const first = home.publish(MAYA);
    expect(published).toHaveLength(1);
    expect(blocksOf(published[0]!.view)).not.toContain('Your profile');

    repos.profiles.save({
      userId: MAYA,
      role: 'mentor',
      topics: ['ai-tools'],
      otherTopics: null,
      careerStage: 'early',
      team: 'Sales',
      goals: 'Help a senior leader with AI assistants.',
      blockedUserIds: [],
      hours: null,
      updatedAt: NOW,
    });
    const meanwhile = [home.publish(MAYA), home.publish(MAYA), home.publish(MAYA)];
    expect(published).toHaveLength(1);

    blocking = false;
    held.shift()!();
    await Promise.all([first, ...meanwhile]);
    expect(published).toHaveLength(2);
    expect(blocksOf(published[1]!.view)).toContain('Your profile');

    await home.publish(MAYA);
    expect(published).toHaveLength(3);
  });
});
