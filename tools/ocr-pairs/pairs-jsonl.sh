#!/usr/bin/env bash
# Turn make-ocr-pairs.sh output (<doc>/gold.txt + <doc>/ocr_<mode>.txt) into line-aligned
# training pairs (JSON lines {doc, mode, gold, ocr}) for `sohoa train --pairs`.
#
#   tools/ocr-pairs/pairs-jsonl.sh PAIRS_ROOT OUT.jsonl [MODES]      (MODES default: eng,deg_eng)
#   e.g. tools/ocr-pairs/pairs-jsonl.sh ../shared/ocr-pairs crates/repair/data/ocr-pairs-eng.jsonl
#
# Needs python3 with rapidfuzz (pip install rapidfuzz). Each document is aligned as one page.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$1"; OUT="$2"; MODES="${3:-eng,deg_eng}"
PY="${PYTHON:-python3}"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
for d in "$ROOT"/*/; do
  b="$(basename "$d")"; [ -f "$d/gold.txt" ] || continue
  mkdir -p "$TMP/docs/$b/pages"
  cp "$d/gold.txt" "$TMP/docs/$b/pages/p001.gold.txt"
  for m in ${MODES//,/ }; do cp "$d/ocr_$m.txt" "$TMP/docs/$b/pages/p001.$m.txt"; done
done
"$PY" "$HERE/ocr-pairs/align_eval.py" "$TMP/out" "$TMP"/docs/* --modes "$MODES" >/dev/null
: > "$OUT"
for m in ${MODES//,/ }; do cat "$TMP/out/pairs/$m.jsonl" >> "$OUT"; done
echo "wrote $OUT ($(wc -l < "$OUT") pairs)"
