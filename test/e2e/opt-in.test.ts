import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, seen, startHarness } from '../support/harness.js';

const MAYA = 'U0MAYA001';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(h.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const goodAnswers = {
  role: 'mentor',
  topics: ['ai-tools', 'social-media'],
  other_topics: 'Slack workflows',
  career_stage: 'early',
  team: 'Sales',
  goals: 'Help a senior leader feel at home with AI assistants.',
  do_not_pair: ['U0LEE0001'],
};

async function openForm(userId = MAYA) {
  const result = await h.slack.command(userId, '');
  expect(result.status).toBe(200);
  await h.settle();
  const view = h.fake.lastViewOpenedFor(userId);
  expect(view).toBeDefined();
  return view!;
}

describe('opting in with /reverse-mentor', () => {
  it('opens the form, refuses wrong answers field by field and saves nothing', async () => {
    const view = await openForm();
    expect(view.title?.text).toBe('Reverse mentoring');
    const submit = await h.slack.submitView(MAYA, view, {
      ...goodAnswers,
      role: undefined,
      career_stage: undefined,
      topics: [],
      other_topics: '',
      team: 'x'.repeat(10),
      goals: 'short',
      do_not_pair: [MAYA],
    } as never);
    expect(submit.status).toBe(200);
    expect(submit.body).toEqual({
      response_action: 'errors',
      errors: {
        role: 'Choose whether you want to share (mentor) or learn (mentee).',
        topics: 'Pick at least one topic, or write your own under "Other topics".',
        career_stage: 'Choose the career stage closest to yours.',
        goals: 'Add a little more about your goals (at least 10 characters).',
        do_not_pair: "You can't list yourself here.",
      },
    });
    expect(submit.outcome?.action).toBe('errors');
    await h.settle();
    expect(rows('SELECT * FROM profiles')).toEqual([]);
    expect(rows('SELECT * FROM pairing_blocks')).toEqual([]);
    expect(h.fake.dmsTo(MAYA)).toEqual([]);
  });

  it('saves a valid form, closes the modal, confirms by DM and shows the profile on the Home tab', async () => {
    // Maya has looked at the Home tab before: it is kept current after she saves.
    await h.slack.openHome(MAYA);
    await h.settle();
    expect(seen(h.fake.homeViewOf(MAYA))).toContain('[ Join ]');
    const view = await openForm();
    const submit = await h.slack.submitView(MAYA, view, goodAnswers);
    expect(submit.status).toBe(200);
    expect(submit.outcome?.action).toBe('closed');
    await h.settle();

    expect(rows('SELECT user_id, role, topics, career_stage, team, goals FROM profiles')).toEqual([
      {
        user_id: MAYA,
        role: 'mentor',
        topics: JSON.stringify(['ai-tools', 'social-media', 'other:slack workflows']),
        career_stage: 'early',
        team: 'Sales',
        goals: 'Help a senior leader feel at home with AI assistants.',
      },
    ]);
    expect(rows('SELECT blocked_user_id FROM pairing_blocks')).toEqual([{ blocked_user_id: 'U0LEE0001' }]);
    // users.info filled in the name and time zone
    expect(rows('SELECT display_name, time_zone FROM people WHERE id = ?', MAYA)).toEqual([
      { display_name: expect.any(String), time_zone: 'Europe/London' },
    ]);

    const dms = h.fake.dmsTo(MAYA);
    expect(dms).toHaveLength(1);
    const dm = seen(dms[0]);
    expect(dm).toContain("You're in — welcome to reverse mentoring!");
    expect(dm).toContain("I'll share what I know (mentor)");
    expect(dm).toContain('AI tools, Social media and Slack workflows');
    expect(dm).toContain('What happens next');
    // The confidential list is never echoed back.
    expect(dm).not.toContain('U0LEE0001');

    const home = seen(h.fake.homeViewOf(MAYA));
    expect(home).toContain('Your profile');
    expect(home).toContain('[ Edit ]');
    expect(home).not.toContain('U0LEE0001');
  });

  it('publishes no Home tab after a save to someone who never opened it; opening it shows the profile', async () => {
    const submit = await h.slack.submitView(MAYA, await openForm(), goodAnswers);
    expect(submit.outcome?.action).toBe('closed');
    await h.settle();
    expect(h.fake.dmsTo(MAYA)).toHaveLength(1);
    expect(h.fake.callsTo('views.publish')).toEqual([]);
    expect(rows('SELECT home_opened FROM people WHERE id = ?', MAYA)).toEqual([{ home_opened: 0 }]);

    await h.slack.openHome(MAYA);
    await h.settle();
    expect(seen(h.fake.homeViewOf(MAYA))).toContain('Your profile');
    expect(rows('SELECT home_opened FROM people WHERE id = ?', MAYA)).toEqual([{ home_opened: 1 }]);
  });

  it('opens the same form pre-filled on a second run, and saving updates rather than duplicates', async () => {
    await h.slack.submitView(MAYA, await openForm(), goodAnswers);
    await h.settle();
    const again = await openForm();
    expect(again.submit?.text).toBe('Save');
    const state = JSON.stringify(again.blocks);
    expect(state).toContain('"initial_value":"Sales"');
    expect(state).toContain('"initial_users":["U0LEE0001"]');

    const submit = await h.slack.submitView(MAYA, again, {
      ...goodAnswers,
      team: 'Marketing',
      do_not_pair: [],
    });
    expect(submit.outcome?.action).toBe('closed');
    await h.settle();
    expect(rows('SELECT team FROM profiles')).toEqual([{ team: 'Marketing' }]);
    expect(rows('SELECT * FROM pairing_blocks')).toEqual([]);
    expect(seen(h.fake.dmsTo(MAYA).at(-1))).toContain('profile is updated');
  });

  it('the Home tab offers Join to newcomers and opens the same form', async () => {
    await h.slack.openHome(MAYA);
    await h.settle();
    const home = h.fake.homeViewOf(MAYA);
    expect(seen(home)).toContain('[ Join ]');
    await h.slack.clickButton(MAYA, 'home', 'opt_in_open');
    await h.settle();
    expect(h.fake.lastViewOpenedFor(MAYA)?.title?.text).toBe('Reverse mentoring');
  });
});

describe('help, unknown subcommands and leaving', () => {
  it('lists every subcommand in an ephemeral help', async () => {
    await h.slack.command(MAYA, 'help');
    await h.settle();
    const help = seen(h.fake.ephemerals({ user: MAYA }).at(-1));
    for (const usage of ['/reverse-mentor', '/reverse-mentor help', '/reverse-mentor leave']) {
      expect(help).toContain(usage);
    }
  });

  it('answers an unknown subcommand with its name and the help', async () => {
    await h.slack.command(MAYA, 'dance');
    await h.settle();
    const reply = seen(h.fake.ephemerals({ user: MAYA }).at(-1));
    expect(reply).toContain("I don't know the subcommand “dance”");
    expect(reply).toContain('/reverse-mentor help');
  });

  it('asks before deleting, then deletes the profile and confirms', async () => {
    await h.slack.openHome(MAYA);
    await h.slack.submitView(MAYA, await openForm(), goodAnswers);
    await h.settle();
    expect(seen(h.fake.homeViewOf(MAYA))).toContain('Your profile');
    await h.slack.command(MAYA, 'leave');
    await h.settle();
    const question = h.fake.ephemerals({ user: MAYA }).at(-1);
    expect(seen(question)).toContain('Leave reverse mentoring altogether?');
    expect(rows('SELECT COUNT(*) AS n FROM profiles')).toEqual([{ n: 1 }]);

    await h.slack.clickButton(MAYA, 'ephemeral', 'leave_confirm');
    await h.settle();
    expect(rows('SELECT COUNT(*) AS n FROM profiles')).toEqual([{ n: 0 }]);
    expect(rows('SELECT COUNT(*) AS n FROM pairing_blocks')).toEqual([{ n: 0 }]);
    const answers = h.fake.responses().map((r) => r.body);
    expect(JSON.stringify(answers.at(-1))).toContain('your profile and answers are deleted');
    // The tab she has seen no longer shows her in; that she ever opened it is forgotten with the rest.
    expect(seen(h.fake.homeViewOf(MAYA))).toContain('[ Join ]');
    expect(rows('SELECT home_opened FROM people WHERE id = ?', MAYA)).toEqual([{ home_opened: 0 }]);
  });

  it('keeps the profile when the person changes their mind', async () => {
    await h.slack.submitView(MAYA, await openForm(), goodAnswers);
    await h.settle();
    await h.slack.command(MAYA, 'leave');
    await h.settle();
    await h.slack.clickButton(MAYA, 'ephemeral', 'leave_cancel');
    await h.settle();
    expect(rows('SELECT COUNT(*) AS n FROM profiles')).toEqual([{ n: 1 }]);
  });

  it('says there is nothing to delete for someone who never joined', async () => {
    await h.slack.command(MAYA, 'leave');
    await h.settle();
    expect(seen(h.fake.ephemerals({ user: MAYA }).at(-1))).toContain("You're not in the program");
  });
});

describe('when Slack fails', () => {
  it('apologises with what to try when views.open answers ok:false, logs the code, and keeps serving', async () => {
    h.fake.failNext('views.open', { error: 'expired_trigger_id' });
    await h.slack.command(MAYA, '');
    await h.settle();
    const apology = seen(h.fake.ephemerals({ user: MAYA }).at(-1));
    expect(apology).toContain("Sorry — I couldn't open the reverse-mentoring form");
    expect(apology).toContain('Please run /reverse-mentor again');
    expect(apology).toContain('expired_trigger_id');
    expect(h.logs.some((l) => l.includes('ERROR') && l.includes('expired_trigger_id'))).toBe(true);

    const view = await openForm();
    expect(view.title?.text).toBe('Reverse mentoring');
  });

  it('apologises when the network drops under views.open', async () => {
    h.fake.failNext('views.open', { drop: true });
    await h.slack.command(MAYA, '');
    await h.settle();
    expect(seen(h.fake.ephemerals({ user: MAYA }).at(-1))).toContain('network_error');
  });

  it('still saves the profile when the confirmation DM fails, and logs why', async () => {
    const view = await openForm();
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await h.slack.submitView(MAYA, view, goodAnswers);
    await h.settle();
    expect(rows('SELECT COUNT(*) AS n FROM profiles')).toEqual([{ n: 1 }]);
    expect(h.logs.some((l) => l.includes('channel_not_found'))).toBe(true);
  });
});

describe('the HTTP edge', () => {
  it.each(['missing', 'wrong', 'stale'] as const)(
    'refuses a %s signature with 401 and changes nothing',
    async (signature) => {
      const view = await openForm();
      const before = h.fake.calls.length;
      const submit = await h.slack.submitView(MAYA, view, goodAnswers, { signature });
      expect(submit.status).toBe(401);
      const command = await h.slack.command(MAYA, 'help', { signature });
      expect(command.status).toBe(401);
      await h.settle();
      expect(rows('SELECT COUNT(*) AS n FROM profiles')).toEqual([{ n: 0 }]);
      expect(h.fake.calls.length).toBe(before);
    },
  );

  it('answers /healthz with a database round-trip, and 503 when the database is gone', async () => {
    const ok = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', database: 'ok' });
    h.bot.database.close();
    const down = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(down.status).toBe(503);
  });
});
