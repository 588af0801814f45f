//! doctidy: batch-clean scraped and submitted Chinese text documents.
//!
//! bytes → [`pipeline::decode`] → [`pipeline::Decoded`] → rules ([`rules::RuleSet`]) →
//! [`pipeline::Cleaned`] `{text, edits}`. Every change is an [`edit::Edit`] naming its rule.
//! The library never prints: emitters write to the streams the caller hands to [`run::run`].

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
