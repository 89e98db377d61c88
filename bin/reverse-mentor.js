#!/usr/bin/env node
// The `reverse-mentor` command: `npx reverse-mentor …` in a checkout, and `reverse-mentor …` in the Docker image
// (a link to this file on PATH). The TypeScript is compiled by `npm ci` (prepare), any `npm start`/`npm run …`
// script, or the image's build stage; this file only points at the result, so it runs with production
// dependencies alone and never builds anything.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'reverse-mentor is not built yet: run `npm run build` (npm ci does it for you) and try again.\n',
  );
  process.exit(1);
}
// Stack traces point at the TypeScript, as with `node --enable-source-maps` (what `npm start` runs).
process.setSourceMapsEnabled(true);
await import(entry.href);
