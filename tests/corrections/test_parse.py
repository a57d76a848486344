"""The corrections file format: parsing, validation with FILE:LINE errors, selection, digest."""

from __future__ import annotations

import pytest

from graphmodel.corrections import HEADER, CorrectionsError, format_corrections, parse_corrections
from graphmodel.corrections.parse import Corrections

DOC = "doc:2021年上海市与遵义市对口协作工作要点@f87403b5c0"
TITLE = "2021年上海市与遵义市对口协作工作要点"


def _parse(*lines: str, source: str = "c.tsv") -> Corrections:
    return parse_corrections("\n".join(["# a comment", "", HEADER, *lines]) + "\n", source)


def test_every_action_parses_with_trailing_cells_left_out() -> None:
    got = _parse(
        f"add\t{DOC}\t一、（一）\t市财政局\tsupport\t遵义市",
        f"remove\t{TITLE}\t一、(一)\t市商务局",
        f"role\t{DOC}\t二、(二)\t上海市教委\tlead",
        "alias\t\t-\t上海市合作交流办\t-\t上海市政府合作交流办",
        f"split\t{DOC}\t二、(二)\t卫生健康局和教育局\t-\t遵义市卫生健康局、遵义市教育局",
        "placeholder\t-\t-\t各有关单位",
        f"sides\t{DOC}\t-\t-\t-\t上海市、遵义市",
        "  # an indented comment",
    )
    assert [c.action for c in got] == ["add", "remove", "role", "alias", "split", "placeholder", "sides"]
    add = got.items[0]
    assert (add.document, add.task, add.unit, add.role, add.value) == (DOC, "一、(一)", "市财政局", "support", "遵义市")
    assert add.where == "c.tsv:4"  # lines count from 1, comments and blank lines included
    assert got.items[1].task == "一、(一)" and got.items[1].role is None and got.items[1].value is None
    assert got.items[3].document is None and got.items[5].document is None  # "-" and "" are "not used"
    assert got.items[4].names == ["遵义市卫生健康局", "遵义市教育局"]
    assert got.items[6].names == ["上海市", "遵义市"]


@pytest.mark.parametrize(("line", "message"), [
    ("merge\tD\t1.\tX", "c.tsv:4: unknown action 'merge'"),
    ("add\tD\t1.\tX\tsupport\t遵义市\textra", "c.tsv:4: 7 cells"),
    ("add\tD\t1.\tX\tboss", "c.tsv:4: unknown role 'boss'"),
    ("add\tD\t1.\tX", "c.tsv:4: add needs a role"),
    ("remove\tD\t-\tX", "c.tsv:4: remove needs a task"),
    ("remove\t\t1.\tX", "c.tsv:4: remove needs a document"),
    ("remove\tD\t1.\tX\tlead", "c.tsv:4: remove takes no role"),
    ("alias\t\t1.\tX\t-\tY", "c.tsv:4: alias takes no task"),
    ("alias\t\t-\tX", "c.tsv:4: alias needs a value"),
    ("split\tD\t1.\tX\t-\t、", "c.tsv:4: split needs names"),
    ("sides\tD\t-\t-\t-", "c.tsv:4: sides needs a value"),
    ("placeholder\t\t-\t-", "c.tsv:4: placeholder needs a unit"),
])
def test_a_bad_line_is_one_error_naming_file_and_line(line: str, message: str) -> None:
    with pytest.raises(CorrectionsError) as err:
        _parse(line)
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def test_the_header_is_required_first() -> None:
    with pytest.raises(CorrectionsError, match=r"^c.tsv:1: the first line must be the header"):
        parse_corrections("add\tD\t1.\tX\tlead\n", "c.tsv")
    with pytest.raises(CorrectionsError, match=r"^c.tsv: no header line"):
        parse_corrections("# only comments\n\n", "c.tsv")
    assert len(parse_corrections(HEADER + "\n", "c.tsv")) == 0
    assert len(parse_corrections("ACTION\tDocument\ttask\tunit\trole\tvalue\t\n", "c.tsv")) == 0


def test_selection_by_id_title_or_everywhere() -> None:
    got = _parse(f"remove\t{DOC}\t1.\tA", f"remove\t{TITLE}\t1.\tB", "remove\tdoc:other@0123456789\t1.\tC",
                 "placeholder\t\t-\t各有关单位")
    assert [c.unit for c in got.for_document(DOC, TITLE)] == ["A", "B", "各有关单位"]
    assert [c.unit for c in got.for_document("doc:x@1", "x")] == ["各有关单位"]


def test_unmatched_documents_depend_on_whether_the_file_was_named() -> None:
    named = _parse(f"remove\t{TITLE}\t1.\tA", "remove\tdoc:another plan@0123456789\t1.\tB",
                   f"remove\tdoc:{TITLE}@0000000000\t1.\tC")
    read = [(DOC, TITLE)]
    assert [c.unit for c in named.unmatched_documents(read)] == ["B", "C"]
    beside = Corrections(named.items, named.texts, named=False)
    # Found beside the plans: another plan of the folder is no news; a changed plan is.
    assert [c.unit for c in beside.unmatched_documents(read)] == ["C"]


def test_digest_changes_with_any_edit_and_with_the_name() -> None:
    a = _parse("placeholder\t\t-\t各有关单位")
    assert a.digest() == _parse("placeholder\t\t-\t各有关单位").digest()
    assert a.digest() != _parse("placeholder\t\t-\t各相关单位").digest()
    assert a.digest() != _parse("placeholder\t\t-\t各有关单位", source="d.tsv").digest()
    assert (a + a).digest() != a.digest() and len(a + a) == 2


def test_formatting_reads_back() -> None:
    rows = [["add", DOC, "一、(一)", "市财政局", "support", "遵义市"], ["placeholder", "", "-", "各有关单位"]]
    text = format_corrections(rows, comments=["made by a test"])
    assert text.startswith("# made by a test\n" + HEADER + "\n")
    got = parse_corrections(text, "c.tsv")
    assert [c.row() for c in got] == [rows[0], ["placeholder", "", "-", "各有关单位"]]
    with pytest.raises(ValueError):
        format_corrections([["add", "a\tb"]])
