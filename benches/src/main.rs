//! Benchmark harness: filled in by the benchmark issue.
fn main() {
    eprintln!("neap-bench: the benchmark harness is not written yet (see the benchmark issue)");
}
