"""Consistency of the hand-made gold annotations in tests/data/plans/, plans2/ and plans3/.

These checks guard the fixtures themselves (not the extractor): every gold block points at a
real task of its document, every unit or placeholder it lists is written in that task's
responsibility annotation, nothing written there is left out, and places, pairings and aliases
refer to names the text actually uses. The normalisation copies the scorer's (`unify`), so a
snippet that passes here is one the scorer can match.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

PLANS = Path(__file__).parent / "data" / "plans"
GOLDS = sorted(PLANS.glob("*.gold.json")) + sorted((PLANS.parent / "plans2").glob("*.gold.json")) + sorted(
    (PLANS.parent / "plans3").glob("*.gold.json"))
ROLES = {"lead", "responsible", "support"}
KINDS = {"district", "park"}

# The scorer's normalisation (../shared/tools/score_extraction.py), copied: tests must not read ../shared.
_PAIRS = (("（", "("), ("）", ")"), ("，", ","), ("：", ":"), ("；", ";"), ("〈", "<"), ("〉", ">"))
_ETC = re.compile(r"等(有关|相关)?(部门|单位)?$")
# An enumerator right before a task's wording: 一、 (一) 1. 1、 １． (1) ①; a table row's 序号 cell (tab-separated)
_ENUM_BEFORE = re.compile(r"(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、．]|\(\d+\)|[①-⑳])$")
_TABLE_ROW = r"(?m)^\d+\t"
# What may remain of an annotation once every gold mention is taken out of it.
_KEYWORDS = re.compile(r"牵头处室|责任处室|配合处室|排名第一的为牵头(?:单位|处室)|(?<=\|)等\d+个(?:部门|单位|处室)|"
                       r"以下简称[^,;)>]*|按职责分工负责|下同|牵头领导|牵头单位|责任单位|配合单位|牵头|配合|"
                       r"[一-龥]{1,3}方面?:|(?<=\|)[和及](?=\|)|"  # side labels 沪方: 大连方面:; A和B, A及B
                       r"(?<=\()由|负责|参与|协助|"  # (由X牵头, Y协助), (X负责, Y参与)
                       r"等有关单位|等相关单位|等有关部门|等相关部门|等部门|等单位|等|含")
_SEPARATORS = re.compile(r"^[()<>:;,、。|【】]*$")
# How this corpus writes group placeholders (各有关单位, 其他在连高校, 开放先导区, 市有关部门, ...): a guard
# against a placeholder filed as a unit or the other way round.
_PLACEHOLDER = re.compile(r"各|^其他在|^相关|^有关|相关部门$|有关部门$|有关单位$|^开放先导区$|^先导区$|^开发区管委会$")


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def unify(s: str) -> str:
    s = squash(s)
    for a, b in _PAIRS:
        s = s.replace(a, b)
    return s


def load(path: Path) -> tuple[dict, str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["document"]).read_text(encoding="utf-8")
    return gold, text


def level_prefix_canonical(side: str, mention: str) -> str | None:
    """The gold convention: 市X on a city side, 省X on a province side, 区X on a district side."""
    if mention.startswith(side[-1]) and not mention.startswith("市场"):
        return side + mention[1:]
    return None


def entries(block: dict):
    yield from (("unit", u) for u in block["units"])
    yield from (("collective", c) for c in block["collective"])


def test_corpus_is_there():
    assert len(GOLDS) >= 8
    for g in GOLDS:
        assert g.with_name(g.name.replace(".gold.json", ".txt")).is_file(), g.name
    assert (PLANS / "README.md").is_file()


@pytest.fixture(params=GOLDS, ids=[g.name for g in GOLDS])
def plan(request) -> tuple[dict, str]:
    return load(request.param)


def test_shape(plan):
    gold, text = plan
    for key in ("document", "sides", "blocks", "aliases", "places", "place_pairs", "notes"):
        assert key in gold, key
    assert gold["sides"] and len(gold["sides"]) <= 2
    assert text.strip()
    assert 8 <= len(gold["blocks"]) <= 25
    for b in gold["blocks"]:
        assert set(b) >= {"task", "snippet", "annotation", "units", "collective"}
        assert b["units"] or b["collective"], b["task"]
        for kind, e in entries(b):
            assert e["side"] in gold["sides"], (b["task"], e)
            assert e["role"] in ROLES, (b["task"], e)
            assert e["mention"] and e["mention"] == e["mention"].strip()
            if kind == "unit":
                assert e["canonical"], (b["task"], e)


def test_snippets_start_their_tasks_once_and_in_order(plan):
    gold, text = plan
    flat = unify(text)
    last = -1
    for b in gold["blocks"]:
        snip = unify(b["snippet"])
        assert 6 <= len(snip) <= 16, b["snippet"]
        assert flat.count(snip) == 1, f"{b['task']}: snippet {b['snippet']!r} occurs {flat.count(snip)} times"
        pos = flat.index(snip)
        assert _ENUM_BEFORE.search(flat[:pos]) or re.search(_TABLE_ROW + re.escape(b["snippet"]), text), \
            f"{b['task']}: snippet does not follow an enumerator"
        assert pos > last, f"{b['task']}: blocks out of document order"
        last = pos


def test_annotations_belong_to_their_task(plan):
    gold, text = plan
    flat = unify(text)
    starts = [flat.index(unify(b["snippet"])) for b in gold["blocks"]] + [len(flat)]
    for k, b in enumerate(gold["blocks"]):
        assert b["annotation"] in text, f"{b['task']}: annotation not written so in the text"
        region = flat[starts[k]:starts[k + 1]]
        assert unify(b["annotation"]) in region, f"{b['task']}: annotation lies outside its task"


def test_every_mention_is_in_its_annotation(plan):
    gold, _ = plan
    by_task = {b["task"]: b for b in gold["blocks"]}
    assert len(by_task) == len(gold["blocks"]), "task labels must be unique"
    for b in gold["blocks"]:
        ann = unify(b["annotation"])
        for _, e in entries(b):
            m = unify(e["mention"])
            assert not _ETC.search(m), f"{b['task']}: {m} keeps a trailing 等"
            if "carried_from" in e:
                # carried forward by a 下同 note written in an earlier annotation
                src = by_task[e["carried_from"]]
                assert m in unify(src["annotation"]) and "下同" in src["annotation"], (b["task"], m)
                assert gold["blocks"].index(src) <= gold["blocks"].index(b)
            else:
                assert m in ann, f"{b['task']}: {e['mention']} not in {b['annotation']}"


def test_nothing_in_an_annotation_is_left_out(plan):
    gold, _ = plan
    persons = [unify(n) for n in gold.get("not_units", [])]
    for b in gold["blocks"]:
        rest = unify(b["annotation"])
        mentions = [unify(e["mention"]) for _, e in entries(b) if "carried_from" not in e] + persons
        for m in sorted(mentions, key=len, reverse=True):
            rest = rest.replace(m, "|", 1)
        rest = _KEYWORDS.sub("", rest)
        assert _SEPARATORS.match(rest), f"{b['task']}: left over in the annotation: {rest}"


def test_placeholders_and_units_are_told_apart(plan):
    gold, _ = plan
    for b in gold["blocks"]:
        for c in b["collective"]:
            assert _PLACEHOLDER.search(c["mention"]), (b["task"], c["mention"])
        for u in b["units"]:
            assert not _PLACEHOLDER.search(u["mention"]), (b["task"], u["mention"])


def test_canonical_names_follow_the_side_prefix_rule(plan):
    gold, _ = plan
    for b in gold["blocks"]:
        for u in b["units"]:
            want = level_prefix_canonical(u["side"], u["mention"])
            if want is not None:
                assert u["canonical"] == want, (b["task"], u)


def test_no_unit_twice_in_a_block_and_roles_match_keywords(plan):
    gold, _ = plan
    alias = {n: grp[0] for grp in gold["aliases"] for n in grp}
    for b in gold["blocks"]:
        keys = [(u["side"], alias.get(u["canonical"], u["canonical"])) for u in b["units"]]
        assert len(keys) == len(set(keys)), b["task"]
        ann = b["annotation"]
        flat = unify(ann)  # a hard-wrapped annotation may break a keyword (牵|头单位)
        roles = {e["role"] for _, e in entries(b)}
        if "牵头" not in flat and "lead_by_rank" not in b and "\t" not in ann:
            assert "lead" not in roles, b["task"]
        if "配合" not in flat and "\t" not in ann:
            assert "support" not in roles, b["task"]


def _top_level_split(s: str, sep: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    top = 1 if s.startswith("(") else 0  # a bracketed annotation, or a line such as 牵头单位:X;Y
    for ch in s:
        depth += ch in "(<"
        depth -= ch in ")>"
        if ch == sep and depth == top:  # inside the annotation's own bracket, outside any inner one
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return parts + [cur]


_MARKS = {"牵头单位": "lead", "责任单位": "responsible", "配合单位": "support",
          "牵头处室": "lead", "责任处室": "responsible", "配合处室": "support"}


def _side_parts(raw: str) -> list[str]:
    """An annotation's halves, one per side in the document's order: split at the top-level ';' of
    each line (a keyword opening the line, 牵头单位:X;Y, holds for both halves), or one line per side
    (黑龙江方面:... / 广东方面:...)."""
    lines = [unify(x) for x in raw.split("\n") if x.strip()]
    split = [_top_level_split(x, ";") for x in lines]
    if len(lines) == 2 and all(len(p) == 1 for p in split):
        return lines
    if all(len(p) == 2 for p in split):
        keys = [re.match(r"\(?((?:牵头|责任|配合)(?:单位|处室):)", x) for x in lines]
        second = ((k.group(1) if k else "") + p[1] for k, p in zip(keys, split, strict=True))
        return ["|".join(p[0] for p in split), "|".join(second)]
    return split[0] if len(lines) == 1 else [unify(raw)]  # one side alone, or an uneven split


def _role_at(part: str, pos: int, end: int) -> str:
    """The role the annotation's wording gives the mention at part[pos:end]."""
    before = part[:pos]
    marks = {k: before.rfind(k) for k in _MARKS}
    last = max(marks, key=marks.get)
    if marks[last] >= 0:
        return _MARKS[last]
    after = part[end:]
    hits = [(after.find(k), k) for k in ("牵头", "配合", "负责", "参与", "协助") if after.find(k) >= 0]
    if hits:  # (X牵头, Y配合): the verb after a list gives its role; 负责/参与/协助 leave it responsible
        return {"牵头": "lead", "配合": "support"}.get(min(hits)[1], "responsible")
    return "responsible"


def test_sides_and_roles_follow_the_annotation_wording(plan):
    gold, text = plan
    two = len(gold["sides"]) == 2
    for b in gold["blocks"]:
        ann = unify(b["annotation"])
        parts = _side_parts(b["annotation"]) if two else [ann]
        if two and len(parts) == 2:
            where = {s: parts[i] for i, s in enumerate(gold["sides"])}
        else:
            assert len(parts) == 1 or not two, b["task"]
            if two:  # one side alone: every entry on that one side
                assert len({e["side"] for _, e in entries(b)}) == 1, b["task"]
            where = {s: ann for s in gold["sides"]}
        if "lead_by_rank" in b:  # the note's own 牵头 is no verb of the list
            note = unify(b["lead_by_rank"])
            where = {s: part.replace(note, "_" * len(note)) for s, part in where.items()}
        found = []
        for _, e in entries(b):
            if "carried_from" in e:
                continue
            part, m = where[e["side"]], unify(e["mention"])
            assert m in part, f"{b['task']}: {m} is not in the {e['side']} half of the annotation"
            found.append((e, part, part.index(m), m))
        if "lead_by_rank" in b:  # a note such as 排名第一的为牵头单位 makes the first listed the lead
            assert unify(b["lead_by_rank"]) in unify(text), b["task"]
        firsts = {s: min(p for e, _, p, _ in found if e["side"] == s) for s in {e["side"] for e, *_ in found}}
        for e, part, pos, m in found:
            want = _role_at(part, pos, pos + len(m))
            if "\t" in b["annotation"]:  # a table row's 牵头单位 and 配合单位 cells
                assert "牵头单位\t配合单位" in text, b["task"]
                cells = [unify(c) for c in b["annotation"].split("\t")]
                want = "lead" if m in cells[0] else "support"
            elif "lead_by_rank" in b and pos == firsts[e["side"]]:
                want = "lead"
            assert e["role"] == want, f"{b['task']}: role of {m}"


def test_aliases_are_used_and_disjoint(plan):
    gold, _ = plan
    used = {u["canonical"] for b in gold["blocks"] for u in b["units"]}
    seen: set[str] = set()
    for grp in gold["aliases"]:
        # a group may name a spelling only another year's plan uses (the what-changed pair needs it)
        assert len(grp) >= 2 and any(n in used for n in grp), grp
        for n in grp:
            assert n not in seen, n
            seen.add(n)


def test_not_units_are_written_and_never_units(plan):
    gold, text = plan
    flat = unify(text)
    names = {unify(u[k]) for b in gold["blocks"] for u in b["units"] for k in ("mention", "canonical")}
    for n in gold.get("not_units", []):
        assert unify(n) in flat, n
        assert unify(n) not in names, n


def test_places_are_named_and_pairings_refer_to_them(plan):
    gold, text = plan
    flat = unify(text)
    owner: dict[str, int] = {}
    for i, p in enumerate(gold["places"]):
        assert p["kind"] in KINDS
        assert p["side"] is None or p["side"] in gold["sides"], p
        assert any(unify(n) in flat for n in p["names"]), p["names"]
        for n in p["names"]:
            assert owner.setdefault(unify(n), i) == i, f"{n} names two places"

    def place_of(names: list[str]) -> int:
        ids = {owner.get(unify(n)) for n in names}
        assert len(ids) == 1 and None not in ids, names
        assert {unify(n) for n in names} == {unify(n) for n in gold["places"][ids.pop()]["names"]}, names
        return owner[unify(names[0])]

    for a, b in gold["place_pairs"]:
        assert place_of(a) != place_of(b)
    pairs = [sorted((place_of(a), place_of(b))) for a, b in gold["place_pairs"]]
    for a, b in gold.get("district_pairs", []):
        assert sorted((place_of(a), place_of(b))) in pairs, (a, b)
        assert gold["places"][place_of(a)]["kind"] == gold["places"][place_of(b)]["kind"] == "district"


def _unit_set(gold: dict) -> set[tuple[str, str]]:
    alias = {n: grp[0] for grp in gold["aliases"] for n in grp}
    return {(u["side"], alias.get(u["canonical"], u["canonical"])) for b in gold["blocks"] for u in b["units"]}


@pytest.mark.parametrize("changes", sorted(PLANS.glob("*.changes.json")) + sorted(
    (PLANS.parent / "plans3").glob("*.changes.json")), ids=lambda p: p.name)
def test_what_changed_pair_matches_its_golds(changes):
    spec = json.loads(changes.read_text(encoding="utf-8"))
    old, _ = load(changes.parent / spec["old"])
    new, _ = load(changes.parent / spec["new"])
    assert set(old["sides"]) == set(new["sides"])  # the same pair, possibly issued from the other side
    before, after = _unit_set(old), _unit_set(new)
    assert sorted(map(list, after - before)) == sorted(spec["gained"])
    assert sorted(map(list, before - after)) == sorted(spec["lost"])

    def pairs(g: dict, key: str) -> set[frozenset]:
        return {frozenset((a[0], b[0])) for a, b in g.get(key, [])}

    assert sorted(map(sorted, pairs(new, "place_pairs") - pairs(old, "place_pairs"))) == sorted(
        map(sorted, spec["pairs_gained"]))
    assert sorted(map(sorted, pairs(old, "place_pairs") - pairs(new, "place_pairs"))) == sorted(
        map(sorted, spec["pairs_lost"]))
