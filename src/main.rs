//! The `doctidy` command: everything but `main` lives in the library's `cli` module.

fn main() -> std::process::ExitCode {
    doctidy::cli::main()
}
