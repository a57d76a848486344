"""Showing a page inline in Jupyter: an iframe whose ``srcdoc`` holds the whole page.

An iframe keeps the page's script and styles apart from the notebook's, works where
notebooks refuse inline scripts (VS Code, Colab), and its sandbox lets the page run scripts
but gives it no access to the notebook.
"""

from __future__ import annotations

from graphmodel.views.escape import attribute

__all__ = ["InlinePage"]


class InlinePage:
    """A rendered page that Jupyter displays inline (``_repr_html_``).

    Parameters
    ----------
    html : str
        A page from `graphmodel.views.render_html`.
    height : int
        Height of the frame in pixels.
    """

    def __init__(self, html: str, height: int = 640) -> None:
        self.html = html
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{attribute(self.html)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {self.height}px; border: 1px solid #e2e8f0;" '
            'title="graphmodel view"></iframe>'
        )

    def __str__(self) -> str:
        return self.html
