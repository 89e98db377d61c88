import type { KnownBlock } from '@slack/types';
import type { CheckinRepository } from '../db/repositories/checkins.js';
import type { CohortRepository } from '../db/repositories/cohorts.js';
import type { FlagKind, FlagRepository } from '../db/repositories/flags.js';
import type { OutboxRepository } from '../db/repositories/outbox.js';
import type { PairRepository } from '../db/repositories/pairs.js';
import type { PeopleRepository } from '../db/repositories/people.js';
import { type Cohort, cycleCount } from '../domain/cohort.js';
import { partnerOf } from '../domain/pair.js';
import { type DashboardFlag, dashboardBlocks } from '../slack/views/dashboard.js';

export interface DashboardDeps {
  cohorts: CohortRepository;
  pairs: PairRepository;
  flags: FlagRepository;
  checkins: CheckinRepository;
  outbox: OutboxRepository;
  people: PeopleRepository;
}

const FLAG_LABELS: Record<FlagKind, string> = {
  'need-help': 'asked for help',
  'not-a-fit': 'says the pairing is not a fit',
  'at-risk': 'no check-in answer for three cycles',
  left: 'left the pair',
};

/** Figures for the owners' Home tab, from what the database already knows — no Slack calls. */
export class DashboardService {
  constructor(private readonly deps: DashboardDeps) {}

  /** `viewerId`: the owner looking. Flags about their own pair are left out (they are a participant there). */
  blocks(cohort: Cohort, viewerId: string): KnownBlock[] {
    const active = this.deps.pairs.list(cohort.id, ['active']);
    const ids = active.map((p) => p.id);
    const asked = this.deps.outbox.cyclesByPair('checkin', ids, ['sent']);
    const met = new Set(
      this.deps.checkins
        .forPairs(ids)
        .filter((c) => c.answer === 'met')
        .map((c) => `${c.pairId}:${c.cycle}`),
    );
    let cycle: number | null = null;
    const overall = { asked: 0, met: 0 };
    for (const [pairId, cycles] of asked) {
      for (const c of cycles) {
        cycle = Math.max(cycle ?? 0, c);
        overall.asked += 1;
        if (met.has(`${pairId}:${c}`)) overall.met += 1;
      }
    }
    const weekRate =
      cycle === null
        ? null
        : [...asked].reduce(
            (acc, [pairId, cycles]) =>
              cycles.has(cycle!)
                ? { asked: acc.asked + 1, met: acc.met + (met.has(`${pairId}:${cycle}`) ? 1 : 0) }
                : acc,
            { asked: 0, met: 0 },
          );
    const activeById = new Map(active.map((p) => [p.id, p]));
    const flags: DashboardFlag[] = [];
    for (const flag of this.deps.flags.open(cohort.id)) {
      const pair = activeById.get(flag.pairId);
      if (!pair || flag.kind === 'left' || pair.mentorId === viewerId || pair.menteeId === viewerId) continue;
      const userId = flag.userId || pair.mentorId;
      flags.push({
        pairId: pair.id,
        userId,
        partnerId: partnerOf(pair, userId) ?? pair.menteeId,
        label: FLAG_LABELS[flag.kind] + (flag.cycle > 0 ? ` (week ${flag.cycle})` : ''),
        action: flag.kind === 'not-a-fit' || flag.kind === 'need-help' ? 'end-and-rematch' : 'message',
      });
    }
    // Pairs that haven't met in their last two check-ins, unless already flagged.
    for (const pair of active) {
      if (flags.some((f) => f.pairId === pair.id) || pair.mentorId === viewerId || pair.menteeId === viewerId)
        continue;
      const recent = [...(asked.get(pair.id) ?? [])].sort((a, b) => b - a).slice(0, 2);
      if (recent.length === 2 && recent.every((c) => !met.has(`${pair.id}:${c}`))) {
        flags.push({
          pairId: pair.id,
          userId: pair.mentorId,
          partnerId: pair.menteeId,
          label: 'no meeting in the last two check-ins',
          action: 'end-and-rematch',
        });
      }
    }
    const paired = new Set(active.flatMap((p) => [p.mentorId, p.menteeId]));
    const enrolled = new Set(this.deps.cohorts.enrolments(cohort.id).map((e) => e.userId));
    // Someone whose partner left or whose partner's account was deactivated, still waiting for a new one.
    const ended = this.deps.pairs
      .list(cohort.id, ['ended'])
      .filter((p) => p.endReason === 'left' || p.endReason === 'inactive');
    const people = this.deps.people.getMany(ended.flatMap((p) => [p.mentorId, p.menteeId]));
    for (const pair of ended) {
      if (pair.mentorId === viewerId || pair.menteeId === viewerId) continue;
      const stayer = pair.endedBy === pair.mentorId ? pair.menteeId : pair.mentorId;
      if (paired.has(stayer) || !enrolled.has(stayer) || people.get(stayer)?.active === false) continue;
      flags.push({
        pairId: pair.id,
        userId: stayer,
        partnerId: pair.endedBy ?? (stayer === pair.mentorId ? pair.menteeId : pair.mentorId),
        label:
          pair.endReason === 'inactive' ? "partner's Slack account was deactivated" : 'partner left the pair',
        action: 'rematch',
      });
    }
    const waiting = [...enrolled].filter((id) => !paired.has(id));
    return dashboardBlocks({ cycle, cycles: cycleCount(cohort), weekRate, overall, flags, waiting });
  }
}
