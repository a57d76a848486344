"""The notebooks: stored without outputs, and each runs top to bottom in a fresh kernel.

Each notebook is copied to a temporary folder and executed there by nbclient (a cell error fails
the test), with the working directory a user would have: the quickstart from anywhere (it uses
the bundled plan), the Neo4j notebook from ``notebooks/``, the corpus notebook from the
repository root. The kernel is this interpreter's ipykernel, through a kernel spec written for
the session and put first on ``JUPYTER_PATH``, so a ``python3`` kernel the user installed
elsewhere is never picked up. The Neo4j notebook gets the test server through ``NEO4J_*`` in the
kernel's environment, on an emptied database.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from nbclient import NotebookClient
from nbformat import NotebookNode

from loaders.neo4j.library import library
from tests.conftest import SeedFacts
from tests.conftest_neo4j import Neo4jTarget, clear_database

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
QUICKSTART, NEO4J, CORPUS = "01-quickstart.ipynb", "02-neo4j-and-cypher.ipynb", "03-corpus.ipynb"
TESTED = (QUICKSTART, NEO4J, CORPUS)  # every notebook must be executed by a test below
TIMEOUT = 300  # seconds per cell; they take well under one


@pytest.fixture(scope="session")
def kernel_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment for the notebooks' kernels: this interpreter's ipykernel as ``python3``,
    and an empty IPython profile (no user startup files)."""
    jupyter = tmp_path_factory.mktemp("jupyter")
    write_kernel_spec(jupyter / "kernels" / "python3")
    with pytest.MonkeyPatch.context() as mp:
        # Read by the kernel spec manager nbclient creates in this process.
        mp.setenv("JUPYTER_PATH", os.pathsep.join(filter(None, [str(jupyter), os.environ.get("JUPYTER_PATH")])))
        env = dict(os.environ)
        env["IPYTHONDIR"] = str(tmp_path_factory.mktemp("ipython"))
        yield env


def execute(name: str, cwd: Path, env: dict[str, str], tmp_path: Path) -> NotebookNode:
    """Run a temporary copy of a notebook top to bottom with ``cwd`` as working directory."""
    copy = tmp_path / name
    shutil.copyfile(NOTEBOOKS / name, copy)
    nb = nbformat.read(copy, as_version=4)
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    client.execute(env=env)  # raises CellExecutionError on the first cell that fails
    nbformat.write(nb, tmp_path / f"executed-{name}")  # to look at when a later assertion fails
    return nb


def cell(nb: NotebookNode, cell_id: str) -> NotebookNode:
    found = [c for c in nb.cells if c.get("id") == cell_id]
    assert len(found) == 1, f"no single cell {cell_id!r}"
    return found[0]


def text(nb: NotebookNode, cell_id: str) -> str:
    """What a cell printed and the plain-text form of what it displayed."""
    parts = []
    for out in cell(nb, cell_id).outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif "data" in out:
            parts.append(out.data.get("text/plain", ""))
    return "".join(parts)


def html_of(nb: NotebookNode, cell_id: str) -> str:
    return "".join(out.data.get("text/html", "") for out in cell(nb, cell_id).outputs if "data" in out)


def rows(nb: NotebookNode, cell_id: str) -> list[list[str]]:
    """The data rows of the table a cell displayed (plain text, split at spaces)."""
    shown = [out.data["text/plain"] for out in cell(nb, cell_id).outputs
             if out.output_type == "execute_result" and "text/plain" in out.data]
    assert len(shown) == 1, f"cell {cell_id!r} displays no table"
    lines = [ln for ln in shown[0].splitlines() if ln.strip()]
    assert re.fullmatch(r"\(\d+ rows?\)", lines[-1]), lines[-1]
    return [ln.split() for ln in lines[1:-1]]


def inline_page(nb: NotebookNode, cell_id: str) -> str:
    """The page inside the iframe a view cell displayed."""
    frame = html_of(nb, cell_id)
    assert frame.startswith('<iframe srcdoc="'), frame[:80]
    assert 'sandbox="allow-scripts"' in frame
    return html.unescape(re.match(r'<iframe srcdoc="([^"]*)"', frame).group(1))


# -- the stored notebooks ------------------------------------------------------------------------

def stored() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_every_notebook_is_executed_by_a_test() -> None:
    assert sorted(p.name for p in stored()) == sorted(TESTED)


@pytest.mark.parametrize("path", stored(), ids=lambda p: p.name)
def test_a_stored_notebook_is_valid_and_has_no_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata.kernelspec.name == "python3" and nb.metadata.kernelspec.language == "python"
    assert "widgets" not in nb.metadata
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for c in nb.cells:
        assert "execution" not in c.metadata, f"{path.name}: cell {c.id} keeps execution times"
        if c.cell_type == "code":
            assert c.outputs == [], f"{path.name}: cell {c.id} has outputs (clear them before committing)"
            assert c.execution_count is None, f"{path.name}: cell {c.id} has an execution count"
        assert c.source.strip(), f"{path.name}: cell {c.id} is empty"


# -- running them --------------------------------------------------------------------------------

def test_the_quickstart_runs_and_shows_the_top_pair_and_the_view(kernel_env: dict[str, str], tmp_path: Path,
                                                                 seed_facts: SeedFacts) -> None:
    elsewhere = tmp_path / "somewhere"
    elsewhere.mkdir()
    nb = execute(QUICKSTART, elsewhere, kernel_env, tmp_path)

    assert "2020年上海市与大连市对口合作重点工作计划" in text(nb, "extract")
    assert "37 of them with responsibilities" in text(nb, "extract")
    tasks = rows(nb, "tasks")
    assert tasks[0][:3] == ["一、(一)", "决策层面:密切两地高层互联机制", "上海市政府合作交流办"]

    pairs = rows(nb, "pairs")
    assert pairs[0][:3] == [seed_facts.office, seed_facts.ndrc, str(seed_facts.shared)]
    assert len(pairs) == 10
    assert "<td" in html_of(nb, "pairs") and "上海市政府合作交流办" in html_of(nb, "pairs")
    assert f"{seed_facts.office} and {seed_facts.ndrc}: {seed_facts.shared} shared tasks" in text(nb, "top-pair")
    assert len(text(nb, "top-pair").splitlines()) == 1 + seed_facts.shared

    assert rows(nb, "workload")[0][:3] == [seed_facts.ndrc, seed_facts.ndrc_side, str(seed_facts.ndrc_tasks)]
    assert [r[0] for r in rows(nb, "gaps")] == ["one_side", "placeholders_only", "placeholders_only"]
    assert rows(nb, "no-counterpart") == [["大连市财政局", "大连市", "1"]]
    assert {r[0] for r in rows(nb, "suggest")[:2]} == {"上海市科创办", "上海市科委"}

    for view in ("view", "focus"):
        page = inline_page(nb, view)
        assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
        assert "大连市发展改革委" in page

    saved = re.search(r"wrote (.+counterparts\.html) ", text(nb, "save"))
    assert saved, text(nb, "save")
    page = Path(saved.group(1))
    try:
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    finally:
        shutil.rmtree(page.parent)


def test_the_corpus_notebook_runs_from_the_repository_root(kernel_env: dict[str, str], tmp_path: Path) -> None:
    nb = execute(CORPUS, ROOT, kernel_env, tmp_path)

    # One title, two documents: the short plan and the full one differ in date (and so in id).
    clash = text(nb, "clash").split()
    assert clash[0] != clash[2] and clash[0].startswith("doc:2021年上海市与大连市对口合作工作要点@")
    assert sorted(clash[1::2]) == ["2021-03-15", "2021-04-16"]
    plans = rows(nb, "documents")
    assert [r[1][:4] for r in plans] == ["2020", "2021", "2021", "2022"]
    assert rows(nb, "pairs")[0][:2] == ["上海市政府合作交流办", "大连市发展改革委"]
    # Its tasks come from all three Shanghai–Dalian years.
    assert {"2020", "2021", "2022"} <= set(rows(nb, "pairs")[0][4:])
    assert all(r[0].startswith("江苏省") and r[1].startswith("辽宁省") for r in rows(nb, "pairs-side"))

    assert "pairs: 3 gained" in text(nb, "compare")
    assert ["gained", "上海市国资委", "大连市国资委", "0", "1"] in rows(nb, "pairs-changed")
    pairings = rows(nb, "pairings-changed")
    assert [r[-2:] for r in pairings] == [["长宁区", "瓦房店市"], ["上海张江高新区", "大连高新园区"]]
    assert "agree with the hand-written list: 5 and 7" in text(nb, "hand")

    assert re.search(r"\d+ units, \d+ links, \d+ communities \(seed 42\)", text(nb, "communities"))
    communities = rows(nb, "communities")
    assert len(communities) >= 3
    assert [int(r[1]) for r in communities] == sorted((int(r[1]) for r in communities), reverse=True)
    bridges = rows(nb, "bridging")
    assert bridges and all(int(r[3]) >= 1 for r in bridges)
    assert ["上海市国资委", "大连市国资委", "1", "国资", "1.00"] in rows(nb, "suggest-new")
    assert "上海市政府合作交流办" in inline_page(nb, "view")


@pytest.mark.neo4j
def test_the_neo4j_notebook_runs_against_a_real_server(neo4j_server: Neo4jTarget, kernel_env: dict[str, str],
                                                       tmp_path: Path, seed_facts: SeedFacts) -> None:
    with neo4j_server.driver() as driver:
        clear_database(driver, neo4j_server.database)
    env: dict[str, Any] = {k: v for k, v in kernel_env.items() if not k.startswith("NEO4J_")}
    env["NEO4J_URI"] = neo4j_server.uri
    for name, value in (("NEO4J_USERNAME", neo4j_server.user), ("NEO4J_PASSWORD", neo4j_server.password),
                        ("NEO4J_DATABASE", neo4j_server.database)):
        if value is not None:
            env[name] = value
    nb = execute(NEO4J, NOTEBOOKS, env, tmp_path)

    assert f"connected to {neo4j_server.uri}" in text(nb, "connect")
    if neo4j_server.password:
        assert neo4j_server.password not in text(nb, "connect")
    assert text(nb, "holds").split() == [seed_facts.date, seed_facts.title]
    listed = [r[0] for r in rows(nb, "library")]
    assert set(library()) <= set(listed)
    assert rows(nb, "run")[0][:3] == [seed_facts.office, seed_facts.ndrc, str(seed_facts.shared)]

    assert "2021年江苏省与辽宁省对口合作工作要点" in text(nb, "corpus") and "other plans" not in text(nb, "corpus")
    top = rows(nb, "corpus-pairs")[0]
    assert top[:2] == [seed_facts.office, seed_facts.ndrc] and int(top[2]) > seed_facts.shared
    # 2021 alone (the short corpus plan): the same top pair, with only its 2 tasks of that year.
    assert rows(nb, "year-pairs")[0][:3] == ["上海市政府合作交流办", "大连市发展改革委", "2"]
    assert len(rows(nb, "plans-of-unit")) >= 2
    assert len(rows(nb, "shared-tasks")) == int(top[2])

    compared = text(nb, "compare")
    total = re.search(r"all sides: (\d+) pairs, identical in Neo4j and in Python", compared)
    assert total and int(total.group(1)) > 100
    assert compared.count("identical in Neo4j and in Python") == 5  # all, then each of the four sides
    assert rows(nb, "own")[0][0].startswith("大连市")
    assert "the Cypher query and the Python graph agree" in text(nb, "own-check")
    assert text(nb, "quote").strip() == "[]"
