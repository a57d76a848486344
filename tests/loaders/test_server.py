"""The local Neo4j server: build settings, errors, and a real start, stop and restart."""

from __future__ import annotations

import re
import socket
from importlib import resources
from pathlib import Path

import neo4j
import pytest

from loaders.neo4j.failures import LocalServerError
from loaders.server import NEO4J_VERSION, cache_dir, default_home, find_java, jars, start, status, stop
from loaders.server.process import free_port
from tests.conftest import require_local_neo4j, require_tool


def test_pom_pins_the_version_the_code_names() -> None:
    pom = (resources.files("loaders.server") / "pom.xml").read_text(encoding="utf-8")
    assert re.search(r"<neo4j.version>([^<]+)</neo4j.version>", pom).group(1) == NEO4J_VERSION
    assert NEO4J_VERSION.startswith("5.26.")


def test_launcher_source_ships_as_package_data() -> None:
    source = (resources.files("loaders.server") / "GraphmodelNeo4j.java").read_text(encoding="utf-8")
    assert "public final class GraphmodelNeo4j" in source
    # Bolt on the loopback address only; authentication off unless --auth.
    assert '"127.0.0.1"' in source and "auth_enabled, auth)" in source and "boolean auth = false;" in source


def test_folders_follow_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRAPHMODEL_NEO4J_CACHE", str(tmp_path / "c"))
    monkeypatch.setenv("GRAPHMODEL_NEO4J_HOME", str(tmp_path / "h"))
    assert cache_dir() == tmp_path / "c"
    assert default_home() == tmp_path / "h"
    monkeypatch.delenv("GRAPHMODEL_NEO4J_CACHE")
    monkeypatch.delenv("GRAPHMODEL_NEO4J_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xc"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xd"))
    assert cache_dir() == tmp_path / "xc" / "graphmodel" / f"neo4j-{NEO4J_VERSION}"
    assert default_home() == tmp_path / "xd" / "graphmodel" / "neo4j"


def test_a_java_home_without_a_jdk_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(LocalServerError, match=r"JAVA_HOME=.*no java and javac"):
        find_java()


def test_an_unsupported_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("java", "javac"):
        tool = bin_dir / name
        tool.write_text('#!/bin/sh\necho \'openjdk version "11.0.2"\' >&2\n')
        tool.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(LocalServerError, match="Java 11 cannot run Neo4j"):
        find_java()


def test_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(LocalServerError, match=f"127.0.0.1:{port} is already in use"):
            start(tmp_path, port=port)
    assert status(tmp_path) is None


@pytest.mark.neo4j
def test_a_launcher_that_exits_is_reported_with_its_reason(tmp_path: Path) -> None:
    require_local_neo4j()
    with pytest.raises(LocalServerError, match=r"exited with code 2: .*not a number after --pagecache"):
        start(tmp_path, port=free_port(), pagecache="lots")
    assert status(tmp_path) is None


@pytest.mark.neo4j
def test_the_session_server_answers_the_driver(neo4j_server) -> None:  # noqa: ANN001
    with neo4j_server.driver() as driver:
        records, _, _ = driver.execute_query("RETURN $v AS v", v="上海市", database_=neo4j_server.database)
        assert records[0]["v"] == "上海市"
        if neo4j_server.uri.startswith("bolt://127.0.0.1"):
            assert driver.get_server_info().agent == f"Neo4j/{NEO4J_VERSION}"


@pytest.mark.neo4j
def test_routing_uri_works_with_the_local_server(neo4j_server) -> None:  # noqa: ANN001
    if not neo4j_server.uri.startswith("bolt://127.0.0.1"):
        pytest.skip("checks the local launcher's advertised address")
    with neo4j.GraphDatabase.driver(neo4j_server.uri.replace("bolt://", "neo4j://"), auth=None) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", routing_=neo4j.RoutingControl.WRITE)
        assert records[0]["one"] == 1


def test_build_reuses_the_cache_when_nothing_changed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A stamp that matches the sources and a compiled class: no Maven, no javac is run.
    require_tool("java")
    monkeypatch.setenv("GRAPHMODEL_NEO4J_CACHE", str(tmp_path))
    java, _ = find_java()
    pom, source, shell_pom = jars._sources()
    digest = jars._digest(pom, source, jars._java_major(java), shell_pom)
    folder = tmp_path / digest[:16]  # a build of its own per digest: checkouts do not clobber each other
    (folder / "classes").mkdir(parents=True)
    (folder / "classes" / "GraphmodelNeo4j.class").write_bytes(b"")
    (folder / "build.json").write_text(f'{{"digest": "{digest}"}}')

    def no_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("rebuilt although nothing changed")

    monkeypatch.setattr(jars, "_run", no_run)
    got = jars.ensure_built()
    assert got.classes == folder / "classes" and got.classpath.endswith(str(folder / "lib" / "*"))
    assert got.shell_classpath == str(folder / "shell" / "*")
    (folder / "build.json").write_text('{"digest": "stale"}')
    with pytest.raises(AssertionError, match="rebuilt"):
        jars.ensure_built()


def test_stop_of_a_server_that_is_not_running_says_so(tmp_path: Path) -> None:
    assert stop(tmp_path) is None
