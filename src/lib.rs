//! doctidy: batch-clean scraped and submitted Chinese text documents.
//!
//! The library is the pure core: bytes or text in, [`Cleaned`] `{text, edits}` out. It never
//! prints, walks folders or starts threads; a [`Cleaner`] is built once and shared by its
//! callers. bytes → detect and decode ([`Decoded`]) → rules ([`RuleSet`]) → [`Cleaned`].
//! Every change is an [`Edit`] naming its rule and its place in the input.
//!
//! ```
//! use doctidy::{Cleaner, CleanOptions, RuleSet};
//! let cleaner = Cleaner::new(RuleSet::builtin()?, CleanOptions::for_files());
//! let bytes = "标题\r\n\r\n\u{3000}\u{3000}正文,内容\r\n责任编辑: 王五\r\n".as_bytes();
//! let file = cleaner.clean_bytes(bytes)?; // detect, decode strictly, clean, encode
//! assert_eq!(file.cleaned.text, "标题\n\n正文，内容\n");
//! let rules_used: Vec<&str> = file.cleaned.edits.iter().map(|e| &*e.rule).collect();
//! assert!(rules_used.contains(&"editor-credit") && rules_used.contains(&"decode.newline"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The command-line front end lives in the `cli` feature (on by default); build with
//! `--no-default-features` to embed the core without clap, indicatif or rayon.
#![warn(missing_docs)]
#![warn(unreachable_pub)]

mod chars;
mod cleaner;
mod detect;
mod document;
mod edit;
mod line_facts;
mod markup;
mod rules;

#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;

/// Encoding detection and strict decoding on their own, for callers that only need to know
/// how bytes are encoded (the `detect` subcommand's answers).
pub mod encoding {
    pub use crate::detect::{
        charset_for_label, decode, detect, encode, forced, sniff_binary, Charset, Confidence,
        DecodeError, Detection, EncodeError, Reason,
    };
}

pub use cleaner::{
    BytesError, CleanOptions, Cleaned, CleanedBytes, Cleaner, Decoded, Replacement, Target,
};
pub use detect::{Charset, Confidence, DecodeError, Detection, EncodeError, Reason};
pub use document::Newline;
pub use edit::{Edit, RuleId};
pub use rules::{
    is_text_record, CaseFailure, CaseReport, LineVerdict, Rule, RuleError, RuleSet, Verdict,
};
