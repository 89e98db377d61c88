import { help } from './help.js';
import { leave } from './leave.js';
import { exportCsv, summary } from './owner-tools.js';
import { pause, resume } from './pause.js';
import type { Subcommand } from './types.js';

/** Every `/reverse-mentor <subcommand>`, in the order help lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [help, pause, resume, leave, summary, exportCsv];
