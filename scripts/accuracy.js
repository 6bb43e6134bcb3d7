#!/usr/bin/env node
'use strict';
/**
 * `npm run accuracy`: feeds each labelled set in dialogs/labelled/ to `heard parse --batch`
 * and prints intent accuracy per intent and full-match accuracy (every field).
 * `--json` prints the figures as JSON instead; `--misses` lists what was missed.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { scoreLabelled, formatScores } = require('../dist/dialogs/labelled-score');

const root = path.join(__dirname, '..');
const sets = ['tuning', 'held-out'];
const json = process.argv.includes('--json');
const showMisses = process.argv.includes('--misses');
const report = {};
for (const set of sets) {
  const file = path.join(root, 'dialogs', 'labelled', `${set}.jsonl`);
  const input = fs.readFileSync(file, 'utf8');
  const output = execFileSync(process.execPath, [path.join(root, 'bin', 'heard.js'), 'parse', '--batch'], { input, maxBuffer: 64 << 20 }).toString('utf8');
  report[set] = scoreLabelled(input, output);
}
if (json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  for (const set of sets) process.stdout.write(`${formatScores(set, report[set], showMisses)}\n`);
}
