#!/usr/bin/env node
'use strict';
// The compiled CLI is produced by `npm install` (the `prepare` script runs `tsc`).
// Node 22+ keeps the compiled code of the modules it loads on disk, so every run after
// the first starts without compiling Heard and its dependencies again.
require('module').enableCompileCache?.();
const path = require('path');
const fs = require('fs');
const compiled = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(compiled)) {
  process.stderr.write('heard: not built yet; run `npm install` (or `npm run build`) in the repository first\n');
  process.exit(2);
}
require(compiled).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`heard: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
