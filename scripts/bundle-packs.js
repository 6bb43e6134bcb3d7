#!/usr/bin/env node
'use strict';
// Part of `npm run build`: validates the vocabulary and the built-in packs from their YAML
// and writes them as JSON bundles beside the compiled engine, which reads them at start-up.
const fs = require('fs');
const path = require('path');
const dist = path.join(__dirname, '..', 'dist', 'standards');
const { BUILT_IN_PACK_IDS, BUILT_IN_BUNDLE, loadBuiltInPack } = require(path.join(dist, 'pack-loader.js'));
const { BUILT_IN_VOCABULARY_BUNDLE, parseVocabulary } = require(path.join(dist, 'vocabulary.js'));
const standardsDir = path.join(__dirname, '..', 'standards');
try {
  const vocabularyFile = path.join(standardsDir, 'vocabulary.yaml');
  const vocabulary = parseVocabulary(fs.readFileSync(vocabularyFile, 'utf8'), vocabularyFile);
  const packs = BUILT_IN_PACK_IDS.map((id) => loadBuiltInPack(id, path.join(standardsDir, 'packs'), vocabulary));
  fs.writeFileSync(path.join(dist, BUILT_IN_VOCABULARY_BUNDLE), JSON.stringify(vocabulary));
  fs.writeFileSync(path.join(dist, BUILT_IN_BUNDLE), JSON.stringify(packs));
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
