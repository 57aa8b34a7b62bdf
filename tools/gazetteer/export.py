#!/usr/bin/env python3
"""Export Vietnam's administrative units from PyPI's `vietnam-provinces` into
crates/repair/data/gazetteer.tsv: one unit per line, `type<TAB>name` (e.g. `xã<TAB>Lai Khê`),
sorted, NFC:
- the units after the 2025 reorganisation (34 provinces, 3,321 communes and wards): the
  installed `vietnam-provinces` 2025.10.1;
- with `--pre2025 WHEEL`, also the units before it that are not among those (provinces,
  the 696 districts, communes, wards and townships; data of 2025-01-04), marked by a third
  column `former`: the JSON inside the `vietnam-provinces` 0.6.0 wheel, read from the zip (not
  installed: the two versions share a module name). Plans of 2025 and earlier name the old
  districts and communes (`huyện Văn Yên`, `xã Y Can`).

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install vietnam-provinces==2025.10.1
    /tmp/venv/bin/pip download vietnam-provinces==0.6.0 --no-deps -d /tmp/vp-old
    /tmp/venv/bin/python tools/gazetteer/export.py \
        --pre2025 /tmp/vp-old/vietnam_provinces-0.6.0-py3-none-any.whl \
        > crates/repair/data/gazetteer.tsv
"""
import argparse
import json
import unicodedata
import zipfile

import vietnam_provinces as vp

PREFIXES = [
    "thành phố",
    "tỉnh",
    "phường",
    "xã",
    "đặc khu",
    "thị trấn",
    "quận",
    "huyện",
    "thị xã",
]


def split(name):
    n = unicodedata.normalize("NFC", name).strip()
    for p in PREFIXES:
        if n.lower().startswith(p + " "):
            return p, n[len(p) + 1 :].strip()
    return "", n


def keep(row):
    # numbered wards and districts of old ("Phường 1", "Quận 3") name nothing a model can learn
    return not row[1].isdigit()


ap = argparse.ArgumentParser()
ap.add_argument("--pre2025", help="the vietnam-provinces 0.6.0 wheel (units before 2025-07-01)")
args = ap.parse_args()

rows = set()
for prov in json.load(open(vp.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8")):
    rows.add(split(prov["name"]))
    for w in prov.get("wards", []):
        rows.add(split(w["name"]))
header = f"# vietnam-provinces {vp.__version__}, data {vp.__data_version__}"
former = set()
if args.pre2025:
    with zipfile.ZipFile(args.pre2025) as z:
        old = json.loads(z.read("vietnam_provinces/data/nested-divisions.json"))
    for prov in old:
        former.add(split(prov["name"]))
        for d in prov.get("districts", []):
            former.add(split(d["name"]))
            for w in d.get("wards", []):
                former.add(split(w["name"]))
    former -= rows
    header += "; former units (before 2025-07-01): vietnam-provinces 0.6.0, data 2025-01-04"
print(header)
for kind, name in sorted(rows):
    print(f"{kind}\t{name}")
for kind, name in sorted(r for r in former if keep(r)):
    print(f"{kind}\t{name}\tformer")
