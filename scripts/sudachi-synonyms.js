#!/usr/bin/env node
// Extracts the synonym groups useful for IT helpdesk search from Sudachi's synonym dictionary
// into data/sudachi-synonyms/synonyms.tsv, which faqbook embeds (src/search/synonyms.rs).
//
//   npm install --prefix /tmp/sudachi sudachi-synonyms-dictionary
//   node scripts/sudachi-synonyms.js /tmp/sudachi/node_modules/sudachi-synonyms-dictionary
//
// Dev time only: the build never downloads anything. Kept: groups of everyday words (no field:
// 接続 / つなぐ, 方法 / やり方), groups in the IT, business or education fields, and groups of any
// other field with an alphabet form (translations, abbreviations: パスワード / password,
// スケジュール / schedule / 予定); groups of names (people, places, companies outside IT, food,
// sports …) and other fields' words without an alphabet form are left out. Words never used for
// expansion (expandControl 2) are dropped; a word Sudachi says must not trigger an expansion
// (expandControl 1: スパム, pw) and a one-character word (姓: ambiguous alone, though a fine
// word to expand to) are written with a leading "!", which the browser expands from only weakly
// (src/search/synonyms.rs). One group per line, words separated by tabs, in the dictionary's
// order.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const FIELDS = new Set(['IT', 'ビジネス', '教育']);
const NAME_FIELDS = new Set(['人名', '地名', '国名', '大学名', '企業名', '旧企業名', '組織名', '旧組織名', '店名',
  'キャラ', '動植物', '料理', 'スポーツ', 'ファッション', '音楽', '美容', '店', '観光', '地形']);
const ALPHABET = /^[A-Za-z][A-Za-z0-9 .+\-]*$/;

const [pkg] = process.argv.slice(2);
if (!pkg) {
  console.error('usage: node scripts/sudachi-synonyms.js PATH/TO/node_modules/sudachi-synonyms-dictionary');
  process.exit(2);
}
const groups = JSON.parse(fs.readFileSync(path.join(pkg, 'sudachi-synonyms-dictionary.json'), 'utf8'));
const version = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
const lines = [];
for (const group of groups) {
  const items = group.items.filter((i) => i.expandControl !== 2);
  const weak = (i) => i.expandControl === 1 || Array.from(i.midashi).length === 1;
  if (items.length < 2 || items.every(weak)) continue;
  const fields = new Set(items.flatMap((i) => i.bunya));
  const useful = fields.size === 0 || [...fields].some((f) => FIELDS.has(f)) || items.some((i) => ALPHABET.test(i.midashi));
  const names = [...fields].some((f) => NAME_FIELDS.has(f)) && !fields.has('IT');
  if (!useful || names) continue;
  lines.push(items.map((i) => (weak(i) ? '!' : '') + i.midashi.replace(/\s+/g, ' ')).join('\t'));
}
const out = path.join(__dirname, '..', 'data', 'sudachi-synonyms');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'synonyms.tsv'), lines.join('\n') + '\n');
fs.copyFileSync(path.join(pkg, 'LICENSE'), path.join(out, 'LICENSE'));
fs.writeFileSync(path.join(out, 'NOTICE'), `synonyms.tsv is extracted from Sudachi's synonym dictionary
(SudachiDict, src/main/text/synonyms.txt, by Works Applications Co., Ltd.), as packaged in the npm
package sudachi-synonyms-dictionary ${version}, licensed under the Apache License, Version 2.0
(LICENSE in this folder). Changes: only groups useful for IT helpdesk search are kept, with their
headwords only (scripts/sudachi-synonyms.js says which and how).
`);
console.log(`${lines.length} groups written to ${path.relative(process.cwd(), path.join(out, 'synonyms.tsv'))}`);
