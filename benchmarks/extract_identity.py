"""Extraction output, byte for byte: write it for every plan text, or compare with a reference.

    python benchmarks/extract_identity.py write FOLDER      # e.g. from main, before a change
    python benchmarks/extract_identity.py check FOLDER      # after: every file must be identical

The inputs: every .txt, .htm/.html, .docx and .pdf under tests/data (with or without gold,
tests/data/real/** included; a .txt read as UTF-8 the way the tests read it when it is UTF-8, the others through
`loaders.documents.read_document`) and 40 generated plans (`corpus_text.make_plan(i, seed)`).
For each, the JSON of `extract(text, source=name).to_dict()`, or the one-line error it raised
(reading or extracting, paths relative to the repository), goes to one file of FOLDER. All
inputs are extracted twice in one process, in a fixed order; the second pass must give the
first's bytes (the memos must not leak one document's state into another's output). `check`
exits 1 and names every file that differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_text import make_plan  # noqa: E402

from graphmodel.extract import extract  # noqa: E402
from loaders.documents import read_document  # noqa: E402

DATA = ROOT / "tests" / "data"
SUFFIXES = {".txt", ".htm", ".html", ".docx", ".pdf"}
GENERATED = [(i, seed) for seed in (7, 11) for i in range(20)]


def inputs() -> Iterator[tuple[str, str | Exception]]:
    """(output file name, text or the error reading it), in a fixed order."""
    for path in sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
        name = path.relative_to(DATA).as_posix().replace("/", "__")
        try:
            try:
                if path.suffix.lower() != ".txt":
                    raise UnicodeError
                text = path.read_text(encoding="utf-8")
            except UnicodeError:  # not UTF-8: read as the CLI reads it
                text = read_document(path)
        except Exception as exc:  # noqa: BLE001 - the error is the output
            yield name, exc
            continue
        yield name, text
    for i, seed in GENERATED:
        plan = make_plan(i, seed)
        yield f"generated-{seed}-{i}-{plan.name}", plan.text


def output(name: str, text: str | Exception) -> str:
    if isinstance(text, Exception):
        return f"read error {type(text).__name__}: {str(text).replace(str(ROOT), '.')}\n"
    try:
        result = extract(text, source=name)
    except Exception as exc:  # noqa: BLE001 - the error is the output
        return f"extract error {type(exc).__name__}: {exc}\n"
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n"


def outputs() -> dict[str, str]:
    items = list(inputs())
    first = {name + ".json": output(name, text) for name, text in items}
    second = {name + ".json": output(name, text) for name, text in items}
    unstable = [n for n in first if first[n] != second[n]]
    if unstable:
        print(f"{len(unstable)} outputs differ between two passes in one process: {unstable[:10]}")
        sys.exit(1)
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["write", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    got = outputs()
    if args.mode == "write":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, body in got.items():
            (args.folder / name).write_text(body, encoding="utf-8")
        print(f"{len(got)} outputs written to {args.folder}")
        return
    ref = {p.name: p.read_text(encoding="utf-8") for p in args.folder.glob("*.json")}
    missing = sorted(set(ref) - set(got))
    extra = sorted(set(got) - set(ref))
    differ = sorted(n for n in set(ref) & set(got) if ref[n] != got[n])
    for label, names in (("missing", missing), ("new", extra), ("different", differ)):
        for n in names:
            print(f"{label}: {n}")
    if missing or extra or differ:
        print(f"FAIL: {len(differ)} different, {len(missing)} missing, {len(extra)} new of {len(ref)}")
        sys.exit(1)
    print(f"OK: {len(got)} outputs identical")


if __name__ == "__main__":
    main()
