"""Starting, watching and stopping the local Neo4j server.

A server belongs to its home folder (``$GRAPHMODEL_NEO4J_HOME``, else
``~/.local/share/graphmodel/neo4j``): the databases live in ``data/``, Neo4j's logs in ``logs/``,
the launcher's output in ``logs/launcher.log``, and ``server.json`` records the running server's
process id and ports (Bolt, and HTTP for Neo4j Browser), so `status` and `stop` work from any
later process. The data stays between
runs; only deleting the folder removes it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import neo4j

from loaders.files import atomic_write_text
from loaders.neo4j.failures import LocalServerError
from loaders.server.jars import LAUNCHER_CLASS, ensure_built

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_HTTP_PORT",
    "JVM_FLAGS",
    "ServerInfo",
    "default_home",
    "free_port",
    "start",
    "status",
    "stop",
]

DEFAULT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
# Neo4j 5 on Java 17 fails at start (LinkageError on DirectByteBuffer) without these.
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dfile.encoding=UTF-8",
    "-XX:+ExitOnOutOfMemoryError",
)
_STATE = "server.json"
_MARK = "--- graphmodel starting"
# Popen objects of the servers this process started, so a stop can reap them (no zombies).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class ServerInfo:
    """A running local server."""

    pid: int
    port: int
    home: str
    http_port: int = 0  # 0: HTTP (and so Neo4j Browser) off

    @property
    def uri(self) -> str:
        """The Bolt URI to connect to (no authentication)."""
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def browser(self) -> str | None:
        """Neo4j Browser's address, or ``None`` when HTTP is off."""
        return f"http://127.0.0.1:{self.http_port}/browser/" if self.http_port else None


def default_home() -> Path:
    """The server's home folder: its data, logs and state file."""
    override = os.environ.get("GRAPHMODEL_NEO4J_HOME")
    if override:
        return Path(override).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "graphmodel" / "neo4j"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_busy(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a running (not zombie) launcher process."""
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    proc = Path("/proc") / str(pid)
    if proc.exists():
        try:
            stat = (proc / "stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                return False
            # A recycled pid belongs to some other program.
            return LAUNCHER_CLASS.encode() in (proc / "cmdline").read_bytes()
        except OSError:
            return False
    return True


def _read_state(home: Path) -> ServerInfo | None:
    try:
        data = json.loads((home / _STATE).read_text(encoding="utf-8"))
        return ServerInfo(pid=int(data["pid"]), port=int(data["port"]), home=str(data["home"]),
                          http_port=int(data.get("http_port", 0)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def status(home: Path | None = None) -> ServerInfo | None:
    """The server running from ``home``, or ``None`` when none is.

    A state file left by a server that died is removed.
    """
    home = Path(home or default_home())
    info = _read_state(home)
    if info is None:
        return None
    if _alive(info.pid):
        return info
    (home / _STATE).unlink(missing_ok=True)
    return None


def _connects(uri: str, password: str | None = None) -> bool:
    auth = ("neo4j", password) if password else None
    try:
        with neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=2.0) as driver:
            driver.verify_connectivity()
        return True
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError):
        return False


def _log_tail(log: Path) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "no launcher output"
    # Only this start's output: the log keeps every start's.
    lines = [ln.strip() for ln in text.rsplit(_MARK, 1)[-1].splitlines()[1:] if ln.strip()]
    interesting = [ln for ln in lines if "Exception" in ln or "Error" in ln or "graphmodel-neo4j:" in ln]
    pick = interesting[0] if interesting else (lines[-1] if lines else "no launcher output")
    return pick[:300]


def start(
    home: Path | None = None,
    port: int = DEFAULT_PORT,
    http_port: int | None = None,
    heap: str | None = None,
    pagecache: str | None = None,
    timeout: float = 180.0,
    echo: Callable[[str], None] | None = None,
    password: str | None = None,
) -> tuple[ServerInfo, bool]:
    """Start the server in the background (building it first if needed) and wait for Bolt.

    Parameters
    ----------
    home
        The server's folder; `default_home` when ``None``.
    port
        The Bolt port on 127.0.0.1.
    http_port
        The HTTP port on 127.0.0.1, where Neo4j Browser is served at ``/browser/``; ``None``
        picks a free one, ``0`` leaves HTTP off.
    heap, pagecache
        JVM heap and page cache sizes such as ``1g`` or ``512m``; default
        ``$GRAPHMODEL_NEO4J_HEAP`` or ``1g``, and ``$GRAPHMODEL_NEO4J_PAGECACHE`` or ``512m``.
    timeout
        Seconds to wait for the Python driver to connect.
    echo
        Called with progress lines (the first build takes a while).
    password
        Turn authentication on, for the user ``neo4j`` with this password. It must be set
        before the home folder's first start (`set_initial_password` does that); the local
        server runs without authentication otherwise.

    Returns
    -------
    tuple
        The running server, and whether this call started it (``False`` when one was already
        running from ``home``).

    Raises
    ------
    LocalServerError
        The build failed, the port is taken, or the server died or did not answer in time.
    """
    home = Path(home or default_home()).absolute()
    running = status(home)
    if running is not None:
        deadline = time.monotonic() + timeout
        while not _connects(running.uri):
            if time.monotonic() > deadline or not _alive(running.pid):
                raise LocalServerError(f"the Neo4j server in {home} (pid {running.pid}) does not answer")
            time.sleep(0.5)
        return running, False
    if _port_busy(port):
        raise LocalServerError(f"127.0.0.1:{port} is already in use; pick another port with --port")
    if http_port is None:
        http_port = free_port()
        while http_port == port:
            http_port = free_port()
    elif http_port and (http_port == port or _port_busy(http_port)):
        raise LocalServerError(f"127.0.0.1:{http_port} is already in use; pick another port with --http-port")
    build = ensure_built(echo)
    heap = heap or os.environ.get("GRAPHMODEL_NEO4J_HEAP") or "1g"
    pagecache = pagecache or os.environ.get("GRAPHMODEL_NEO4J_PAGECACHE") or "512m"
    (home / "logs").mkdir(parents=True, exist_ok=True)
    log = home / "logs" / "launcher.log"
    cmd = [str(build.java), f"-Xmx{heap}", *JVM_FLAGS, "-cp", build.classpath, LAUNCHER_CLASS,
           "--home", str(home), "--port", str(port), "--http-port", str(http_port), "--pagecache", pagecache,
           *(["--auth"] if password else [])]
    with open(log, "ab") as out:
        out.write(f"{_MARK} on port {port}\n".encode())
        out.flush()
        # A session of its own: the server outlives the command that started it and does not
        # get the terminal's Ctrl-C.
        child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                 cwd=home, start_new_session=True)
    _CHILDREN[child.pid] = child
    info = ServerInfo(pid=child.pid, port=port, home=str(home), http_port=http_port)
    atomic_write_text(home / _STATE, json.dumps(asdict(info)) + "\n")
    if echo:
        echo(f"Starting Neo4j (pid {child.pid}) in {home} ...")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            (home / _STATE).unlink(missing_ok=True)
            _CHILDREN.pop(child.pid, None)
            raise LocalServerError(
                f"the Neo4j server in {home} exited with code {child.returncode}: {_log_tail(log)} "
                f"(see {log})"
            )
        if _connects(info.uri, password) and (not http_port or _port_busy(http_port)):
            return info, True
        time.sleep(0.5)
    stop(home)
    raise LocalServerError(f"the Neo4j server in {home} did not answer on {info.uri} within {timeout:.0f} s")


def stop(home: Path | None = None, timeout: float = 60.0) -> ServerInfo | None:
    """Stop the server running from ``home`` cleanly; return what was stopped (``None``: nothing).

    SIGTERM lets the launcher's shutdown hook close the databases; only a server that has not
    exited after ``timeout`` seconds is killed.
    """
    home = Path(home or default_home()).absolute()
    info = status(home)
    if info is None:
        return None
    with contextlib.suppress(ProcessLookupError):
        os.kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(info.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(info.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(info.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while _alive(info.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
    child = _CHILDREN.pop(info.pid, None)
    if child is not None:
        child.wait(timeout=10)
    (home / _STATE).unlink(missing_ok=True)
    return info
