#!/usr/bin/env node
'use strict';
// Part of `npm run build`: validates the built-in packs from their YAML and writes them
// as one JSON bundle beside the compiled engine, which reads it at start-up.
const fs = require('fs');
const path = require('path');
const dist = path.join(__dirname, '..', 'dist', 'standards');
const { BUILT_IN_PACK_IDS, BUILT_IN_BUNDLE, loadBuiltInPack } = require(path.join(dist, 'pack-loader.js'));
const packsDir = path.join(__dirname, '..', 'standards', 'packs');
try {
  const packs = BUILT_IN_PACK_IDS.map((id) => loadBuiltInPack(id, packsDir));
  fs.writeFileSync(path.join(dist, BUILT_IN_BUNDLE), JSON.stringify(packs));
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
