"""Everything the README shows is checked by running it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest_neo4j import Neo4jTarget, clear_database
from tests.docs.readme import README, ROOT, Block, blocks, normalize, run

FIRST = "python3 -m venv .venv && . .venv/bin/activate && pip install . && graphmodel demo"
SECOND = "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && python -m pytest"
BLOCKS = blocks()


def test_the_readme_starts_with_the_two_commands_each_in_its_own_block() -> None:
    # Separate blocks: pasting the first must not also start the whole suite.
    lines = README.read_text(encoding="utf-8").splitlines()
    assert lines[:9] == ["# graphmodel", "", "```sh", FIRST, "```", "", "```sh", SECOND, "```"]


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == SECOND


def test_the_readmes_images_exist() -> None:
    text = README.read_text(encoding="utf-8")
    for target in __import__("re").findall(r"!\[[^\]]*\]\(([^)]+)\)", text):
        assert (ROOT / target).is_file(), target


def _check(block: Block, workdir: Path, env: dict[str, str] | None = None) -> None:
    done = run(block.command, workdir, env)
    assert done.returncode == 0, done.stdout
    assert normalize(done.stdout) == normalize(block.output), block.command


OFFLINE = [b for b in BLOCKS if not b.needs_neo4j]
ONLINE = [b for b in BLOCKS if b.needs_neo4j]


@pytest.mark.parametrize("block", OFFLINE, ids=[b.command[:60] for b in OFFLINE])
def test_offline_command_prints_what_the_readme_shows(block: Block, tmp_path: Path) -> None:
    _check(block, tmp_path)


@pytest.mark.neo4j
def test_neo4j_commands_print_what_the_readme_shows(neo4j_server: Neo4jTarget, tmp_path: Path) -> None:
    with neo4j_server.driver() as driver:
        clear_database(driver, neo4j_server.database)
    env = {"NEO4J_URI": neo4j_server.uri}
    for key, value in (("NEO4J_USERNAME", neo4j_server.user), ("NEO4J_PASSWORD", neo4j_server.password),
                       ("NEO4J_DATABASE", neo4j_server.database)):
        if value:
            env[key] = value
    assert ONLINE, "the README shows no Neo4j command"
    for block in ONLINE:  # in order: load, then query
        _check(block, tmp_path, env)
