"""Names of the graph schema ``graphmodel.graph/1`` (see DEVELOPERS.md, "The graph")."""

from __future__ import annotations

__all__ = [
    "SCHEMA",
    "NODE_KINDS",
    "EDGE_TYPES",
    "LIST_ATTRIBUTES",
    "ROLE_RANK",
    "side_id",
]

SCHEMA = "graphmodel.graph/1"

NODE_KINDS = ("Document", "Side", "Task", "Unit", "Group", "District", "Park")

EDGE_TYPES = ("RESPONSIBLE_FOR", "PART_OF", "IN", "MENTIONS", "PAIRED_WITH", "COUNTERPART")

# Attributes that hold lists; every other attribute is a scalar. The exporters encode these as
# JSON strings (GraphML and GEXF have no list type) and decode them on read.
LIST_ATTRIBUTES = frozenset({"sides", "lead_officials", "aliases", "tasks", "documents"})

# When one annotation names a unit twice for a task, the edge keeps the strongest role.
ROLE_RANK = {"lead": 0, "responsible": 1, "support": 2}


def side_id(name: str) -> str:
    """The id of the Side node for a region name.

    Parameters
    ----------
    name : str
        The side's full name (上海市, 辽宁省).

    Returns
    -------
    str
        ``side:<name>``.

    Examples
    --------
    >>> side_id("大连市")
    'side:大连市'
    """
    return f"side:{name}"
