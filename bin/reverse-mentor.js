#!/usr/bin/env node
// The `reverse-mentor` command (npx reverse-mentor …). The TypeScript is compiled by `npm ci` (prepare) or any
// `npm start`/`npm run …` script; this file only points at the result.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'reverse-mentor is not built yet: run `npm run build` (npm ci does it for you) and try again.\n',
  );
  process.exit(1);
}
await import(entry.href);
