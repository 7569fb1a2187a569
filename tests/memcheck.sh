#!/usr/bin/env bash
# Runs corpus programs on the debug `neap` under valgrind's memcheck (with
# MEMCHECK_GC_STRESS=1, the collector also runs at every safe point: slow,
# quadratic on allocation-heavy programs), and fails on
# any invalid read or write, use of uninitialised memory, or crash: the
# sanitizer run over the heap, the collector and the interpreter.
# Usage: tests/memcheck.sh [corpus subdirectories...] (default: a GC-heavy set)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v valgrind >/dev/null 2>&1; then
    echo "memcheck: valgrind is not installed: SKIPPED" >&2
    exit 0
fi
cargo build --bin neap
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
    dirs=(coroutines gc)
fi
fails=0
count=0
for d in "${dirs[@]}"; do
    for f in $(find "tests/corpus/$d" -name '*.lua' | sort); do
        count=$((count + 1))
        log=$(mktemp)
        # Programs that fail on purpose exit 1; only valgrind's own code (99)
        # or a signal counts as a failure.
        set +e
        NEAP_GC_STRESS=${MEMCHECK_GC_STRESS:-0} timeout 300 valgrind --error-exitcode=99 -q target/debug/neap "$f" \
            >/dev/null 2>"$log" </dev/null
        rc=$?
        set -e
        if [ $rc -eq 99 ] || [ $rc -ge 124 ] || grep -q "^==[0-9]*== " "$log"; then
            echo "memcheck: FAIL $f (exit $rc)"
            head -30 "$log"
            fails=$((fails + 1))
        fi
        rm -f "$log"
    done
done
echo "memcheck: $count programs, $fails failures"
[ $fails -eq 0 ]
