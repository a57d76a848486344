"""Building the local Neo4j server: Maven resolves the jars, javac compiles the launcher.

Everything goes into a cache folder (``$GRAPHMODEL_NEO4J_CACHE``, else
``~/.cache/graphmodel/neo4j-<version>``), in a subfolder named by the digest of the poms, the
launcher source and the Java version it was built from: ``lib/`` holds the server's jars (Neo4j
Browser's among them), ``shell/`` those of cypher-shell, ``classes/`` the compiled launcher,
``build.json`` the digest. A build happens once, and again only when one of them changes; two
versions of graphmodel (two checkouts, say) keep builds of their own side by side, so neither
deletes the jars of a server the other runs. A file lock keeps two processes (say two test
sessions) from building at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from loaders.files import atomic_write_text
from loaders.neo4j.failures import LocalServerError

__all__ = [
    "NEO4J_VERSION",
    "LAUNCHER_CLASS",
    "SHELL_CLASS",
    "SUPPORTED_JAVA",
    "Build",
    "cache_dir",
    "find_java",
    "ensure_built",
    "is_built",
]

NEO4J_VERSION = "5.26.30"
LAUNCHER_CLASS = "GraphmodelNeo4j"
SHELL_CLASS = "org.neo4j.shell.Main"
# Neo4j 5.26 runs on Java 17 and 21 only.
SUPPORTED_JAVA = range(17, 22)


@dataclass(frozen=True)
class Build:
    """A built server: the java to run it with and its class paths."""

    java: Path
    lib: Path
    classes: Path
    shell: Path

    @property
    def classpath(self) -> str:
        """The launcher's classes, then every jar of Neo4j."""
        return os.pathsep.join([str(self.classes), str(self.lib / "*")])

    @property
    def shell_classpath(self) -> str:
        """cypher-shell's jars."""
        return str(self.shell / "*")


def cache_dir() -> Path:
    """Where the jars and the compiled launcher live."""
    override = os.environ.get("GRAPHMODEL_NEO4J_CACHE")
    if override:
        return Path(override).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "graphmodel" / f"neo4j-{NEO4J_VERSION}"


def _java_major(java: Path) -> int | None:
    try:
        out = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    m = re.search(r'version "(\d+)', out.stderr + out.stdout)
    return int(m.group(1)) if m else None


def find_java() -> tuple[Path, Path]:
    """``java`` and ``javac`` of a JDK Neo4j 5.26 supports (17 to 21).

    ``$JAVA_HOME`` wins when set; else the ones on ``PATH``.

    Raises
    ------
    LocalServerError
        No JDK is found, or it is a version Neo4j 5.26 does not run on.
    """
    home = os.environ.get("JAVA_HOME")
    if home:
        java, javac = Path(home) / "bin" / "java", Path(home) / "bin" / "javac"
        where = f"JAVA_HOME={home}"
    else:
        found_java, found_javac = shutil.which("java"), shutil.which("javac")
        if not found_java or not found_javac:
            raise LocalServerError(
                "no JDK found: the local Neo4j server needs java and javac 17 or 21 on PATH (or JAVA_HOME)"
            )
        java, javac = Path(found_java), Path(found_javac)
        where = str(java)
    if not java.exists() or not javac.exists():
        raise LocalServerError(f"{where}: no java and javac there (a JDK 17 or 21 is needed)")
    major = _java_major(java)
    if major not in SUPPORTED_JAVA:
        raise LocalServerError(
            f"{where}: Java {major} cannot run Neo4j {NEO4J_VERSION}; set JAVA_HOME to a JDK 17 or 21"
        )
    return java, javac


def _sources() -> tuple[bytes, bytes, bytes]:
    here = resources.files("loaders.server")
    return ((here / "pom.xml").read_bytes(), (here / f"{LAUNCHER_CLASS}.java").read_bytes(),
            (here / "shell-pom.xml").read_bytes())


def _digest(pom: bytes, source: bytes, java_major: int | None, shell_pom: bytes = b"") -> str:
    h = hashlib.sha256()
    for part in (pom, source, str(java_major).encode(), shell_pom):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _run(cmd: list[str], cwd: Path, what: str) -> None:
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=1800)
    except FileNotFoundError as exc:
        raise LocalServerError(f"{what}: {cmd[0]} is not installed or not on PATH") from exc
    except subprocess.TimeoutExpired as exc:
        raise LocalServerError(f"{what}: {cmd[0]} took longer than 30 minutes") from exc
    if done.returncode != 0:
        lines = [ln.strip() for ln in (done.stdout + "\n" + done.stderr).splitlines() if ln.strip()]
        errors = [ln for ln in lines if "ERROR" in ln or "error:" in ln] or lines or ["no output"]
        raise LocalServerError(f"{what} failed ({cmd[0]} exit {done.returncode}): {errors[0][:300]}")


def is_built() -> bool:
    """Whether the cache holds the build of these sources for the JDK found (nothing is built).

    Raises
    ------
    LocalServerError
        No suitable JDK.
    """
    java, _ = find_java()
    pom, source, shell_pom = _sources()
    digest = _digest(pom, source, _java_major(java), shell_pom)
    folder = cache_dir() / digest[:16]
    try:
        stamp = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("digest") == digest and (folder / "classes" / f"{LAUNCHER_CLASS}.class").exists()


def _copy_dependencies(folder: Path, name: str, pom: bytes, into: Path, what: str) -> None:
    """Write ``pom`` as ``folder/name`` and let Maven copy its runtime dependencies into ``into``
    (emptied first, so no jar of an older build is left)."""
    (folder / name).write_bytes(pom)
    if into.exists():
        shutil.rmtree(into)
    _run(["mvn", "-q", "-B", "-f", str(folder / name), "dependency:copy-dependencies",
          f"-DoutputDirectory={into}", "-DincludeScope=runtime"], folder, what)


def ensure_built(echo: Callable[[str], None] | None = None) -> Build:
    """The built server, building it first when the cache lacks it or is out of date.

    Parameters
    ----------
    echo
        Called with a line of progress when a build is needed (the first run takes a minute:
        Maven downloads about 180 MB of jars).

    Raises
    ------
    LocalServerError
        No suitable JDK, no Maven, or the download or compilation failed.
    """
    java, javac = find_java()
    pom, source, shell_pom = _sources()
    digest = _digest(pom, source, _java_major(java), shell_pom)
    folder = cache_dir() / digest[:16]
    lib, classes, shell, stamp = folder / "lib", folder / "classes", folder / "shell", folder / "build.json"
    build = Build(java=java, lib=lib, classes=classes, shell=shell)
    with _locked(cache_dir()):
        try:
            if json.loads(stamp.read_text(encoding="utf-8")).get("digest") == digest and (
                classes / f"{LAUNCHER_CLASS}.class"
            ).exists():
                return build
        except (OSError, ValueError):
            pass
        say = echo or (lambda _line: None)
        say(f"Resolving Neo4j {NEO4J_VERSION} jars with Maven into {lib} (first run only) ...")
        folder.mkdir(parents=True, exist_ok=True)
        _copy_dependencies(folder, "pom.xml", pom, lib, f"resolving the Neo4j {NEO4J_VERSION} jars")
        say(f"Resolving cypher-shell {NEO4J_VERSION} into {shell} ...")
        _copy_dependencies(folder, "shell-pom.xml", shell_pom, shell, f"resolving cypher-shell {NEO4J_VERSION}")
        say("Compiling the launcher ...")
        src = folder / "src"
        src.mkdir(exist_ok=True)
        (src / f"{LAUNCHER_CLASS}.java").write_bytes(source)
        if classes.exists():
            shutil.rmtree(classes)
        classes.mkdir()
        _run(
            [str(javac), "-encoding", "UTF-8", "-d", str(classes), "-cp", str(lib / "*"),
             str(src / f"{LAUNCHER_CLASS}.java")],
            folder,
            "compiling the Neo4j launcher",
        )
        atomic_write_text(stamp, json.dumps({"digest": digest, "neo4j": NEO4J_VERSION}) + "\n")
    return build
