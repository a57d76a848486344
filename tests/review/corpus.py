"""The review tests' corpus: the small plans and the injected-markup plan, reviewed as one."""

from __future__ import annotations

from graphmodel.model import Extraction
from graphmodel.review import ReviewItem, review_items
from tests.conftest import DATA
from tests.review import plans

INJECTION = DATA / "review" / "injection-plan.txt"


def review_corpus() -> tuple[list[ReviewItem], list[Extraction]]:
    texts = {"clean.txt": plans.CLEAN, "dropped.txt": plans.DROPPED, "first-leads.txt": plans.FIRST_LEADS,
             "close.txt": plans.CLOSE, "injection.txt": INJECTION.read_text(encoding="utf-8")}
    exs = [plans.extraction(t, name) for name, t in texts.items()]
    return review_items(exs, {ex.document.id: t for ex, t in zip(exs, texts.values(), strict=True)}), exs
