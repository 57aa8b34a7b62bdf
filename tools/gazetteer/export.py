#!/usr/bin/env python3
"""Export Vietnam's administrative units (provinces, communes and wards after the 2025
reorganisation) from PyPI's `vietnam-provinces` into crates/repair/data/gazetteer.tsv:
one unit per line, `type<TAB>name` (e.g. `xã<TAB>Lai Khê`), sorted, NFC.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install vietnam-provinces==2025.10.1
    /tmp/venv/bin/python tools/gazetteer/export.py > crates/repair/data/gazetteer.tsv
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


rows = set()
for prov in json.load(open(vp.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8")):
    rows.add(split(prov["name"]))
    for w in prov.get("wards", []):
        rows.add(split(w["name"]))
print(f"# vietnam-provinces {vp.__version__}, data {vp.__data_version__}")
for kind, name in sorted(rows):
    print(f"{kind}\t{name}")
