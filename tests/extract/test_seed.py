"""The seed plan against its hand-made gold annotation (the issue's must-show)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from graphmodel.extract import extract
from tests.conftest import SEED, SEED_GOLD
from tests.extract.helpers import DATA, run
from tests.extract.scoring import score


@pytest.fixture(scope="module")
def seed_result():
    return run(SEED).to_dict()


@pytest.fixture(scope="module")
def seed_score(seed_result):
    lines: list[str] = []
    result = score(json.loads(SEED_GOLD.read_text(encoding="utf-8")), seed_result, out=lines.append)
    return result, lines


def test_responsibility_f1_at_least_099(seed_score):
    result, lines = seed_score
    assert result["f1"] >= 0.99, "\n".join(lines)


def test_no_placeholder_leaks_and_identity_holds(seed_score):
    result, lines = seed_score
    assert result["leaked"] == 0, "\n".join(lines)
    assert result["split"] == 0 and result["merged"] == 0, "\n".join(lines)


def test_places_and_stated_pairings(seed_score):
    _, lines = seed_score
    found = next(line for line in lines if line.startswith("places_found="))
    n, total = map(int, found.split()[0].split("=")[1].split("/"))
    assert n >= 15 and total == 17, found
    pairs = next(line for line in lines if line.startswith("place_pairings_found="))
    assert pairs.startswith("place_pairings_found=3/3"), pairs


def test_valid_against_the_contract(seed_result):
    schema = json.loads((DATA / "extraction.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(seed_result, schema)


def test_front_matter(seed_result):
    doc = seed_result["document"]
    assert doc["title"] == "2020年上海市与大连市对口合作重点工作计划"
    assert doc["date"] == "2020-05-11"
    assert doc["issuers"] == ["上海市对口支援与合作交流工作领导小组办公室", "大连市与上海市对口合作领导小组办公室"]
    assert [s["name"] for s in doc["sides"]] == ["上海市", "大连市"]


def test_deterministic():
    first = json.dumps(run(SEED).to_dict(), ensure_ascii=False)
    second = json.dumps(run(SEED).to_dict(), ensure_ascii=False)
    assert first == second


def test_spans_point_at_the_text(seed_result):
    text = SEED.read_text(encoding="utf-8")
    numbers = {t["id"]: t["number"] for t in seed_result["tasks"]}
    for task in seed_result["tasks"]:
        a, b = task["span"]
        own = task["number"][len(numbers.get(task["parent"], "")) :]  # this item's enumerator
        assert text[a : a + len(own) + 2].replace(" ", "").startswith(own), task["number"]
        assert (task["title"] or "") in text[a:b] and task["text"][:20] in text[a:b]
        if task["responsibilities"]:
            assert text[b - 1] == ")", task["number"]
        for r in task["responsibilities"]:
            s, e = r["span"]
            assert text[s:e] == r["mention"], (task["number"], r)
    for place in seed_result["places"]:
        for s, e in place["spans"]:
            assert text[s:e] in [place["name"], *place["aliases"]], place


def test_the_office_of_two_names_is_one_unit(seed_result):
    units = {u["id"]: u for u in seed_result["units"]}
    office = units["unit:上海市/上海市政府合作交流办"]
    assert "上海市合作交流办公室" in office["aliases"]
    sixteen = next(t for t in seed_result["tasks"] if t["number"].endswith("(十六)"))
    assert "unit:上海市/上海市政府合作交流办" in {r["unit"] for r in sixteen["responsibilities"]}


def test_same_named_units_of_two_sides_stay_apart(seed_result):
    ids = {u["id"] for u in seed_result["units"]}
    assert {"unit:上海市/团市委", "unit:大连市/团市委"} <= ids


def test_progress_rises_to_one_and_changes_nothing():
    text = SEED.read_text(encoding="utf-8-sig")
    shares: list[float] = []
    with_bar = extract(text, source=str(SEED), progress=shares.append)
    assert shares == sorted(shares) and shares[0] <= 0.05 and shares[-1] == 1.0
    assert len(shares) > 37  # every task moves it, not only the stages
    assert with_bar.to_dict() == extract(text, source=str(SEED)).to_dict()
