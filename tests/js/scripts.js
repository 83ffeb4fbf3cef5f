// The theme scripts under test: the copies the binary ships (minified by build.rs) when
// tests/js_tests.rs sets FAQBOOK_SCRIPTS to a folder holding them, else the sources, so
// `node --test tests/js/*.test.js` by hand tests what is being edited.
'use strict';
const path = require('node:path');

const dir = process.env.FAQBOOK_SCRIPTS || path.join(__dirname, '..', '..', 'themes', 'default', 'static');

/** `require` of one theme script (`search.js`, `offline.js`) from the folder under test. */
function load(name) {
  return require(path.join(dir, name));
}

module.exports = { dir, load };
