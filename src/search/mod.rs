//! Client-side search: the tokenizer shared with the browser and the sharded index writer.
//!
//! Build time: [`index::build_search_index`] turns the site's pages into classic-script `.js`
//! files. Browser: `themes/default/static/search-{text,query,rank}.js` and `search.js` (the
//! page) load them with `<script>` tags (so search works from `file://`) and rank, filter and
//! highlight results.

pub mod counterparts;
pub mod english;
pub mod glosses;
pub mod index;
pub mod synonyms;
pub mod tokenizer;
