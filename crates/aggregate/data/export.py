#!/usr/bin/env python3
"""Export the official administrative-unit codes (after the 2025 reorganisation) from PyPI's
`vietnam-provinces` (the same release as crates/repair/data/gazetteer.tsv, which has names only)
into crates/aggregate/data/units.tsv, one unit per line:
`code<TAB>type<TAB>name<TAB>province_code<TAB>province_type<TAB>province_name`, provinces
with an empty province part. Codes are the General Statistics Office codes (2 digits for a
province, 5 for a commune or ward), zero-padded.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install vietnam-provinces==2025.10.1
    /tmp/venv/bin/python crates/aggregate/data/export.py > crates/aggregate/data/units.tsv
"""
import json
import unicodedata

import vietnam_provinces as vp

PREFIXES = ["thành phố", "tỉnh", "phường", "xã", "đặc khu", "thị trấn", "quận", "huyện", "thị xã"]


def split(name):
    n = unicodedata.normalize("NFC", name).strip()
    for p in PREFIXES:
        if n.lower().startswith(p + " "):
            return p, n[len(p) + 1:].strip()
    return "", n


rows = []
for prov in json.load(open(vp.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8")):
    pk, pn = split(prov["name"])
    pk = pk or {"tỉnh": "tỉnh", "thành phố trung ương": "thành phố"}.get(prov["division_type"], "")
    pc = f"{prov['code']:02d}"
    rows.append((pc, pk, pn, "", "", ""))
    for w in prov.get("wards", []):
        k, n = split(w["name"])
        rows.append((f"{w['code']:05d}", k, n, pc, pk, pn))
print(f"# vietnam-provinces {vp.__version__}, data {vp.__data_version__}")
print("code\ttype\tname\tprovince_code\tprovince_type\tprovince_name")
for r in sorted(rows):
    print("\t".join(r))
