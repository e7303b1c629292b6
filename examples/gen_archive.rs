//! Writes a synthetic briefing with N quotes of 8 to 48 words, for the
//! benchmarks: the same N and seed always give the same file (the generator
//! is `examples/support/archive.rs`).
//!
//! ```sh
//! cargo run --release --example gen_archive -- 100000 > /tmp/archive-100k.toml
//! cargo run --release --example gen_archive -- 100000 --texts > /tmp/texts-100k.txt
//! ```
//!
//! `--texts` writes only the quote texts, one per line (a newline inside a
//! quote becomes a space), for comparing with line-oriented tools.

use std::io::Write as _;

#[path = "support/archive.rs"]
mod archive;

use archive::{SEED, archive, quotes};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = args
        .iter()
        .find_map(|a| a.replace('_', "").parse::<usize>().ok())
        .unwrap_or(100_000);
    let mut stdout = std::io::stdout().lock();
    let result = if args.iter().any(|a| a == "--texts") {
        quotes(n, SEED)
            .iter()
            .try_for_each(|q| writeln!(stdout, "{}", q.text.replace('\n', " ")))
    } else {
        stdout.write_all(archive(n, SEED).as_bytes())
    };
    if let Err(error) = result {
        eprintln!("gen_archive: {error}");
        std::process::exit(2);
    }
}
