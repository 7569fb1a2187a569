//! Every corpus program runs the same from its bytecode dump as from its
//! source: `string.dump` of the compiled main chunk is saved to a file, and
//! `neap` runs that file (a binary chunk) and the source; stdout, exit status
//! and error message must agree.

use neap_tests::engines::{self, BuildDirs};
use neap_tests::outcome::Outcome;
use neap_tests::process;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Programs that may differ, and why.
const EXCEPTIONS: &[&str] = &[
    // Prints `arg[0]`, the script's own name.
    "tests/corpus/varargs/main_chunk_varargs.lua",
    // `#` of tables built by constructors with nil holes: a loaded template
    // table's array part ends at its last non-nil value, so the border
    // found differs. LuaJIT prints the same after a round trip through
    // `string.dump` and `loadstring`.
    "tests/corpus/tables/length_holes_constructor.lua",
    "tests/corpus/varargs/select_count.lua",
];

/// Writes `string.dump(loadfile(path))` of each listed program to
/// `<out>/<index>.luac` (nothing for programs that do not compile).
const DUMPER: &str = r#"
local list, out = ...
local i = 0
for path in io.lines(list) do
  i = i + 1
  local f = loadfile(path)
  if f then
    local file = assert(io.open(out .. "/" .. i .. ".luac", "wb"))
    file:write(string.dump(f))
    file:close()
  end
end
"#;

#[test]
fn corpus_runs_the_same_from_bytecode() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let dirs = BuildDirs::of_current_exe().expect("build directories");
    let neap = engines::neap(&root, &dirs).expect("neap binary");
    let programs = neap_tests::corpus::programs(&root).expect("corpus");
    let tmp = std::env::temp_dir().join(format!("neap-bc-roundtrip-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let list = tmp.join("programs.txt");
    std::fs::write(&list, programs.join("\n") + "\n").unwrap();
    let dumper = tmp.join("dump.lua");
    std::fs::write(&dumper, DUMPER).unwrap();
    let timeout = Duration::from_secs(20);
    let made =
        process::run(&neap, &[dumper.to_str().unwrap(), list.to_str().unwrap(), tmp.to_str().unwrap()], &root, timeout);
    assert!(made.stderr.is_empty(), "dumping failed: {}", String::from_utf8_lossy(&made.stderr));

    let jobs: Vec<(String, PathBuf)> = programs
        .iter()
        .enumerate()
        .filter(|(_, p)| !EXCEPTIONS.contains(&p.as_str()))
        .map(|(i, p)| (p.clone(), tmp.join(format!("{}.luac", i + 1))))
        .filter(|(_, dump)| dump.exists())
        .collect();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let Some((path, dump)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) else { break };
                let run = |file: &str| Outcome::from_run(&process::run(&neap, &[file], &root, timeout));
                let from_source = run(path);
                let from_dump = run(dump.to_str().unwrap());
                if from_source != from_dump {
                    let diff = neap_tests::outcome::diff_labelled(&from_source, &from_dump, "source", "bytecode");
                    failures.lock().unwrap().push(format!("=== {path}\n{diff}"));
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&tmp);
    let failures = failures.into_inner().unwrap();
    println!("bytecode round trip: {} of {} programs agree", jobs.len() - failures.len(), jobs.len());
    assert!(jobs.len() > 100, "too few programs dumped: {}", jobs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
