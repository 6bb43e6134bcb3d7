#!/usr/bin/env node
'use strict';
// `npm run vocabulary-doc`: writes standards/packs/VOCABULARY.md, the vocabulary for people,
// from standards/vocabulary.yaml and the packs (run after changing either; a test checks it).
const fs = require('fs');
const path = require('path');
const dist = path.join(__dirname, '..', 'dist', 'standards');
const { loadBuiltInStandards } = require(path.join(dist, 'pack-loader.js'));
const { builtInVocabulary } = require(path.join(dist, 'vocabulary.js'));
const { renderVocabularyMarkdown } = require(path.join(dist, 'vocabulary-doc.js'));
const target = path.join(__dirname, '..', 'standards', 'packs', 'VOCABULARY.md');
fs.writeFileSync(target, renderVocabularyMarkdown(builtInVocabulary(), loadBuiltInStandards()));
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
