"""Node positions computed in Python, the same on every run, so a page opens still.

Positions are in vis-network's pixel coordinates (y grows downwards): `fast_spring` for the whole
network (`spring` for small drawings), `columns` for counterparts, `rings` for one unit's neighbourhood; `separate` then
moves nodes apart so that no node or label covers another.
"""

from graphmodel.views.layout.columns import columns
from graphmodel.views.layout.fast import fast_spring
from graphmodel.views.layout.force import SEED, spring
from graphmodel.views.layout.overlap import label_box, separate, wrap_label
from graphmodel.views.layout.rings import rings

__all__ = ["SEED", "spring", "fast_spring", "columns", "rings", "label_box", "separate", "wrap_label"]
