import { afterEach, describe, expect, it } from 'vitest';
import { enrolAndLaunch, enrolAndReview, launchFrom, REAL_WINDOW } from '../support/cohort-flow.js';
import { OWNER_USER, type Participant, participant, rows, SUMMARY_CHANNEL } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// Issue 11, items 1–3: nobody gets a DM at night or at the weekend. These run with the real default window
// (Mon–Fri 08:00–19:00 in each recipient's own zone); the rest of the suite keeps the window open all week.

/** A Chicago mentor and a Los Angeles mentee; a Singapore mentor and a Los Angeles mentee. */
const PEOPLE: Participant[] = [
  participant('U0WINCHI01', 'Carla', 'America/Chicago', 'mentor', 'early', 'Sales', ['ai-tools']),
  participant('U0WINLAX01', 'Leo', 'America/Los_Angeles', 'mentee', 'executive', 'Finance', ['ai-tools']),
  participant('U0WINSIN01', 'Wei', 'Asia/Singapore', 'mentor', 'early', 'Marketing', ['social-media']),
  participant('U0WINLAX02', 'Ana', 'America/Los_Angeles', 'mentee', 'senior', 'Legal', ['social-media']),
];

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

/** Local weekday and time of an instant in a zone, read from Intl (not from the app). */
function localAt(instant: Date, zone: string): { weekday: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { weekday: parts.weekday!, time: `${parts.hour}:${parts.minute}` };
}

function insideWindow(instant: Date, zone: string): boolean {
  const { weekday, time } = localAt(instant, zone);
  return !['Sat', 'Sun'].includes(weekday) && time >= '08:00' && time < '19:00';
}

/** The owner launches at `launchAt` (the harness clock); nothing is ticked yet. */
async function launchAt(launchAt: string, people = PEOPLE): Promise<{ cohortId: number }> {
  h = await startHarness({
    users: [OWNER_USER, ...people],
    channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
    env: REAL_WINDOW,
    now: '2026-11-23T12:00:00Z',
  });
  const cohortId = await enrolAndLaunch(h, people, { at: launchAt });
  return { cohortId };
}

const pairOf = (mentorId: string) =>
  rows<{ id: number; mentee_id: string; group_dm_channel_id: string | null }>(
    h,
    "SELECT id, mentee_id, group_dm_channel_id FROM pairs WHERE mentor_id = ? AND state = 'active'",
    mentorId,
  )[0]!;

const introsPosted = () =>
  rows<{ n: number }>(h, "SELECT count(*) AS n FROM outbox WHERE kind = 'intro' AND state = 'sent'")[0]!.n;

const groupMessages = (channel: string) => h.fake.messages(channel);

/** When the outbox recorded a kind of message as sent to a pair (the app's clock, which the test drives). */
const sentAt = (kind: string, pairId: number) =>
  new Date(
    rows<{ sent_at: number }>(
      h,
      "SELECT sent_at FROM outbox WHERE kind = ? AND pair_id = ? AND state = 'sent'",
      kind,
      pairId,
    )[0]!.sent_at,
  );

describe('delivery windows', () => {
  it('holds introductions launched at 04:00 Chicago until it is morning for both partners', async () => {
    // Monday 23 November, 10:00 UTC: 04:00 in Chicago, 02:00 in Los Angeles, 18:00 in Singapore.
    await launchAt('2026-11-23T10:00:00Z');
    await h.tickAt('2026-11-23T10:01:00Z');
    expect(introsPosted(), 'nothing in the night').toBe(0);

    // 08:00 Chicago is still 06:00 in Los Angeles: not yet.
    await h.tickAt('2026-11-23T14:00:00Z');
    expect(introsPosted()).toBe(0);

    // 08:00 in Los Angeles (10:00 Chicago): the Chicago–LA pair is introduced. Singapore is at midnight.
    await h.tickAt('2026-11-23T16:00:00Z');
    const chicago = pairOf('U0WINCHI01');
    expect(chicago.group_dm_channel_id).toBeTruthy();
    expect(groupMessages(chicago.group_dm_channel_id!).length).toBe(1);
    expect(localAt(sentAt('intro', chicago.id), 'America/Chicago')).toEqual({
      weekday: 'Mon',
      time: '10:00',
    });
    expect(localAt(sentAt('intro', chicago.id), 'America/Los_Angeles')).toEqual({
      weekday: 'Mon',
      time: '08:00',
    });
    expect(pairOf('U0WINSIN01').group_dm_channel_id, 'midnight in Singapore').toBeNull();

    // Tuesday 08:00 in Singapore is Monday 16:00 in Los Angeles: both are at work.
    await h.tickAt('2026-11-24T00:00:00Z');
    const singapore = pairOf('U0WINSIN01');
    expect(singapore.group_dm_channel_id).toBeTruthy();
    const every = rows<{ kind: string; sent_at: number; pair_id: number | null }>(
      h,
      "SELECT kind, sent_at, pair_id FROM outbox WHERE state = 'sent' AND kind NOT IN ('owner-alert', 'launch-report')",
    );
    const zones = new Map(PEOPLE.map((p) => [p.id, p.tz]));
    for (const row of every) {
      const pair = rows<{ mentor_id: string; mentee_id: string }>(
        h,
        'SELECT mentor_id, mentee_id FROM pairs WHERE id = ?',
        row.pair_id,
      )[0]!;
      for (const member of [pair.mentor_id, pair.mentee_id]) {
        expect(insideWindow(new Date(row.sent_at), zones.get(member)!), `${row.kind} to ${member}`).toBe(
          true,
        );
      }
    }
  }, 60_000);

  it('gives a Singapore–Los Angeles pair its "Monday 09:00" prompt on Tuesday 08:00 / Monday 16:00, and says so in each one’s time', async () => {
    await launchAt('2026-11-30T17:00:00Z');
    await h.tickAt('2026-12-01T00:00:00Z');
    const pair = pairOf('U0WINSIN01');
    const intro = seen(groupMessages(pair.group_dm_channel_id!)[0]);
    expect(intro).toContain('Tuesdays at 08:00 (Singapore) for @U0WINSIN01');
    expect(intro).toContain('Mondays at 16:00 (Los Angeles) for @U0WINLAX02');
    // No "Mondays at 09:00" without saying whose Monday.
    expect(intro).not.toMatch(/Mondays at 09:00/);
    // Their working days overlap half an hour: 09:00–09:30 in Singapore is 17:00–17:30 in Los Angeles.
    expect(intro).toContain('09:00–09:30 Tue–Fri for @U0WINSIN01 (Singapore)');
    expect(intro).toContain('17:00–17:30 Mon–Thu for @U0WINLAX02 (Los Angeles)');

    // Week 2 starts Monday 14 December. At Monday 09:00 Singapore (Sunday 17:00 in Los Angeles) nothing goes.
    await h.tickAt('2026-12-14T01:00:00Z');
    const week2 = () =>
      rows<{ state: string; sent_at: number | null }>(
        h,
        "SELECT state, sent_at FROM outbox WHERE kind = 'prompt' AND cycle = 2 AND pair_id = ?",
        pair.id,
      );
    expect(week2().filter((r) => r.state === 'sent')).toEqual([]);
    await h.tickAt('2026-12-14T23:59:00Z');
    expect(week2().filter((r) => r.state === 'sent')).toEqual([]);
    // Tuesday 08:00 Singapore = Monday 16:00 Los Angeles.
    await h.tickAt('2026-12-15T00:00:00Z');
    const [sent] = week2();
    expect(sent?.state).toBe('sent');
    const at = new Date(sent!.sent_at!);
    expect(localAt(at, 'Asia/Singapore')).toEqual({ weekday: 'Tue', time: '08:00' });
    expect(localAt(at, 'America/Los_Angeles')).toEqual({ weekday: 'Mon', time: '16:00' });
    // The prompt suggests when they could meet that week, in each one's time.
    const prompt = seen(groupMessages(pair.group_dm_channel_id!).at(-1));
    expect(prompt).toMatch(/^WEEK 2 OF 6/);
    expect(prompt).toContain('Your working hours overlap 09:00–09:30 Tue–Fri for @U0WINSIN01 (Singapore)');
  }, 60_000);

  it('follows the working hours a person gives on the form', async () => {
    // Leo works Tuesday to Thursday, 10:00–15:00 in Los Angeles.
    const leo = participant(
      'U0WINLAX01',
      'Leo',
      'America/Los_Angeles',
      'mentee',
      'executive',
      'Finance',
      ['ai-tools'],
      { work_start: '10:00', work_end: '15:00', work_days: ['2', '3', '4'] },
    );
    const people = [PEOPLE[0]!, leo];
    // Monday 23 November, 17:00 UTC: 11:00 Chicago, 09:00 Los Angeles — but Leo doesn't work Mondays.
    await launchAt('2026-11-23T17:00:00Z', people);
    expect(
      rows(h, 'SELECT work_start_minute, work_end_minute, work_days FROM profiles WHERE user_id = ?', leo.id),
    ).toEqual([{ work_start_minute: 600, work_end_minute: 900, work_days: 0b1110 }]);
    await h.tickAt('2026-11-23T17:01:00Z');
    expect(introsPosted()).toBe(0);
    // Tuesday 09:59 in Los Angeles: not yet; 10:00: the introduction.
    await h.tickAt('2026-11-24T17:59:00Z');
    expect(introsPosted()).toBe(0);
    await h.tickAt('2026-11-24T18:00:00Z');
    expect(introsPosted()).toBe(1);
    const intro = rows<{ sent_at: number }>(h, "SELECT sent_at FROM outbox WHERE kind = 'intro'")[0]!;
    expect(localAt(new Date(intro.sent_at), 'America/Los_Angeles')).toEqual({
      weekday: 'Tue',
      time: '10:00',
    });
  }, 60_000);

  it('shows the owner, at review, which pairs have no common hour, and introduces them at the least awkward one', async () => {
    // London and Auckland are 13 hours apart in December: 08:00–19:00 in one is night in the other.
    const people = [
      participant('U0WINLON01', 'Lena', 'Europe/London', 'mentor', 'early', 'Sales', ['ai-tools']),
      participant('U0WINAKL01', 'Aroha', 'Pacific/Auckland', 'mentee', 'executive', 'Finance', ['ai-tools']),
    ];
    h = await startHarness({
      users: [OWNER_USER, ...people],
      channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
      env: REAL_WINDOW,
      now: '2026-11-23T12:00:00Z',
    });
    const { review } = await enrolAndReview(h, people);
    const text = seen(review);
    expect(text).toContain('One pair lives so far apart that their working days never overlap');
    expect(text).toContain('their working days never overlap, in some or all weeks of the cohort');
    expect(text).toContain('Weak match — More than 8 h apart · No common working hours');

    await launchFrom(h, review);
    for (let hour = 0; hour < 48; hour++)
      await h.tickAt(new Date(Date.parse('2026-11-23T12:00:00Z') + hour * 3_600_000));
    const pair = pairOf('U0WINLON01');
    const at = sentAt('intro', pair.id);
    // Never on a weekend for either; on a weekday for both, at an edge of one of their days.
    for (const zone of ['Europe/London', 'Pacific/Auckland'])
      expect(['Sat', 'Sun']).not.toContain(localAt(at, zone).weekday);
    expect(insideWindow(at, 'Europe/London') || insideWindow(at, 'Pacific/Auckland')).toBe(true);
  }, 60_000);
});
