"""The README's console blocks: each ``$ command`` and the output it prints.

The test (`tests/docs/test_readme.py`) runs every command and compares. After changing a command's
output on purpose, refresh the README with ``python -m tests.docs.readme --write`` (set NEO4J_URI to
a disposable server for the Neo4j commands; the database is emptied first).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
_BLOCK = re.compile(r"```console\n\$ (?P<command>[^\n]*)\n(?P<output>.*?)```", re.S)
_SECONDS = re.compile(r"\b\d+(?:\.\d+)? s\b")
_LOCAL_BOLT = re.compile(r"bolt://127\.0\.0\.1:\d+")


def _fixed_port(text: str) -> str:
    """The local server's address as the README writes it (the tests' server has its own port)."""
    return _LOCAL_BOLT.sub("bolt://127.0.0.1:7687", text)


@dataclass(frozen=True)
class Block:
    command: str
    output: str
    start: int  # offsets of the output in the README
    end: int

    @property
    def needs_neo4j(self) -> bool:
        return self.command.startswith(("graphmodel load", "graphmodel query", "graphmodel cypher"))


def blocks(text: str | None = None) -> list[Block]:
    text = README.read_text(encoding="utf-8") if text is None else text
    return [Block(m.group("command"), m.group("output"), m.start("output"), m.end("output"))
            for m in _BLOCK.finditer(text)]


def normalize(output: str) -> str:
    """What may differ between runs: the seconds a load took, the local server's port."""
    return _fixed_port(_SECONDS.sub("<t> s", output.rstrip("\n")))


def run(command: str, workdir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run one README command in ``workdir`` (which links tests/ to the repository's), as a user would."""
    link = workdir / "tests"
    if not link.exists():
        link.symlink_to(ROOT / "tests")
    full_env = {**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}
    bindir = str(Path(sys.executable).parent)
    full_env["PATH"] = bindir + os.pathsep + full_env.get("PATH", "")  # this environment's graphmodel
    # One stream, as a terminal shows it: stderr's notes stay where they were printed.
    return subprocess.run(command, shell=True, cwd=workdir, env=full_env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=600, stdin=subprocess.DEVNULL)


def _write() -> None:
    text = README.read_text(encoding="utf-8")
    uri = os.environ.get("NEO4J_URI")
    if uri:
        import neo4j

        with neo4j.GraphDatabase.driver(uri) as driver:
            driver.execute_query("MATCH (n) DETACH DELETE n")
    with tempfile.TemporaryDirectory() as tmp:
        outputs = []
        for block in blocks(text):
            if block.needs_neo4j and not uri:
                print(f"skipped (no NEO4J_URI): {block.command}", file=sys.stderr)
                outputs.append(block.output)
                continue
            done = run(block.command, Path(tmp))
            if done.returncode != 0:
                raise SystemExit(f"failed: {block.command}\n{done.stdout}")
            outputs.append(_fixed_port(done.stdout))
    for block, output in reversed(list(zip(blocks(text), outputs, strict=True))):
        text = text[: block.start] + output + text[block.end :]
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        _write()
    else:
        raise SystemExit(__doc__)
