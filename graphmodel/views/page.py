"""The HTML page: a template with its scripts and the view's data inlined.

The focus view is drawn by vis-network (from the installed pyvis); the network, counterparts
and matrix views by the page's own canvas script (``canvas.js``, ``scene.js``), which stays
smooth at 10,000 nodes.

The page loads nothing from anywhere: a Content-Security-Policy allows only the two inline
scripts (by hash), inline styles and data: images, so even a slip elsewhere cannot fetch or run
anything else.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

from graphmodel.views import assets
from graphmodel.views.escape import check_inline, script_json
from graphmodel.views.scene import Scene
from graphmodel.views.viewdata import ViewData

__all__ = ["render_page", "content_security_policy", "styles"]

_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(*scripts: str) -> str:
    """A policy allowing exactly these inline scripts, inline styles and data: images and fonts."""
    return ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in scripts)
            + "; style-src 'unsafe-inline'; img-src data:; font-src data:"
            + "; base-uri 'none'; form-action 'none'")


def styles(*sheets: str) -> str:
    """The style elements of a page's head (``{{STYLES}}`` in `head.html`), one a stylesheet."""
    return "\n".join(f"<style>{css}</style>" for css in sheets)


def render_page(view: ViewData | Scene) -> str:
    """The whole self-contained page for ``view``, as one UTF-8 HTML string.

    Parameters
    ----------
    view : ViewData or Scene
        What to draw: a vis-network view (focus) or a canvas view.

    Returns
    -------
    str
        The page; write it with ``loaders.files.atomic_write_text``.
    """
    if isinstance(view, Scene):
        return _render_scene(view)
    vis_js = check_inline(assets.vis_network_js(), "vis-network.min.js")
    page_js = check_inline(assets.template("page.js"), "page.js")
    values = {
        "TITLE": html.escape(view.title),
        "CSP": html.escape(content_security_policy(vis_js, page_js)),
        "STYLES": styles(check_inline(assets.vis_network_css(), "vis-network.css"),
                          check_inline(assets.template("page.css"), "page.css")),
        "DATA": script_json(view.to_dict()),
        "VIS_JS": vis_js,
        "PAGE_JS": page_js,
    }
    # One pass over the template only: text put into a slot is never scanned for slots again.
    return _SLOT.sub(lambda m: values[m.group(1)], assets.template("page.html"))


def _render_scene(scene: Scene) -> str:
    canvas_js = check_inline(assets.template("canvas.js"), "canvas.js")
    scene_js = check_inline(assets.template("scene.js"), "scene.js")
    values = {
        "TITLE": html.escape(scene.title),
        "CSP": html.escape(content_security_policy(canvas_js, scene_js)),
        "STYLES": styles(check_inline(assets.template("page.css"), "page.css"),
                          check_inline(assets.template("scene.css"), "scene.css")),
        "DATA": script_json(scene.to_dict()),
        "CANVAS_JS": canvas_js,
        "SCENE_JS": scene_js,
    }
    return _SLOT.sub(lambda m: values[m.group(1)], assets.template("scene.html"))
