//! Writes the bad-input corpus: `cargo run --example make_corpus` puts the small files in
//! `tests/corpus/` (committed) and the big ones in `target/corpus-generated/` (made again when
//! missing by the tests). `-- --bomb` also writes the 1.1 GB zip bomb
//! (`target/corpus-generated/zip-bomb-1gb.xlsx`, 3.7 MB packed) for measuring by hand.

#[path = "../tests/corpus_gen/mod.rs"]
mod corpus_gen;

use std::fs;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let small = root.join("tests/corpus");
    let big = root.join("target/corpus-generated");
    fs::create_dir_all(&small).expect("tests/corpus");
    fs::create_dir_all(&big).expect("target/corpus-generated");
    for file in corpus_gen::files() {
        let dir = if file.generated { &big } else { &small };
        assert!(file.generated || file.bytes.len() < 400 * 1024, "{} is {} bytes: commit only small files", file.name, file.bytes.len());
        fs::write(dir.join(file.name), &file.bytes).unwrap_or_else(|e| panic!("write {}: {e}", file.name));
        println!("{}/{}: {} bytes", if file.generated { "target/corpus-generated" } else { "tests/corpus" }, file.name, file.bytes.len());
    }
    if std::env::args().any(|a| a == "--bomb") {
        let bytes = corpus_gen::bomb_xlsx(1_100_000_000);
        fs::write(big.join("zip-bomb-1gb.xlsx"), &bytes).expect("write bomb");
        println!("target/corpus-generated/zip-bomb-1gb.xlsx: {} bytes", bytes.len());
    }
}
