// The CSV an owner can take away: pairs, meeting counts and ratings. Never a reflection, a reason for
// leaving or a "don't pair me with" entry; the anonymised variant also drops names, ids and teams.

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

const ANONYMISED_COLUMNS = FULL_COLUMNS.filter((c) => !/_(id|name|team)$/.test(c));

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

function record(pair: ExportPair): Record<(typeof FULL_COLUMNS)[number], Cell> {
  return {
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
  };
}

export function toCsv(pairs: readonly ExportPair[], anonymised: boolean): string {
  const columns = anonymised ? ANONYMISED_COLUMNS : FULL_COLUMNS;
  const lines = [columns.join(',')];
  for (const pair of pairs) {
    const r = record(pair);
    lines.push(columns.map((c) => csvCell(r[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
