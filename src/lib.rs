//! doctidy: batch-clean scraped and submitted Chinese text documents.
//!
//! bytes → [`pipeline::decode`] → [`pipeline::Decoded`] → rules ([`rules::RuleSet`]) →
//! [`pipeline::Cleaned`] `{text, edits}`. Every change is an [`edit::Edit`] naming its rule.
//! The library never prints: emitters write to the streams the caller hands to [`run::run`].
//!
//! ```
//! let rules = doctidy::RuleSet::builtin()?;
//! let bytes = "标题\r\n\r\n\u{3000}\u{3000}正文,内容\r\n责任编辑: 王五\r\n".as_bytes();
//! let decoded = doctidy::decode(bytes, None)?; // detect + strict decode
//! let cleaned = doctidy::clean(&decoded, &rules, doctidy::Target::Utf8);
//! assert_eq!(cleaned.text, "标题\n\n正文，内容\n");
//! let rules_used: Vec<&str> = cleaned.edits.iter().map(|e| &*e.rule).collect();
//! assert!(rules_used.contains(&"editor-credit") && rules_used.contains(&"decode.newline"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod chars;
pub mod config;
pub mod detect;
pub mod diff;
pub mod document;
pub mod edit;
pub mod emit;
pub mod engine;
pub mod outcome;
pub mod pipeline;
pub mod rules;
pub mod run;
pub mod walk;

pub use config::{Config, Format, Mode};
pub use edit::Edit;
pub use pipeline::{clean, clean_str, decode, Cleaned, Decoded, Target};
pub use rules::RuleSet;
