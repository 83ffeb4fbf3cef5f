//! faqbook: helpdesk meeting minutes in, a reviewed, searchable static FAQ site out.
//!
//! Pipeline, data flowing one way: `minutes` (import) → `content` (pages on disk) →
//! `render` + `search` → `site` (output folder). `check` reads pages through the same loader as
//! `build`; `serve` rebuilds through `site` into a temporary folder; `scaffold` writes the
//! starting files of a site and new pages. `cli` is the only layer that knows about the command
//! line or prints.

// Functions stay under ~80 lines of code (threshold in clippy.toml); a declarative table opts
// out with `#[expect(clippy::too_many_lines, reason = "…")]`. tests/tidy.rs checks the same.
#![warn(clippy::too_many_lines)]

pub mod check;
pub mod cli;
pub mod colour;
pub mod config;
pub mod content;
pub mod controls;
pub mod diagnostics;
pub mod export;
pub mod files;
pub mod lint;
pub mod media;
pub mod minutes;
pub mod outline;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod similar;
pub mod site;
pub mod slug;
