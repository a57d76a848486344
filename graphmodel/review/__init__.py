"""Review what was read from each plan: every task's annotation as written beside the units, sides,
roles, placeholders and places read from it, with flags where the extractor was unsure.

>>> items = review_items(extractions, texts)      # flagged items first
>>> html = render_review(items, extractions)       # one offline page, which exports corrections

Nothing here reads or writes files: the ``review`` command reads the plans and writes the page.
"""

from graphmodel.review.flags import FLAGS, STRONG, WEAK, Flag, warning_flag
from graphmodel.review.items import ReadFact, ReviewItem, filter_items, review_items, task_number_of

__all__ = ["FLAGS", "STRONG", "WEAK", "Flag", "warning_flag", "ReadFact", "ReviewItem", "filter_items",
           "review_items", "task_number_of"]
