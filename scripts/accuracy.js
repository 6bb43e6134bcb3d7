#!/usr/bin/env node
'use strict';
/**
 * `npm run accuracy`: feeds every labelled set in dialogs/labelled/ (each `*.jsonl`, the
 * tuning set first) to `heard parse --batch` and prints intent accuracy per intent and
 * full-match accuracy (every field) for each. `--json` prints the figures as JSON instead;
 * `--misses <set>` lists what was missed in that set (only tune on `tuning`).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { scoreLabelled, formatScores } = require('../dist/dialogs/labelled-score');

const root = path.join(__dirname, '..');
const dir = path.join(root, 'dialogs', 'labelled');
const sets = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => f.slice(0, -'.jsonl'.length))
  .sort((a, b) => (a === 'tuning' ? -1 : b === 'tuning' ? 1 : a.localeCompare(b, 'en', { numeric: true })));
const json = process.argv.includes('--json');
const missesAt = process.argv.indexOf('--misses');
const showMisses = missesAt === -1 ? null : process.argv[missesAt + 1] ?? 'tuning';
const report = {};
for (const set of sets) {
  const file = path.join(dir, `${set}.jsonl`);
  const input = fs.readFileSync(file, 'utf8');
  const output = execFileSync(process.execPath, [path.join(root, 'bin', 'heard.js'), 'parse', '--batch'], { input, maxBuffer: 64 << 20 }).toString('utf8');
  report[set] = scoreLabelled(input, output);
}
if (json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  for (const set of sets) process.stdout.write(`${formatScores(set, report[set], set === showMisses)}\n`);
}
