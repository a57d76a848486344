"""Identity of documents and tasks: ids two different documents never share.

A plan's title alone does not tell plans apart: every city issues a *2022年市政府重点工作任务分解方案*.
So a document's id keeps its title for the reader and adds a digest of what identifies a
published document, its title with its issuers, its sides and its date. When the text gives
neither issuer nor date (a fragment, a copy without its front matter), nothing but the text
itself identifies it, and the digest is the text's SHA-256.

The same text therefore always gets the same id (an exact duplicate file is the same
document), and a revised plan keeps its id as long as its title, issuers, sides and date stay,
so it replaces its old version when loaded. Pure functions, no I/O.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

__all__ = ["DIGEST_LENGTH", "document_id", "task_number"]

# Hex digits of the digest in an id: 40 bits, so two documents of a corpus of a million plans
# collide with a chance of about 1 in 2 million.
DIGEST_LENGTH = 10


def document_id(title: str | None, issuers: Sequence[str], sides: Sequence[str], date: str | None,
                text_sha256: str) -> str:
    """The id of a document: ``doc:<title>@<digest>``.

    Parameters
    ----------
    title : str or None
        The title as found (normalised); ``untitled`` stands in when there is none.
    issuers : sequence of str
        The issuing bodies (order does not matter).
    sides : sequence of str
        The sides' region names (order does not matter).
    date : str or None
        The date of issue, ``YYYY-MM-DD``.
    text_sha256 : str
        The SHA-256 (hex) of the text as read: the digest when the title is missing or neither
        issuers nor date are known.

    Returns
    -------
    str
        An id without ``#`` (task ids append ``#<number>`` to it).

    Examples
    --------
    >>> title = "2022年市政府重点工作任务分解方案"
    >>> a = document_id(title, ["鞍山市人民政府办公室"], ["鞍山市"], "2022-02-25", "0" * 64)
    >>> b = document_id(title, ["吉林市人民政府"], ["吉林市"], "2022-03-10", "0" * 64)
    >>> a.startswith(f"doc:{title}@") and a != b
    True
    >>> document_id(None, [], ["上海市"], None, "ab" * 32)
    'doc:untitled@ababababab'
    """
    if title and (issuers or date):
        key = json.dumps([title, sorted(issuers), sorted(sides), date or ""], ensure_ascii=False)
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    else:
        digest = text_sha256
    name = (title or "untitled").replace("#", "＃")
    return f"doc:{name}@{digest[:DIGEST_LENGTH]}"


def task_number(written: str) -> str:
    """A task number in its one normal form, the form task ids use: half-width brackets,
    digits and punctuation, no spaces (``一、（一）`` → ``一、(一)``).

    Examples
    --------
    >>> task_number("一、（一） 1．")
    '一、(一)1.'
    """
    from graphmodel.extract.text import normalize  # here: graphmodel.extract imports this module

    return "".join(normalize(written).split())
