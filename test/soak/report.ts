// The soak's printed result: the seed, what was injected (and whether it struck), which invariants held, and
// every violation with the faults that came just before it.

import {
  FAULT_LABELS,
  type FaultKind,
  INVARIANT_LABELS,
  type InvariantName,
  type SoakResult,
} from './runner.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function renderReport(result: SoakResult): string {
  const { shape, stats } = result;
  const out: string[] = [];
  const seconds = (result.runtimeMs / 1000).toFixed(1);
  out.push(
    `Fault soak — seed ${result.seed}: ${shape.people} people (${stats.pairs} pairs), ${shape.weeks} weeks, ${seconds} s`,
    `Reproduce: SOAK_SEED=${result.seed} ${shape.people > 100 ? 'npm run soak' : 'npx vitest run test/soak'}`,
    '',
  );

  const kinds = Object.keys(FAULT_LABELS) as FaultKind[];
  out.push(
    table(
      ['fault', 'injected', 'struck', 'tick ran again after'],
      kinds.map((kind) => {
        const records = result.faults.filter((f) => f.kind === kind);
        const recovered = records.filter((f) => f.recovered === true).length;
        const checked = records.filter((f) => f.recovered !== null).length;
        return [
          FAULT_LABELS[kind],
          String(records.length),
          String(records.filter((f) => f.hit).length),
          checked === 0 ? '—' : `${recovered}/${checked}`,
        ];
      }),
    ),
    '',
  );

  const names = Object.keys(INVARIANT_LABELS) as InvariantName[];
  out.push(
    table(
      ['invariant', 'result'],
      names.map((name) => {
        const count = result.violations.filter((v) => v.invariant === name).length;
        let held = count === 0 ? 'held' : `VIOLATED (${count})`;
        if (name === 'exactly-once' && result.excused.length > 0) {
          held += `; ${result.excused.length} duplicate(s) after ${stats.kills} hard kill(s), allowed`;
        }
        return [INVARIANT_LABELS[name], held];
      }),
    ),
    '',
    `Counted: ${stats.must} messages due for certain, ${stats.may} that may or may not go (a killed or jumped tick ` +
      `was their only chance, or a pause began around the tick), ${stats.mustNot} that must not; ` +
      `${stats.posts} messages posted in all; ${stats.ticks} tick processes (${stats.ticksRefused} found another ` +
      `tick running; ${Math.round(stats.tickMs)} ms each on average); ${stats.kills} hard kills. Slowest answer to a request: ${Math.round(stats.slowestAckMs)} ms` +
      (stats.slowAcks.length > 0
        ? ` (${stats.slowAcks.length} over Slack's 3 s: ${stats.slowAcks.slice(0, 3).join('; ')})`
        : '') +
      '.',
  );

  if (result.excused.length > 0) {
    out.push('', 'Duplicates a hard kill explains (at most one per kill):');
    for (const line of result.excused) out.push(`  - ${line}`);
  }
  if (result.violations.length > 0) {
    out.push('', 'Violations:');
    for (const name of names) {
      const list = result.violations.filter((v) => v.invariant === name);
      if (list.length === 0) continue;
      out.push(`  ${INVARIANT_LABELS[name]}:`);
      for (const v of list.slice(0, 40)) {
        out.push(`    - ${v.message}`);
        if (v.faults.length > 0) out.push(`      faults in the day before: ${v.faults.join(', ')}`);
      }
      if (list.length > 40) out.push(`    … and ${list.length - 40} more`);
    }
    out.push('', `Logs and database kept in ${result.logDir}`);
  }
  const notes = [
    ...result.faults.filter((f) => f.note).map((f) => `fault #${f.id} (${f.kind}, ${f.detail}): ${f.note}`),
    ...result.notes,
  ];
  if (notes.length > 0) {
    out.push('', 'Notes:');
    for (const note of notes.slice(0, 30)) out.push(`  - ${note}`);
  }
  return out.join('\n');
}
