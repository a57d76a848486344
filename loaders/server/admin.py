"""``neo4j-admin`` from the same jars: the bulk import tool, run into a server's home folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from loaders.neo4j.failures import LocalServerError
from loaders.server.jars import ensure_built
from loaders.server.process import JVM_FLAGS, default_home, status

__all__ = ["ADMIN_CLASS", "admin_command", "import_database", "set_initial_password"]

ADMIN_CLASS = "org.neo4j.cli.AdminTool"


def admin_command(*args: str) -> list[str]:
    """The command line that runs ``neo4j-admin ARGS`` on the built class path."""
    build = ensure_built()
    return [str(build.java), *JVM_FLAGS, "-cp", build.classpath, ADMIN_CLASS, *args]


def _run(args: list[str], home: Path, cwd: Path | None, timeout: float, what: str) -> str:
    env = {**os.environ, "NEO4J_HOME": str(home)}
    env.pop("NEO4J_CONF", None)
    done = subprocess.run(admin_command(*args), cwd=cwd or home, env=env, capture_output=True, text=True,
                          timeout=timeout)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
        reason = next((ln for ln in lines if "rror" in ln or "xception" in ln), lines[-1] if lines else "no output")
        raise LocalServerError(f"{what} failed (exit {done.returncode}): {reason[:300]}")
    return output


def set_initial_password(password: str, home: Path | None = None) -> None:
    """Give the user ``neo4j`` a password before the home folder's first start (for a server
    started with authentication on)."""
    home = Path(home or default_home()).absolute()
    home.mkdir(parents=True, exist_ok=True)
    _run(["dbms", "set-initial-password", password], home, None, 600, "neo4j-admin dbms set-initial-password")


def import_database(options: list[str], home: Path | None = None, database: str = "neo4j",
                    cwd: Path | None = None, timeout: float = 3600.0) -> str:
    """Run ``neo4j-admin database import full OPTIONS --overwrite-destination DATABASE`` into
    the (stopped) server whose home folder is ``home``; return the tool's output.

    Raises
    ------
    LocalServerError
        The server runs (the database is locked), or the import tool failed.
    """
    home = Path(home or default_home()).absolute()
    running = status(home)
    if running is not None:
        raise LocalServerError(f"the Neo4j server in {home} is running (pid {running.pid}); stop it before an import")
    home.mkdir(parents=True, exist_ok=True)
    return _run(["database", "import", "full", *options, "--overwrite-destination", database], home, cwd,
                timeout, "neo4j-admin database import")
