"""The review tests' corpus: the small plans and the injected-markup plan, reviewed as one."""

from __future__ import annotations

from dataclasses import dataclass

from graphmodel.model import Extraction
from graphmodel.review import ReviewItem, review_items
from tests.conftest import DATA
from tests.review import plans

INJECTION = DATA / "review" / "injection-plan.txt"
CORRECTION = "graphmodel.corrections.tsv:4"


@dataclass
class CorrectedResponsibility:
    """A Responsibility as the corrections work gives it: with ``correction`` (FILE:LINE)."""

    mention: str
    unit: str
    side: str | None
    role: str = "responsible"
    collective: bool = False
    span: tuple[int, int] | None = None
    correction: str | None = None


def corrected(ex: Extraction, task: int, fact: int, role: str) -> None:
    """Make one read fact of ``ex`` a fact from a corrections file, with another role."""
    r = ex.tasks[task].responsibilities[fact]
    ex.tasks[task].responsibilities[fact] = CorrectedResponsibility(  # type: ignore[call-overload]
        r.mention, r.unit, r.side, role, r.collective, r.span, CORRECTION)


def review_corpus() -> tuple[list[ReviewItem], list[Extraction]]:
    texts = {"clean.txt": plans.CLEAN, "dropped.txt": plans.DROPPED, "first-leads.txt": plans.FIRST_LEADS,
             "close.txt": plans.CLOSE, "injection.txt": INJECTION.read_text(encoding="utf-8")}
    exs = [plans.extraction(t, name) for name, t in texts.items()]
    corrected(exs[2], 1, 0, "responsible")  # first-leads.txt 二、: 市商务局 responsible, by correction
    return review_items(exs, {ex.document.id: t for ex, t in zip(exs, texts.values(), strict=True)}), exs
