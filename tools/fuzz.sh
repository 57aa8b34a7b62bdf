#!/usr/bin/env bash
# Runs sohoa's fuzz targets (fuzz/, cargo-fuzz + libFuzzer, nightly toolchain), one at a time.
#
#   tools/fuzz.sh [-t SECONDS] [TARGET...]    run each TARGET (default: all) for SECONDS (default 60)
#   tools/fuzz.sh --seed                      (re)build the seed corpora from fixtures/ into
#                                             fuzz/work/seed/TARGET (done by every run when missing)
#   tools/fuzz.sh --cmin [TARGET...]          minimise the committed corpora (cargo fuzz cmin,
#                                             edges only: -use_counters=0); with MAX_KB set,
#                                             then drop their inputs over MAX_KB kB
#
# Installs cargo-fuzz (`cargo install cargo-fuzz`) when it is missing. Each run is
# `nice -n 10`, with -max_total_time=SECONDS, -rss_limit_mb=2048 (OOM = a finding), -timeout=10
# (a single input taking over 10 s = a finding). Each run starts from the committed corpus
# fuzz/corpus/TARGET and the seeds built from fixtures/ (fuzz/work/seed/TARGET, not committed:
# the fixtures are in the repository already); new inputs go to fuzz/work/TARGET (not committed)
# and are merged into fuzz/corpus/TARGET when the run ends, keeping only inputs that add
# coverage. `--cmin` keeps the committed corpora small: the fewest inputs that keep every edge
# (not every hit count) covered.
# A crash, timeout or OOM leaves the input in fuzz/artifacts/TARGET/.
# One row per run (date, target, seconds, executions, findings) is appended to fuzz/runs.tsv.
#
# Built without a sanitizer (`-s none`): sohoa forbids unsafe code, so the findings are panics
# (incl. arithmetic overflow: debug assertions are on), stack overflows, timeouts and OOMs, and
# the executions per second double.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/fuzz"
toolchain=${SOHOA_FUZZ_TOOLCHAIN:-nightly}
all_targets=(decode pdf segment extract repair docx pipeline)

if ! cargo "+$toolchain" fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz" >&2
    cargo install cargo-fuzz
fi

seed() {
    local t=$1 dir="$fuzz/work/seed/$1"
    if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
        return
    fi
    mkdir -p "$dir"
    local texts=("$root"/fixtures/seeds/*.txt "$root"/fixtures/dev/*.txt
        "$root"/fixtures/repair/*.txt "$root"/fixtures/tables/*.txt)
    case $t in
    pdf)
        cp "$root"/fixtures/pdf/*.pdf "$root"/fixtures/tables/*.pdf "$dir"/
        ;;
    docx)
        cp "$root"/fixtures/docx/*.docx "$root"/crates/docx/tests/data/*.docx \
            "$root"/crates/docx/tests/data/*.zip "$dir"/
        ;;
    pipeline)
        cp "$root"/fixtures/pdf/legacy-fonts.pdf "$root"/fixtures/pdf/encrypted.pdf \
            "$root"/fixtures/docx/binh-minh-2026.docx "$dir"/
        cp "$root"/fixtures/bad/*.txt "$dir"/
        # the first 3 kB of each plan text (cut at a line end)
        for f in "${texts[@]}"; do
            head -c 3000 "$f" | sed '$d' >"$dir/$(basename "$f")"
        done
        ;;
    repair)
        # the decoder is the slowest stage: pieces of at most 500 bytes
        for f in "${texts[@]}"; do
            split -C 500 -d -a 3 "$f" "$dir/$(basename "$f" .txt)-"
        done
        ;;
    *)
        cp "$root"/fixtures/bad/*.txt "$dir"/
        # each plan text cut into pieces of at most 2 kB, at line ends
        for f in "${texts[@]}"; do
            split -C 2000 -d -a 3 "$f" "$dir/$(basename "$f" .txt)-"
        done
        ;;
    esac
}

stats() { # FILE KEY: the value of libFuzzer's final `stat::KEY:` line
    sed -n "s/^stat::$2: *\([0-9]*\).*/\1/p" "$1" | tail -1
}

extra_args() { # per-target libFuzzer options
    case $1 in
    repair) echo -max_len=600 ;;
    decode | segment | extract) echo -max_len=4096 ;;
    esac
}

run() {
    local t=$1 secs=$2
    seed "$t"
    mkdir -p "$fuzz/work/$t" "$fuzz/artifacts/$t"
    local before log start end execs found
    before=$(ls "$fuzz/artifacts/$t" | wc -l)
    log="$fuzz/work/$t.log"
    start=$(date +%s)
    echo "== $t: $secs s" >&2
    mkdir -p "$fuzz/corpus/$t"
    (cd "$fuzz" && nice -n 10 cargo "+$toolchain" fuzz run -s none "$t" "work/$t" "corpus/$t" \
        "work/seed/$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="artifacts/$t/" $(extra_args "$t")) >"$log" 2>&1 || true
    end=$(date +%s)
    execs=$(stats "$log" number_of_executed_units)
    # keep what the run found that adds coverage
    (cd "$fuzz" && nice -n 10 cargo "+$toolchain" fuzz run -s none "$t" "corpus/$t" "work/$t" -- \
        -merge=1 -rss_limit_mb=2048 -timeout=10 -artifact_prefix="artifacts/$t/" \
        $(extra_args "$t")) >"$log.merge" 2>&1 || true
    found=$(($(ls "$fuzz/artifacts/$t" | wc -l) - before))
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$((end - start))" "${execs:-?}" \
        "$found" >>"$fuzz/runs.tsv"
    echo "$t: $((end - start)) s, ${execs:-?} executions, $found finding(s) (log: $log)" >&2
}

case ${1:-} in
--seed)
    for t in "${all_targets[@]}"; do seed "$t"; done
    exit 0
    ;;
--cmin)
    shift
    for t in "${@:-${all_targets[@]}}"; do
        (cd "$fuzz" && nice -n 10 cargo "+$toolchain" fuzz cmin -s none "$t" "corpus/$t" -- \
            -rss_limit_mb=2048 -timeout=10 -use_counters=0)
        if [ -n "${MAX_KB:-}" ]; then
            find "$fuzz/corpus/$t" -type f -size +"$MAX_KB"k -delete
        fi
    done
    exit 0
    ;;
esac

secs=60
if [ "${1:-}" = -t ]; then
    secs=$2
    shift 2
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
(cd "$fuzz" && nice -n 10 cargo "+$toolchain" fuzz build -s none)
for t in "${targets[@]}"; do
    run "$t" "$secs"
done
