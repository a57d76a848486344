"""Add China's county-level divisions to graphmodel/data/regions.tsv from an administrative-code list.

    python tools/build_regions.py ADCODES.csv

ADCODES.csv is ``cpca/resources/adcodes.csv`` from the cpca package (MIT licence, (c) 2018 QinYuan
Du; ``pip download cpca --no-deps`` and unzip): columns adcode, name, longitude, latitude, one row
per province, prefecture and county-level division. The hierarchy is the code's prefix: 2 digits
for the province, 4 for the prefecture. Names already in regions.tsv (written by hand, with the
national new areas that are no administrative division) are kept as written; every other region
is added under its parent, its kind told by its suffix (…区 district, …市 county-level city, …县,
…旗, …林区, …特区 county). The script rewrites regions.tsv in place and is idempotent.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

REGIONS = Path(__file__).resolve().parents[1] / "graphmodel" / "data" / "regions.tsv"
_NOT_REGIONS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_MARK = "# From the administrative codes of cpca 0.5.5 (MIT, (c) 2018 QinYuan Du), by tools/build_regions.py:"


def _kind(name: str) -> str:
    if name.endswith("区"):
        return "district"
    if name.endswith("市"):
        return "county-city"
    return "county"


def main(path: str) -> None:
    lines = REGIONS.read_text(encoding="utf-8").splitlines()
    if _MARK in lines:
        lines = lines[: lines.index(_MARK)]
    written = {n for ln in lines if ln and not ln.startswith("#") for n in ln.split("\t")[2].split()}
    seen: set[tuple[str, str]] = set()
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_code = {r["adcode"]: r["name"] for r in rows}
    added: dict[tuple[str, str], list[str]] = {}
    for r in sorted(rows, key=lambda r: r["adcode"]):
        code, name = r["adcode"], r["name"]
        if name in _NOT_REGIONS or name in written:
            continue
        province = by_code.get(code[:2] + "0" * 10)
        prefecture = by_code.get(code[:4] + "0" * 8)
        if code[2:] == "0" * 10:
            parent, kind = "-", "province"
        elif code[4:] == "0" * 8:
            parent, kind = province or "-", "city"
        else:
            parent = prefecture if prefecture and prefecture not in _NOT_REGIONS else province or "-"
            kind = _kind(name)
        if (parent, name) not in seen:  # one name may be several regions (和平区 of 天津市 and of 沈阳市)
            added.setdefault((parent, kind), []).append(name)
            seen.add((parent, name))
    out = [*lines, _MARK] + [f"{parent}\t{kind}\t{' '.join(names)}" for (parent, kind), names in added.items()]
    REGIONS.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{REGIONS}: {sum(map(len, added.values()))} regions added")


if __name__ == "__main__":
    main(sys.argv[1])
