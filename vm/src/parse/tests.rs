//! Compiler tests: listings compared with `luajit -bl`, error messages,
//! and robustness on random and deeply nested input.

use super::compile;
use crate::dump::dump;

/// Prints our listing of the file named by `NEAP_DUMP` (a debugging aid).
#[test]
#[ignore]
fn dump_file() {
    let path = std::env::var("NEAP_DUMP").unwrap();
    let src = std::fs::read(&path).unwrap();
    let name = format!("@{}", path.rsplit('/').next().unwrap());
    match compile(&src, name.as_bytes()) {
        Ok(p) => print!("{}", dump(&p)),
        Err(e) => println!("ERROR: {}", e.message),
    }
}
