#!/usr/bin/env node
// Runs the built CLI (dist-cli/headroom.js, made by `npm run build:cli`, which `npm install` runs).
import { existsSync } from 'node:fs';

const built = new URL('../dist-cli/headroom.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write("headroom: the CLI is not built yet; run 'npm run build:cli' in the headroom folder\n");
  process.exitCode = 1;
}
