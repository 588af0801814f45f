//! Embeds every `rules/*.toml` into the binary, so the installed tool needs no rules folder and
//! adding a rule touches one file (no list to update in the code).
//!
//! Before embedding them it compiles every built-in rule (regexes included) and runs its
//! `[[case]]`s, with the crate's own rule modules included below by path: a broken built-in
//! rule fails the build, naming the file and the case, instead of failing a user at run time.
use std::{env, fs, path::Path};

// The crate's rule modules and the modules they use through `crate::`; nothing else of the
// crate, so the rule modules must use nothing else. Code the build script does not call is dead
// (and `pub use` unused) here, not in the crate; `doctidy_embedded` (see src/rules/mod.rs) is a
// cfg this script sets for the crate, unknown to its own compile.
#[allow(dead_code)]
#[path = "src/chars.rs"]
mod chars;
#[allow(dead_code)]
#[path = "src/document.rs"]
mod document;
#[allow(dead_code)]
#[path = "src/edit.rs"]
mod edit;
#[allow(dead_code)]
#[path = "src/line_facts.rs"]
mod line_facts;
#[path = "src/markup.rs"]
mod markup;
#[allow(dead_code, unused_imports, unexpected_cfgs)]
#[path = "src/rules/mod.rs"]
mod rules;

/// Sources of the modules above, relative to the package.
const INCLUDED_SOURCES: &[&str] = &[
    "src/chars.rs",
    "src/data/opencc",
    "src/document.rs",
    "src/edit.rs",
    "src/line_facts.rs",
    "src/markup.rs",
    "src/rules",
];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules_dir = root.join("rules");
    println!("cargo::rerun-if-changed={}", rules_dir.display());
    for source in INCLUDED_SOURCES {
        println!("cargo::rerun-if-changed={}", root.join(source).display());
    }
    // The crate sees the generated list (src/rules/mod.rs); this script's own copy does not.
    println!("cargo::rustc-check-cfg=cfg(doctidy_embedded)");
    println!("cargo::rustc-cfg=doctidy_embedded");

    let mut paths: Vec<_> = fs::read_dir(&rules_dir)
        .expect("rules/ folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|path| {
            println!("cargo::rerun-if-changed={}", path.display());
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (name, text)
        })
        .collect();

    if let Err(problems) = check(&files) {
        for line in problems.lines() {
            println!("cargo::error={line}");
        }
        return;
    }

    let mut out = String::from("/// (file name, TOML text) of every built-in rule, in file-name order.\npub(crate) static BUILTIN_RULES: &[(&str, &str)] = &[\n");
    for (path, (name, _)) in paths.iter().zip(&files) {
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    fs::write(dest, out).unwrap();
}

/// Compile the built-in rules as `RuleSet::builtin` does and run their cases as `cargo test`
/// and `doctidy rules test` do; the error lists every problem found.
fn check(files: &[(String, String)]) -> Result<(), String> {
    let set = rules::RuleSet::from_files(files)
        .map_err(|e| format!("built-in rule does not load: rules/{e}"))?;
    let report = set.test_cases();
    let mut problems = Vec::new();
    for f in &report.failures {
        let why = if f.not_idempotent {
            "not idempotent; the second run gave"
        } else {
            "got"
        };
        problems.push(format!(
            "built-in rule {} (rules/{}), case {} fails:\n  input:    {:?}\n  expected: {:?}\n  {why}: {:?}",
            f.rule, f.origin, f.index, f.input, f.expected, f.actual
        ));
    }
    for id in &report.without_cases {
        problems.push(format!(
            "built-in rule {id} has no [[case]]: every built-in rule needs an example"
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}
