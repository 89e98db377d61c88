// The CSVs an owner can take away: pairs, meeting counts and ratings. Never a reflection, a reason for
// leaving or a "don't pair me with" entry.
//
// Two files, built from the same rows:
// - the named file: one row per pair, with names, ids, teams, exact dates and how each pair ended;
// - the anonymised file: the same rows shuffled, without pair numbers, names, ids or teams, dates coarsened
//   to the ISO week, no end reasons and no free text. It is only produced from MIN_ANONYMISED_ROWS rows up:
//   below that, a reader who knows the cohort can tell whose row is whose.
// What an owner may see of them (`ownerView`) is decided here too, so every way out obeys the same rule.

import { addDays, type IsoDate, isoWeekday } from './time.js';

export interface ExportPair {
  cohortName: string;
  pairNumber: number;
  mentor: { id: string; name: string; team: string };
  mentee: { id: string; name: string; team: string };
  state: string;
  launchedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  checkinsSent: number;
  meetings: number;
  mentorRating: number | null;
  menteeRating: number | null;
  mentorWouldAgain: boolean | null;
  menteeWouldAgain: boolean | null;
}

/** Fewer rows than this and "anonymised" would be a promise the file can't keep: it is refused. */
export const MIN_ANONYMISED_ROWS = 5;

/**
 * In the anonymised file, every combination of the columns that tell when and how a pair ran (state, start
 * and end week) is shared by at least this many rows. A pair that stands out — rematched late, ended early —
 * would otherwise be recognised by anyone who knows the story, survey answers and all.
 */
export const MIN_ROWS_ALIKE = 3;

/** A source of randomness in [0, 1), passed in so the domain stays pure and tests can seed it. */
export type Random = () => number;

const FULL_COLUMNS = [
  'cohort',
  'pair',
  'mentor_id',
  'mentor_name',
  'mentor_team',
  'mentee_id',
  'mentee_name',
  'mentee_team',
  'state',
  'launched_on',
  'ended_on',
  'end_reason',
  'checkins_sent',
  'meetings',
  'mentor_rating',
  'mentee_rating',
  'mentor_would_again',
  'mentee_would_again',
] as const;

/** Deliberately a list of what may go in, not of what to take out: a new column stays out until added here. */
const ANONYMISED_COLUMNS = [
  'cohort',
  'state',
  'launched_week',
  'ended_week',
  'checkins_sent',
  'meetings',
  'mentor_rating',
  'mentee_rating',
  'mentor_would_again',
  'mentee_would_again',
] as const;

type Cell = string | number | boolean | null;

/**
 * One CSV cell. Quotes when needed (RFC 4180), and defuses text a spreadsheet would run as a formula
 * (a cell starting with = + - @ gets a leading apostrophe), since names and teams are typed by people.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv<C extends string>(columns: readonly C[], records: readonly Record<C, Cell>[]): string {
  const lines = [columns.join(',')];
  for (const r of records) lines.push(columns.map((c) => csvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The ISO 8601 week a day falls in, e.g. `2026-12-07` → `2026-W50` (weeks start on Monday). */
export function isoWeek(date: IsoDate): string {
  // The week belongs to the year its Thursday is in.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = Math.round(
    (Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000,
  );
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/** Fisher–Yates with the random source given: every order equally likely, the input left untouched. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The named file: every column, rows in the order given. */
export function namedCsv(pairs: readonly ExportPair[]): string {
  return csv(
    FULL_COLUMNS,
    pairs.map((pair) => ({
      cohort: pair.cohortName,
      pair: pair.pairNumber,
      mentor_id: pair.mentor.id,
      mentor_name: pair.mentor.name,
      mentor_team: pair.mentor.team,
      mentee_id: pair.mentee.id,
      mentee_name: pair.mentee.name,
      mentee_team: pair.mentee.team,
      state: pair.state,
      launched_on: pair.launchedOn,
      ended_on: pair.endedOn,
      end_reason: pair.endReason,
      checkins_sent: pair.checkinsSent,
      meetings: pair.meetings,
      mentor_rating: pair.mentorRating,
      mentee_rating: pair.menteeRating,
      mentor_would_again: pair.mentorWouldAgain,
      mentee_would_again: pair.menteeWouldAgain,
    })),
  );
}

export type AnonymisedCsv = { ok: true; csv: string } | { ok: false; rows: number };

/**
 * The anonymised file: rows shuffled, nothing that links a row to a person or to a row of the named file
 * (no pair number, id, name or team), dates as ISO weeks, no end reason. Refused below MIN_ANONYMISED_ROWS.
 */
export function anonymisedCsv(pairs: readonly ExportPair[], random: Random): AnonymisedCsv {
  if (pairs.length < MIN_ANONYMISED_ROWS) return { ok: false, rows: pairs.length };
  const week = (day: string | null) => (day === null ? null : isoWeek(day));
  const rows = pairs.map((pair) => ({
    cohort: pair.cohortName,
    state: pair.state as string | null,
    launched_week: week(pair.launchedOn),
    ended_week: week(pair.endedOn),
    checkins_sent: pair.checkinsSent,
    meetings: pair.meetings,
    mentor_rating: pair.mentorRating,
    mentee_rating: pair.menteeRating,
    mentor_would_again: pair.mentorWouldAgain,
    mentee_would_again: pair.menteeWouldAgain,
  }));
  type Row = (typeof rows)[number];
  const alike = (row: Row) => JSON.stringify([row.state, row.launched_week, row.ended_week]);
  const groupSizes = (all: readonly Row[]) => {
    const sizes = new Map<string, number>();
    for (const row of all) sizes.set(alike(row), (sizes.get(alike(row)) ?? 0) + 1);
    return sizes;
  };
  // Rows that stand out lose what makes them stand out; if even those few are too few together, they lose
  // their survey answers too.
  const first = groupSizes(rows);
  const generalised = rows.map((row) =>
    (first.get(alike(row)) ?? 0) >= MIN_ROWS_ALIKE
      ? row
      : { ...row, state: null, launched_week: null, ended_week: null },
  );
  const second = groupSizes(generalised);
  const safe = generalised.map((row) =>
    (second.get(alike(row)) ?? 0) >= MIN_ROWS_ALIKE
      ? row
      : {
          ...row,
          mentor_rating: null,
          mentee_rating: null,
          mentor_would_again: null,
          mentee_would_again: null,
        },
  );
  return { ok: true, csv: csv(ANONYMISED_COLUMNS, shuffle(safe, random)) };
}

export interface OwnerExportView {
  /** The rows this owner may have, numbered 1… again so a gap can't point at a missing pair. */
  pairs: ExportPair[];
  /** Rows left out because the owner is in that pair. */
  withheldPairs: number;
  /** True when survey answers were blanked in every row (the owner is in a pair of this cohort). */
  surveysWithheld: boolean;
}

const withoutSurvey = (pair: ExportPair): ExportPair => ({
  ...pair,
  mentorRating: null,
  menteeRating: null,
  mentorWouldAgain: null,
  menteeWouldAgain: null,
});

/**
 * What an owner asking in Slack may have of a cohort's rows. An owner never sees the private answers of a
 * pair they belong to: rows of their own pairs (any state) are left out. And when they are in any pair of
 * the cohort, nobody's survey answers are given either, since the cohort's averages (in its summaries)
 * minus everyone else's answers would give their partner's away.
 *
 * `ownerPairedIn` says whether the owner is in any pair of the cohort, including ones not exported.
 */
export function ownerView(
  pairs: readonly ExportPair[],
  ownerId: string,
  ownerPairedIn: boolean,
): OwnerExportView {
  const mine = (p: ExportPair) => p.mentor.id === ownerId || p.mentee.id === ownerId;
  const surveysWithheld = ownerPairedIn || pairs.some(mine);
  const kept = pairs
    .filter((p) => !mine(p))
    .map((p, index) => ({ ...(surveysWithheld ? withoutSurvey(p) : p), pairNumber: index + 1 }));
  return { pairs: kept, withheldPairs: pairs.length - kept.length, surveysWithheld };
}
