#!/bin/sh
# Whole-command throughput of batch conversion on a generated archive (issue 6, "Measure"):
# the floor (read + decode + NFC), `convert --repair never` with 1 and 2 threads,
# `convert --repair auto` and `aggregate`, each timed by /usr/bin/time (wall seconds, peak RSS).
#
#   benches/archive.sh [FILES (5000)] [WORK (/tmp/sohoa-archive-bench)]
#
# With NEVER_ONLY=1 only the floor and `convert --repair never` rows are run.
#
# The archive is made by `gen-archive --files FILES --seed 1` (crates/archive-gen) once and kept
# in WORK; outputs are rewritten (--force) on every run. Run it on a quiet machine, or under
# `nice` and say how loaded the machine was.
set -eu
FILES=${1:-5000}
WORK=${2:-/tmp/sohoa-archive-bench}
cd "$(dirname "$0")/.."
cargo build --release --bin sohoa --example floor
cargo build --release -p sohoa-archive-gen --bin gen-archive
BIN=target/release
mkdir -p "$WORK"
if [ ! -f "$WORK/archive/.manifest.tsv" ]; then
    "$BIN/gen-archive" --out "$WORK/archive" --files "$FILES" --seed 1
fi
BYTES=$(awk -F'\t' 'NR > 1 { s += $5 } END { print s }' "$WORK/archive/.manifest.tsv")
N=$(awk 'END { print NR - 1 }' "$WORK/archive/.manifest.tsv")
echo "archive: $N files, $BYTES bytes; $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"

# run NAME COMMAND...: time it, print seconds, files/s, MB/s and peak RSS
run() {
    name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >"$WORK/$name.log" 2>&1 || true
    tail -n 1 "$WORK/time.txt" | awk -v n="$N" -v b="$BYTES" -v name="$name" '{
        printf "%-24s %8.2f s %9.1f files/s %7.2f MB/s  peak RSS %6.1f MB\n",
            name, $1, n / $1, b / 1e6 / $1, $2 / 1024 }'
}

run floor-j1 "$BIN/examples/floor" "$WORK/archive" -j 1
run floor-j2 "$BIN/examples/floor" "$WORK/archive" -j 2
run convert-never-j1 "$BIN/sohoa" convert "$WORK/archive" -o "$WORK/out-never" --force --repair never -j 1
run convert-never-j2 "$BIN/sohoa" convert "$WORK/archive" -o "$WORK/out-never" --force --repair never -j 2
if [ "${NEVER_ONLY:-0}" = 1 ]; then
    echo "convert summary (never, -j 2): $(tail -n 3 "$WORK/convert-never-j2.log" | tr '\n' ' ')"
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit 0
fi
run convert-auto-j1 "$BIN/sohoa" convert "$WORK/archive" -o "$WORK/out-auto" --force --repair auto -j 1
run convert-auto-j2 "$BIN/sohoa" convert "$WORK/archive" -o "$WORK/out-auto" --force --repair auto -j 2
run aggregate "$BIN/sohoa" aggregate "$WORK/out-auto" -o "$WORK/report"
echo "convert summary (never, -j 2): $(tail -n 3 "$WORK/convert-never-j2.log" | tr '\n' ' ')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
