"""The review page: one offline, self-contained HTML page listing the review items of a corpus.

It follows the views' rules (`graphmodel.views.page`): the data is JSON in a
``<script type="application/json">`` element escaped by `graphmodel.views.escape.script_json`,
the page script puts every text in with ``textContent``, and a Content-Security-Policy of
``default-src 'none'`` allows only the page's one inline script by hash, so nothing is loaded
from anywhere and no text of a document can run. A person marks facts wrong, changes roles, adds
units, merges names, marks placeholders and sets sides; the page writes these as a
``graphmodel.corrections.tsv`` (`CORRECTIONS_HEADER`), shown and offered for download.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from graphmodel.model import Extraction
from graphmodel.review.flags import FLAGS, STRONG
from graphmodel.review.items import ReviewItem
from graphmodel.views import assets
from graphmodel.views.escape import check_inline, script_json
from graphmodel.views.page import content_security_policy, styles

__all__ = ["CORRECTIONS_FILE", "CORRECTIONS_HEADER", "ACTIONS", "review_data", "render_review"]

CORRECTIONS_FILE = "graphmodel.corrections.tsv"
CORRECTIONS_HEADER = ("action", "document", "task", "unit", "role", "value")
# Each action and the cells it fills (the others are "-"), as the corrections file documents them.
ACTIONS: dict[str, tuple[str, ...]] = {
    "add": ("document", "task", "unit", "role", "value"),  # value: the side (optional)
    "remove": ("document", "task", "unit"),
    "role": ("document", "task", "unit", "role"),
    "alias": ("document", "unit", "value"),  # document optional ("-": every plan)
    "split": ("document", "task", "unit", "value"),  # value: the names, 、-separated
    "placeholder": ("document", "unit"),  # document optional
    "sides": ("document", "value"),  # value: the sides, 、-separated
}

_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")


def review_data(items: Sequence[ReviewItem], extractions: Iterable[Extraction], title: str | None = None
                ) -> dict[str, Any]:
    """What the page shows, as plain JSON-able data: documents, units, flags and items in order."""
    docs = [ex.document for ex in extractions]
    units: dict[str, dict[str, Any]] = {}
    for it in items:
        for f in it.units + it.placeholders:
            units.setdefault(f.unit, {"id": f.unit, "name": f.name, "side": f.side})
    return {
        "title": title or (f"Review: {docs[0].title or docs[0].source or docs[0].id}" if len(docs) == 1
                           else f"Review of {len(docs)} plans"),
        "corrections": {"file": CORRECTIONS_FILE, "header": list(CORRECTIONS_HEADER),
                        "actions": {k: list(v) for k, v in ACTIONS.items()}},
        "flags": [{"code": c, "label": label, "strong": c in STRONG} for c, label in FLAGS.items()],
        "documents": [{"id": d.id, "title": d.title, "source": d.source, "sides": [s.name for s in d.sides]}
                      for d in docs],
        "units": sorted(units.values(), key=lambda u: (u["name"], u["id"])),
        "items": [{**it.to_dict(), "codes": it.codes, "strong": it.strong} for it in items],
    }


def render_review(items: Sequence[ReviewItem], extractions: Iterable[Extraction], title: str | None = None) -> str:
    """The whole review page as one UTF-8 HTML string (write it with ``atomic_write_text``)."""
    data = review_data(items, extractions, title)
    script = check_inline(assets.template("review.js"), "review.js")
    values = {
        "TITLE": html.escape(data["title"]),
        "CSP": html.escape(content_security_policy(script)),
        "STYLES": styles(check_inline(assets.template("review.css"), "review.css")),
        "DATA": script_json(data),
        "REVIEW_JS": script,
    }
    # One pass over the template only: text put into a slot is never scanned for slots again.
    return _SLOT.sub(lambda m: values[m.group(1)], assets.template("review.html"))
