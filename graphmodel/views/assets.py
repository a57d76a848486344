"""The files a page inlines: vis-network from the installed pyvis package, and our own template.

Nothing is fetched: a page carries every byte it needs.
"""

from __future__ import annotations

import errno
import re
from functools import lru_cache
from importlib import resources

__all__ = ["VIS_VERSION", "vis_network_js", "vis_network_css", "template"]

VIS_VERSION = "9.1.2"


def _read(package: str, *parts: str) -> str:
    path = resources.files(package).joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, f"{package} is installed without {'/'.join(parts)}",
                                "/".join((package, *parts)))
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The minified vis-network script shipped inside pyvis."""
    return _read("pyvis", "lib", f"vis-{VIS_VERSION}", "vis-network.min.js")


@lru_cache(maxsize=1)
def vis_network_css() -> str:
    """vis-network's stylesheet shipped inside pyvis (its images are data: URIs)."""
    return _read("pyvis", "lib", f"vis-{VIS_VERSION}", "vis-network.css")


# A line that stands for a shared part: ``<!-- @include head.html -->`` or ``// @include dom.js``.
_INCLUDE = re.compile(r"^[ \t]*(?://|<!--)[ \t]*@include[ \t]+([\w.-]+)[ \t]*(?:-->)?[ \t]*\n", re.M)


@lru_cache(maxsize=16)
def template(name: str) -> str:
    """A file of ``graphmodel/views/templates``, its ``@include`` lines replaced by the parts they name.

    ``page.*`` draw the focus view, ``scene.*`` and ``canvas.js`` the others; ``head.html`` (the
    head, the review page's too), ``top.html`` (the title bar) and ``dom.js`` (element helpers)
    are the parts the pages share.
    Parts are included as they are (a part includes nothing), before any slot is filled, so a
    script's hash covers what the page holds.
    """
    return _INCLUDE.sub(lambda m: _read("graphmodel.views", "templates", m.group(1)),
                        _read("graphmodel.views", "templates", name))
