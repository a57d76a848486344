"""Document ids: two different documents never share one; the same text always gets the same."""

from __future__ import annotations

import shutil
from pathlib import Path

from graphmodel.identity import document_id, task_number
from loaders.corpus import read_extraction
from tests.conftest import DATA

GENERIC = [DATA / "plans3" / "2022-anshan-key-tasks.txt", DATA / "plans3" / "2022-jilin-city-key-tasks.txt",
           DATA / "plans" / "2021-wuxi-key-tasks.txt", DATA / "plans" / "2022-suzhou-key-tasks.txt"]


def test_every_fixture_plan_has_an_id_of_its_own() -> None:
    plans = [DATA / "2020-shanghai-dalian-plan.txt", *sorted(DATA.glob("plans*/*.txt")),
             *sorted((DATA / "corpus").glob("*.txt"))]
    ids = [read_extraction(p).document.id for p in plans]
    assert len(plans) >= 30 and len(set(ids)) == len(ids)


def test_plans_with_one_generic_title_are_different_documents(tmp_path: Path) -> None:
    # Jilin city's plan given Anshan's title: two cities, one title, as in the corpus that
    # once lost Anshan's 26 tasks.
    jilin = tmp_path / "jilin.txt"
    jilin.write_text(GENERIC[1].read_text(encoding="utf-8").replace(
        "2022年市政府重点工作分工方案", "2022年市政府重点工作任务分解方案"), encoding="utf-8")
    docs = [read_extraction(p).document for p in [GENERIC[0], jilin, *GENERIC[2:]]]
    assert {d.title for d in docs[:2]} == {"2022年市政府重点工作任务分解方案"}
    assert len({d.id for d in docs}) == 4
    assert docs[0].id.startswith("doc:2022年市政府重点工作任务分解方案@")


def test_an_exact_copy_is_the_same_document_and_a_changed_text_keeps_its_front_matter_id(tmp_path: Path) -> None:
    seed = DATA / "2020-shanghai-dalian-plan.txt"
    copy = tmp_path / "copy-of-the-seed.txt"
    shutil.copy(seed, copy)
    original, copied = read_extraction(seed).document, read_extraction(copy).document
    assert copied.id == original.id and copied.source != original.source
    # A revision (same title, issuers, sides, date; other tasks) keeps the id: it replaces the old one.
    text = seed.read_text(encoding="utf-8")
    revised = tmp_path / "revised.txt"
    revised.write_text(text.replace("(责任单位:上海市发展改革委", "(责任单位:上海市商务委", 1), encoding="utf-8")
    assert read_extraction(revised).document.id == original.id


def test_without_issuer_and_date_the_text_decides() -> None:
    a = document_id("工作要点", [], ["上海市"], None, "1" * 64)
    b = document_id("工作要点", [], ["上海市"], None, "2" * 64)
    assert a != b and a == "doc:工作要点@1111111111"
    assert document_id("工作要点", [], ["上海市"], "2021-01-01", "1" * 64) == \
        document_id("工作要点", [], ["上海市"], "2021-01-01", "2" * 64)
    # Order of issuers and sides does not matter; any of them changing does.
    assert document_id("T", ["甲", "乙"], ["A", "B"], "2021-01-01", "") == \
        document_id("T", ["乙", "甲"], ["B", "A"], "2021-01-01", "")
    assert document_id("T", ["甲"], ["A"], "2021-01-01", "") != document_id("T", ["甲"], ["A"], "2021-01-02", "")
    assert "#" not in document_id("计划#1", ["甲"], [], "2021-01-01", "")


def test_task_numbers_have_one_normal_form() -> None:
    assert task_number("一、（一）") == task_number("一、(一)") == "一、(一)"
    assert task_number("二、５．（１）") == "二、5.(1)"
