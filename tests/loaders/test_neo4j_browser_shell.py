"""Neo4j Browser and cypher-shell, from `graphmodel neo4j start` to a query's answer.

The server is started the way a user starts it (the CLI, a fresh home folder, free ports); the
Browser is opened from the address the command prints, in Debian's headless Chromium through
Playwright (a system browser, never one `playwright install` downloads), with every request that
leaves 127.0.0.1 aborted and recorded.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from loaders.server import free_port, stop
from tests.conftest import ARTIFACTS, find_chromium, require_local_neo4j

pytestmark = pytest.mark.neo4j

GRAPHMODEL = [sys.executable, "-c", "from graphmodel_cli.main import cli; cli()"]


@dataclass(frozen=True)
class Started:
    home: Path
    uri: str
    browser: str


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Started]:
    require_local_neo4j()
    home = tmp_path_factory.mktemp("browser-home")
    port, http_port = free_port(), free_port()
    got = CliRunner().invoke(cli, ["neo4j", "start", "--home", str(home), "--port", str(port),
                                   "--http-port", str(http_port), "--pagecache", "64m"])
    try:
        assert got.exit_code == 0, got.output
        lines = got.stdout.strip().splitlines()
        assert lines[-2] == f"bolt://127.0.0.1:{port}"
        with neo4j.GraphDatabase.driver(lines[-2], auth=None) as driver:
            driver.execute_query("CREATE (:Side {id: $id, name: $name})", id="side:大连市", name="大连市")
        yield Started(home, lines[-2], lines[-1])
    finally:
        stop(home)


def test_start_prints_the_browser_address_and_status_repeats_it(started: Started) -> None:
    port = started.uri.rsplit(":", 1)[1]
    assert re.fullmatch(rf"http://127\.0\.0\.1:\d+/browser/\?dbms=bolt://127\.0\.0\.1:{port}"
                        r"&preselectAuthMethod=NO_AUTH", started.browser)
    got = CliRunner().invoke(cli, ["neo4j", "status", "--home", str(started.home)])
    assert got.exit_code == 0 and f"Neo4j Browser at {started.browser}" in got.stdout


@pytest.mark.browser
def test_the_browser_connects_and_runs_a_query_with_no_outside_request(started: Started,
                                                                        playwright_session: Any) -> None:
    chromium = find_chromium()

    outside: list[str] = []
    sockets: list[str] = []

    def route(r: object) -> None:
        url = r.request.url
        if url.startswith("http://127.0.0.1:"):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    browser = playwright_session.chromium.launch(executable_path=str(chromium), headless=True,
                                                 args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                                       "--disable-background-networking",
                                                       "--disable-component-update", "--disable-sync"])
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route("**/*", route)
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.goto(started.browser, wait_until="load")
        page.get_by_text("You have a working connection").wait_for(timeout=120_000)
        page.locator(".monaco-editor").first.click()
        page.keyboard.type("MATCH (s:Side) RETURN s.name AS side, 40 + 2 AS answer")
        page.keyboard.press("Control+Enter")
        page.get_by_text("大连市").first.wait_for(timeout=60_000)
        frame = page.locator("[data-testid='frame']").filter(has_text="MATCH (s:Side)").first
        text = frame.inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "neo4j-browser.png"))
    finally:
        browser.close()
    assert re.search(r"side\s+answer\s+1\s+\"大连市\"\s+42", text), text
    assert outside == []
    port = started.uri.rsplit(":", 1)[1]
    assert sockets and all(s.startswith(f"ws://127.0.0.1:{port}") for s in sockets)


def test_the_shell_runs_piped_statements(started: Started) -> None:
    done = subprocess.run([*GRAPHMODEL, "neo4j", "shell", "--home", str(started.home), "--format", "plain"],
                          input="MATCH (s:Side) RETURN s.name AS side;\nRETURN 40 + 2 AS answer;\n",
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["side", '"大连市"', "answer", "42"]
    done = subprocess.run([*GRAPHMODEL, "neo4j", "shell", "--uri", started.uri, "--format", "plain", "RETURN nope"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and "nope" in done.stderr


def _read_until(fd: int, pattern: str, seconds: float) -> str:
    out = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            if re.search(pattern, out.decode("utf-8", "replace")):
                break
    return out.decode("utf-8", "replace")


def test_the_shell_is_interactive_on_a_terminal(started: Started) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command on a terminal of its own
        os.execv(sys.executable, [*GRAPHMODEL, "neo4j", "shell", "--home", str(started.home)])
    try:
        greeting = _read_until(fd, r"semicolon[\s\S]*>", 120)
        assert "Connected to Neo4j" in greeting and started.uri in greeting, greeting
        os.write(fd, b"MATCH (s:Side) RETURN s.name AS side;\r")
        shown = _read_until(fd, r"1 row", 60)
        assert re.search(r"\| side +\|\r\n\+-+\+\r\n\| \"大连市\" \|", shown), shown
        os.write(fd, b":exit\r")
        assert "Bye!" in _read_until(fd, "Bye!", 30)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)


def test_the_shell_without_a_server_is_a_one_line_error(tmp_path: Path) -> None:
    got = CliRunner().invoke(cli, ["neo4j", "shell", "--home", str(tmp_path)], env={"NEO4J_URI": ""})
    assert got.exit_code == 2 and got.stderr.count("\n") == 1
    assert "no local Neo4j server runs from" in got.stderr
