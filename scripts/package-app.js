#!/usr/bin/env node
'use strict';
// `npm run package`: builds the Teams app package dist/appPackage/heard.zip from
// manifest/manifest.template.json, the environment and the bot's commands, after checking
// it against the official Teams schema. The logic lives in manifest/build-app-package.ts;
// this script runs its compiled form, so `npm run build` must have run first.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const compiled = {
  packaging: path.join(dist, 'manifest', 'build-app-package.js'),
  commands: path.join(dist, 'bot', 'commands.js'),
};

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

for (const file of Object.values(compiled)) {
  if (!fs.existsSync(file)) fail(`${path.relative(root, file)} is missing: run npm run build first`);
}

const { buildManifest, validateManifest, writeAppPackage, TEAMS_MANIFEST_VERSION } = require(compiled.packaging);
const { BOT_COMMANDS } = require(compiled.commands);

try {
  const manifest = buildManifest(process.env, BOT_COMMANDS);
  const problems = validateManifest(manifest);
  if (problems.length) {
    fail(
      `The app manifest is not valid against the Teams v${TEAMS_MANIFEST_VERSION} schema:\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
  }
  if (!process.env.HEARD_PUBLIC_URL) {
    process.stderr.write("note: HEARD_PUBLIC_URL is not set, so validDomains is empty (set it to the bot's public address)\n");
  }
  process.stdout.write(`${writeAppPackage(manifest, path.join(dist, 'appPackage', 'heard.zip'))}\n`);
} catch (e) {
  // AppPackageError messages already list their problems; anything else is a bug.
  fail(e && e.name === 'AppPackageError' ? e.message : (e && e.stack) || String(e));
}
