"""The extractor's shortcuts (issue 11: speed) give the answers of the ways round them, on every list
of the plans under tests/data and on hand-made ones."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pytest

from graphmodel.errors import GraphmodelError
from graphmodel.extract import annotations, places, tables
from graphmodel.extract.grammar import default_grammar
from graphmodel.extract.names import Piece, split_top
from graphmodel.extract.places import PlaceFinder
from graphmodel.extract.text import normalize, pair_brackets
from loaders.documents import read_document
from tests.extract.helpers import DATA

HANDMADE = [
    "市发改委、市财政局",
    "市财政局(按职责分工负责)、市商务局,2020年底前完成",
    "市人力资源和社会保障局和市教育局、市统计局",
    "文化宣传股文化馆、市统计局",
    "市发改委 市财政局、各区、县级市",
    "各区、县(市)政府及开发区管委会、市财政局",
    "★区发改委、区财政局等部门",
    "市总工会等部门和14个乡镇人民政府",
    "市发改委牵头,市财政局、市商务局配合;县政府牵头",
    "排名第一的为牵头单位、市统计局",
    "浦东新区司法局、大连自贸片区管委会、嘉鱼经济开发区、广州南沙新区管委会、上海市发展改革委",
]


@lru_cache(maxsize=1)
def lists() -> tuple[str, ...]:
    """Every bracket's content under tests/data, and its parts between ; and :, with the hand-made lists."""
    out = set(HANDMADE)
    for path in sorted(DATA.rglob("*.txt")):
        norm = normalize(path.read_bytes().decode("utf-8", errors="replace"))
        for a, b in pair_brackets(norm).close.items():
            if b - a <= 400:
                content = norm[a + 1 : b]
                out.add(content)
                out.update(p.text for p in split_top(Piece(content, 0), ";:"))
    return tuple(sorted(out))


def test_the_lists_are_many() -> None:
    assert len(lists()) > 1000


def test_mentions_item_by_item_are_those_of_the_split_list() -> None:
    g = default_grammar()
    differ = [t for t in lists() if annotations._mentions(Piece(t, 0), g)
              != annotations._mentions_by_list(Piece(t, 0), g)]
    assert differ == []


def test_a_list_without_a_verb_is_no_clauses() -> None:
    g = default_grammar()
    verbless = [t for t in lists() if not g.pattern("verb").search(t)]
    assert verbless
    assert [t for t in verbless if annotations._read_clauses(Piece(t, 0), g) is not None] == []


@pytest.mark.parametrize("sides", [("上海市", "大连市"), ("广州市", "齐齐哈尔市"), ()])
def test_a_unit_name_that_may_hold_no_place_holds_none(sides: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    g = default_grammar()
    names = sorted({p.text for t in lists() for p, _ in annotations.mentions(Piece(t, 0), g)[0]})
    placeless = [n for n in names if not places._could_place(n)]
    assert placeless and len(placeless) < len(names)  # (some names hold a place)
    monkeypatch.setattr(places, "may_place", lambda name: True)  # the scan without its shortcut
    finder = PlaceFinder(list(sides))
    assert [n for n in placeless if finder.scan_unit(n, sides[0] if sides else None, (0, len(n)))] == []
    assert finder.places == {}


TABLE_TEXTS = [
    "序号\t重点任务\t牵头单位\t配合单位\n1\t推进改革\t市发改委\t市财政局\n",
    "序号 | 任务 | 牵头单位 |\n1 | 推进改革 | 市发改委 |\n",
    "序号\n重点工作\n牵 头 单 位\n配合单位\n1\n推进改革\n市发改委\n市财政局\n",
    "序号\n工作任务\n责任股室\n(单位)\n1\n推进改革\n办公室\n",
    "序号 工 作 任 务 牵头负责部门\n1 地区生产总值增长7%以上 发改委\n",
    "重点工作: | 1.推进改革 |\n牵头单位: | 市发改委 |\n",
    "一、推进改革。(牵头单位:市发改委;配合单位:市财政局)\n牵头单位:市商务局\n",
]


@lru_cache(maxsize=1)
def plan_texts() -> tuple[tuple[str, str], ...]:
    """(normalised, as read) of every plan text under tests/data, of each with its bars made spaces
    (a table of another layout may be left), and of hand-made tables."""
    raws = list(TABLE_TEXTS)
    for path in sorted(DATA.rglob("*")):
        suffix = path.suffix.lower()
        if suffix == ".txt":
            raws.append(path.read_bytes().decode("utf-8", errors="replace"))
        elif suffix in (".docx", ".htm", ".html", ".pdf"):
            try:
                raws.append(read_document(path))
            except GraphmodelError:  # tests/data/hostile: files no plan can be read from
                continue
    raws += [raw.replace("|", " ") for raw in raws if "|" in raw]
    return tuple((normalize(raw), raw) for raw in raws)


def test_a_text_that_may_hold_no_table_holds_none() -> None:
    g = default_grammar()
    texts = plan_texts()
    skipped = [(norm, raw) for norm, raw in texts if not tables.may_hold_table(norm, g)]
    found = [norm for norm, raw in texts if tables._find_tables(norm, raw, g)]
    assert len(skipped) > 100 and len(found) > 20  # (both answers are met)
    assert [norm[:60] for norm, raw in skipped if tables._find_tables(norm, raw, g)] == []
    # Every hand-made table is found, through the test.
    assert all(tables.find_tables(normalize(raw), raw) for raw in TABLE_TEXTS[:-1])
    assert tables.find_tables(normalize(TABLE_TEXTS[-1]), TABLE_TEXTS[-1]) == []


def _outputs(extract: Callable[..., Any], texts: list[str]) -> list[object]:
    """Each text's extraction as JSON data, or its one-line error."""
    out: list[object] = []
    for raw in texts:
        try:
            out.append(extract(raw, source="x").to_dict())
        except GraphmodelError as exc:
            out.append(str(exc))
    return out


class _Forgetful(dict):  # type: ignore[type-arg]
    """A memo that keeps nothing: every mention resolved the long way."""

    def __setitem__(self, key: object, value: object) -> None:
        pass


def test_a_mention_met_again_in_a_plan_gives_what_resolving_it_again_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    from graphmodel.extract import extract, tasks

    texts = [raw for _, raw in plan_texts()]
    fast = _outputs(extract, texts)
    post_init = tasks.TaskContext.__post_init__

    def forgetful(self: tasks.TaskContext) -> None:
        post_init(self)
        self.resolved = _Forgetful()

    monkeypatch.setattr(tasks.TaskContext, "__post_init__", forgetful)
    slow = _outputs(extract, texts)
    assert len(texts) > 150
    assert [k for k, (a, b) in enumerate(zip(fast, slow, strict=True)) if a != b] == []


def test_a_clauses_names_through_the_items_are_those_of_the_split_list() -> None:
    from graphmodel.extract.names import clean_piece, split_list

    g = default_grammar()
    texts = {p.text for t in lists() for p in split_top(Piece(t, 0), ",;、")} | set(lists())
    differ = [t for t in sorted(texts) if annotations._clause_names(t, g)
              != tuple(clean_piece(p, g)[0].text for p in split_list(Piece(t, 0), g))]
    assert differ == []


def test_a_bracket_without_a_verb_has_no_body_closed_by_one() -> None:
    from graphmodel.extract.recognisers import Doc, _body

    g = default_grammar()
    verb_end = g.pattern("verb-end")
    checked = 0
    for path in sorted(DATA.rglob("*.txt")):
        norm = normalize(path.read_bytes().decode("utf-8", errors="replace"))
        doc = Doc(norm, norm, g, pair_brackets(norm), [])
        for a, b in doc.bracket_pairs():
            if not g.pattern("verb").search(norm, a + 1, b):
                checked += 1
                piece, _ = _body(doc, a, b)
                assert not verb_end.search(piece.text.rstrip(" \n。;,")), norm[a : b + 1]
    assert checked > 1000


def test_a_lists_items_split_by_one_pattern_are_those_split_at_the_top() -> None:
    from graphmodel.extract.names import list_items, strip_piece

    texts = [*lists(), "", "、", " 、,| ", "(市、县)、市财政局", "市发改委、\n市财政局 |", "《甲、乙》、丙"]
    for start in (0, 7):
        differ = [t for t in texts if list_items(Piece(t, start)) != [
            (p.text, p.start) for p in (strip_piece(x) for x in split_top(Piece(t, start), "、,|")) if p.text]]
        assert differ == []


def test_a_keyword_text_read_the_first_time_holds_what_its_replay_holds() -> None:
    g = default_grammar()

    def reading(ann: annotations.Annotation) -> Any:
        return ([(p.role, p.mentions, p.position, p.siblings, p.side_label) for p in ann.parts], ann.persons,
                ann.notes, ann.warnings)

    texts = [t for t in lists() if ":" in t] + ["数据提供单位:市统计局", "牵头单位:市发改委。下同", "沪方:市发改委;滇方:省商务厅"]
    assert len(texts) > 100
    for start in (0, 13):
        g._memo.pop("keyword_text", None)  # every text met for the first time
        first = []
        for t in texts:
            ann = annotations.Annotation(start, start + len(t), "keyword")
            annotations.read_keyword_text(Piece(t, start), ann, g)
            first.append(reading(ann))
        again = []
        for t in texts:  # remembered now: replayed
            ann = annotations.Annotation(start, start + len(t), "keyword")
            annotations.read_keyword_text(Piece(t, start), ann, g)
            again.append(reading(ann))
        assert first == again


PLACE_TEXTS = [
    "支持浦东新区与大连高新区开展合作", "宜兴市与丰县结对", "推进沪滇合作产业园建设", "深圳市福田区",
    "中国(广东)自由贸易试验区南沙片区", "长兴岛、花园口等特殊功能区", "建设“沪连对口合作产业园”",
    "推进数字经济人才培训,落实年度工作任务清单", "沈阳综合保税区桃仙园区", "中新天津生态城",
]


@pytest.mark.parametrize("sides", [("上海市", "大连市"), ("江苏省",), ()])
def test_a_text_that_may_name_no_place_names_none(sides: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    texts = list(PLACE_TEXTS)
    for norm, _ in plan_texts():
        texts += [s for s in norm.split("。") if s.strip()]
    texts = sorted(set(texts))
    named = [t for t in texts if places.may_name_place(t)]
    assert 100 < len(named) < len(texts) - 100  # (both answers are met)
    with_gate = PlaceFinder(list(sides))
    found = [with_gate.scan_text(t, 0) for t in texts]
    monkeypatch.setattr(places, "may_name_place", lambda text: True)  # the scans without the shortcut
    without = PlaceFinder(list(sides))
    assert [without.scan_text(t, 0) for t in texts] == found
    assert without.places == with_gate.places
    assert sum(1 for ids in found if ids) > 20  # (places are found)


def _plain_segments(piece: Piece, g: Any) -> list[tuple[Any, ...]]:
    """`annotations._split_segments` the way round its shortcuts: depths always made, the
    keyword-like scan always run."""
    from graphmodel.extract.text import bracket_depths

    depths = bracket_depths(piece.text)
    hits = [m for m in g.find_in_short("keyword", piece.text) if depths[m.start()] == 0]
    taken = [(m.start(), m.end()) for m in hits]
    for m in g.find_in_short("keyword-like", piece.text):
        if depths[m.start()] == 0 and g.unknown_keyword(m.group("word")) and not any(
                a < m.end() and m.start() < b for a, b in taken):
            hits.append(m)
    hits.sort(key=lambda m: m.start())
    return [(m.span(), m.groupdict()) for m in hits]


def test_a_keyword_texts_segments_are_those_of_the_plain_scans() -> None:
    g = default_grammar()
    texts = [*lists(), "牵头单位:市发改委;数据提供单位:市统计局", "牵头单位:市发改委(联系人:张三)", "督办单位:市政府办"]
    unknown = 0
    for text in texts:
        piece = Piece(text, 0)
        segments = annotations._split_segments(piece, g)
        plain = _plain_segments(piece, g)
        assert [(s[3], s[0], s[1]) for s in segments if s[0] is not None or s[1] is not None] == [
            (span, (d.get("bracketed") or d.get("keyword") or d.get("word") or "").replace("\n", "") or None,
             d.get("label")) for span, d in plain], text
        unknown += any(g.unknown_keyword(d.get("word") or "") and not d.get("keyword") for _, d in plain)
    assert unknown > 0  # (a keyword the grammar does not know is met)


def test_the_enumerators_found_after_the_boundaries_are_those_of_the_whole_scan() -> None:
    from graphmodel.extract import outline

    texts = [norm for norm, _ in plan_texts()] + [
        "", "1.", "(一)1.甲", "一、甲(1)乙 2)丙 3)%", "第一章总则\n第一条 1、2、3.5% 4.2020年", "①②③ (二)(三)",
        "x(一)一、 1)2)", "”(1)”(2)", "12)3) 12)(3) 一、二、三、",
    ]
    assert len(texts) > 150
    differ = [t[:60] for t in texts if outline._candidates(t) != outline._scan_candidates(t)]
    assert differ == []


def test_a_text_whose_clauses_hold_no_place_word_holds_none() -> None:
    texts = [line for norm, _ in plan_texts() for line in norm.split("\n")] + [
        "支持浦东新区建设", "推进数字经济人才培训,落实年度工作任务清单", "焦作,大同;阜新。", "浦东,新区", "宜兴市与丰县",
    ]
    assert len(texts) > 5000
    places._CLAUSE_SIGNS.clear()
    for _ in range(2):  # (the second time from the memo)
        differ = [t for t in texts if places.may_name_place(t) != places._holds_sign(t)]
        assert differ == []
    assert any(places.may_name_place(t) for t in texts) and not all(places.may_name_place(t) for t in texts)


def test_the_line_breaks_between_chinese_characters_are_those_of_the_look_behind_pattern() -> None:
    texts = [norm for norm, _ in plan_texts()] + ["甲\n乙", "甲 \n 乙", "甲  \n\n  乙", "a\n乙", "甲\na", "甲 \n", "\n乙",
                                                  "甲\n\n乙 \n丙", "甲 x\n乙", "甲\n \n乙", " \n甲", "甲\n"]
    spans = [[m.span() for m in pattern.finditer(t)] for pattern in (places._WRAP, places._WRAP_AROUND) for t in texts]
    assert sum(map(len, spans)) > 1000
    assert spans[: len(texts)] == spans[len(texts) :]


def test_the_brackets_found_by_str_find_are_those_of_the_pattern() -> None:
    import re

    from graphmodel.extract import text

    texts = [norm for norm, _ in plan_texts()] + ["", "(", ")(", "a(b[c)d(e", "<<>>[]()", "((([[[<<<"]
    found = [text._bracket_positions(t) for t in texts]
    assert sum(map(len, found)) > 4000
    assert found == [[m.start() for m in re.finditer(r"[()\[\]<>]", t)] for t in texts]


def test_units_asked_once_whether_they_may_name_a_place_give_what_scanning_each_mention_gives(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import graphmodel.extract as extraction
    from graphmodel.extract import extract

    texts = [raw for _, raw in plan_texts()]
    fast = _outputs(extract, texts)
    monkeypatch.setattr(extraction, "may_place", lambda name: True)  # every responsibility's unit scanned
    slow = _outputs(extract, texts)
    assert len(texts) > 150
    assert [k for k, (a, b) in enumerate(zip(fast, slow, strict=True)) if a != b] == []


def test_a_bracket_a_keyword_opens_holds_a_colon_or_opens_square() -> None:
    from graphmodel.extract.recognisers import Doc, _unknown_keyword_at

    g = default_grammar()
    keyword = g.pattern("keyword")
    opened = 0
    for norm, raw in plan_texts():
        doc = Doc(raw, norm, g, pair_brackets(norm), [])
        for a, b in doc.bracket_pairs():
            at = a + 1
            while at < b and norm[at] in " \n":
                at += 1
            if keyword.match(norm, at, b) or _unknown_keyword_at(doc, at, b):
                opened += 1
                assert norm.find(":", at, b) >= 0 or norm.startswith("[", at), norm[a : b + 1]
        for line in norm.split("\n"):  # (a keyword line's next line, a bracket's sentence)
            if keyword.match(line):
                assert ":" in line or line.startswith("["), line
    assert opened > 500


def _counted_side(part: Any, sides: list[Any]) -> str | None:
    """`sides.part_side` by counting every name's vote (the way round its stop at a name of its
    position's side), for a part with no label and a side it can tell."""
    from graphmodel.extract.sides import _named_side

    names = tuple(s.name for s in sides)
    votes: dict[str, int] = {}
    for piece, _ in part.mentions:
        side = _named_side(piece.text, names)
        if side:
            votes[side] = votes.get(side, 0) + 1
    default = names[part.position] if part.siblings >= 2 and part.position is not None and part.position < len(
        sides) else None
    if votes:
        best, n = max(votes.items(), key=lambda kv: kv[1])
        if default is None or (votes.get(default, 0) == 0 and n > 0):
            return best
    return default


def test_a_parts_side_stopped_at_a_name_of_its_positions_side_is_the_counted_one() -> None:
    from graphmodel.extract.annotations import Part
    from graphmodel.extract.sides import part_side
    from graphmodel.model import Side

    g = default_grammar()
    checked = 0
    for sides in ([Side("上海市", "沪"), Side("大连市", "大连")], [Side("广州市"), Side("齐齐哈尔市")],
                  [Side("江苏省", "苏"), Side("辽宁省", "辽")]):
        for t in lists():
            pieces = split_top(Piece(t, 0), ";")
            for k, p in enumerate(pieces):
                ms = annotations.mentions(p, g)[0]
                for position, siblings in ((k, len(pieces)), (0, 2), (1, 2), (None, 1)):
                    part = Part("responsible", ms, position=position, siblings=siblings)
                    expected = _counted_side(part, sides)
                    if expected is not None:
                        checked += 1
                        assert part_side(part, None, sides, g, []) == expected, t  # type: ignore[arg-type]
    assert checked > 5000


def _listed_date(front: str, back: str) -> tuple[str | None, int | None]:
    """`document.find_date` by lists of every match (the way round its searches)."""
    from graphmodel.extract import document

    for text, is_front in ((front, True), (back, False)):
        found, cn = list(document._DATE.finditer(text)), list(document._CN_DATE.finditer(text))
        if found:
            m = found[0] if is_front else found[-1]
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif cn:
            m = cn[0] if is_front else cn[-1]
            y, mo, d = document._cn_int(m.group(1)), document._cn_int(m.group(2)), document._cn_int(m.group(3))
        else:
            continue
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}", (m.start() if is_front else None)
    return None, None


def test_a_plans_date_found_by_searches_is_the_one_of_every_match_listed() -> None:
    from graphmodel.extract.document import find_date

    cases = [(norm[: len(norm) // 2], norm[-600:]) for norm, _ in plan_texts()]
    cases += [("2020年3月5日 2021年4月6日", "二〇二〇年三月五日 2022年13月1日"), ("", "二〇二〇年三月五日 二〇二一年一月二日"),
              ("2020年13月5日", "2021年1月2日"), ("二〇二〇年三月五日", "")]
    dated = [c for c in cases if _listed_date(*c)[0]]
    assert len(dated) > 50  # (dates found in the front and the back)
    assert [c[0][:40] for c in cases if find_date(*c) != _listed_date(*c)] == []


def test_whether_a_text_reads_as_clauses_and_its_names_are_those_of_the_pieces_read() -> None:
    g = default_grammar()
    texts = lists()
    clauses = {t for t in texts if annotations.read_clauses(Piece(t, 3), g) is not None}
    assert 100 < len(clauses) < len(texts)  # (both answers are met)
    assert [t for t in texts if annotations.reads_as_clauses(t, g) != (t in clauses)] == []
    assert [t for t in texts if annotations.mention_names(t, g)
            != [p.text for p, _ in annotations.mentions(Piece(t, 3), g)[0]]] == []


def _walked_name_start(finder: PlaceFinder, text: str, word_at: int) -> tuple[int, str | None, str | None] | None:
    """`PlaceFinder._name_start` by the walk back from the park word, every place of the run judged
    and the last that may start a name kept (the way round its first place from the left)."""
    known = (places._words(), finder._overlay(), (places._base_prefix_heads(), places._base_prefixes()[0]),
             places._initials(), finder._side_initials(), finder._overlay_lengths())
    best = None
    for start in range(word_at - 1, max(word_at - places._MIDDLE_MAX - 6, 0) - 1, -1):
        if not places._CJK_RE.match(text[start]) or text[start] in places._STOP_CHARS:
            break
        best = finder._name_at(text, start, word_at, known) or best
    return best


@pytest.mark.parametrize("sides", [("上海市", "大连市"), ("江苏省",), ()])
def test_a_park_names_start_first_from_the_left_is_the_last_the_walk_back_finds(sides: tuple[str, ...]) -> None:
    words = places._words()
    named = asked = 0
    for norm, _ in plan_texts():
        finder = PlaceFinder(list(sides))
        for _ in range(2):  # a fresh finder, then one that knows the plan's districts (its overlay)
            for m in words.park_re.finditer(norm):
                fast = finder._name_start(norm, m.start(), finder._overlay_lengths())
                assert fast == _walked_name_start(finder, norm, m.start()), norm[max(m.start() - 20, 0) : m.end()]
                asked += 1
                named += fast is not None
            finder.scan_text(norm, 0)
    assert asked > 200 and named > 50  # (both answers are met)


def test_a_text_without_the_signs_of_hosted_parks_or_listed_zones_holds_none() -> None:
    finder = PlaceFinder(["上海市", "大连市"])
    lines = {line for norm, _ in plan_texts() for line in norm.split("\n") if line.strip()} | set(lists())
    quoted = "共建“滇沪科技产业园”"  # (a park in quotes: no bracket, no 对口合作)
    lines.add(quoted)
    hosted = [t for t in lines if places._may_host(t)]
    listed = [t for t in lines if "等" in t]
    assert any(finder._hosted(t, 0) for t in hosted) and any(finder._listed_zones(t, 0) for t in listed)
    assert finder._hosted(quoted, 0)
    assert [t for t in lines - set(hosted) if finder._hosted(t, 0)] == []
    assert [t for t in lines - set(listed) if finder._listed_zones(t, 0)] == []


def test_the_date_patterns_opening_with_a_class_match_as_those_opening_with_a_repeat() -> None:
    import re

    from graphmodel.extract import document

    repeat = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")  # (the patterns as written before)
    cn_repeat = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
    texts = [norm for norm, _ in plan_texts()] + ["12020年3月5日 二〇二〇年三月五日 〇二〇二〇年十二月三十一日 2020 年 1 月 2 日",
                                                  "于020年3月5日, 二〇二年三月五日"]
    found = 0
    for old, new in ((repeat, document._DATE), (cn_repeat, document._CN_DATE)):
        for text in texts:
            matches = [(m.span(), m.groups()) for m in old.finditer(text)]
            found += len(matches)
            assert [(m.span(), m.groups()) for m in new.finditer(text)] == matches, text[:40]
    assert found > 100


def test_the_gap_patterns_opening_with_a_class_or_literals_match_as_those_opening_with_a_repeat() -> None:
    import re

    from graphmodel.extract import document, tasks

    texts = [norm for norm, _ in plan_texts()] + ["甲 乙\n\n丙  丁 \n 戊"]
    for old, new in ((re.compile(r"[ \n]+"), tasks._GAP), (re.compile(r"[\n]| {1,}"), document._CHUNK_GAP)):
        assert [t[:40] for t in texts if [m.span() for m in new.finditer(t)] != [m.span() for m in old.finditer(t)]] == []
        assert [t[:40] for t in texts if new.split(t) != old.split(t)] == []


def _clause_texts() -> list[str]:
    """Every list under tests/data, its pieces between , and ; and each with a line break after it,
    and hand-made clauses (a verb alone, an opener alone, a verb inside a longer one)."""
    texts = set(lists())
    for t in lists():
        texts.update(p.text.strip(" \n。") for p in split_top(Piece(t, 0), ",;"))
    g = default_grammar()
    texts.update([*g.verbs, *g.clause_starts, "", "\n", "由", "由市发改委", "会同市财政局负责", "市发改委牵头负责\n",
                  "市发改委牵头\n\n", "牵头\n", "负责", "市发改委负责牵头"])
    texts.update([t + "\n" for t in list(texts)])
    return sorted(texts)


def test_a_text_shorter_than_the_shortest_verb_holds_none() -> None:
    # (`_clause_brackets` asks no pattern for a bracket that short: (一))
    g = default_grammar()
    texts = _clause_texts()
    shortest = g.verb_lengths()[-1]
    assert shortest == min(len(v) for v in g.verbs)
    assert sum(1 for t in texts if len(t) < shortest) > 10
    assert [t for t in texts if len(t) < shortest and g.pattern("verb").search(t)] == []


def test_a_tasks_heading_gap_and_trailing_marks_are_those_of_the_patterns() -> None:
    from graphmodel.extract import tasks

    texts = [norm for norm, _ in plan_texts()] + ["甲 乙\n\n丙  丁 \n 戊", " \u3000。;\x1c,.| \n", "。 。x", ""]
    gaps = 0
    for text in texts:
        for start in range(0, len(text), 7):
            for stop in (start, start + 1, start + 13, start + 120, len(text)):
                m = tasks._GAP.search(text, start, stop)
                gaps += m is not None
                assert tasks._gap_at(text, start, stop) == (m.start() if m else stop), (text[:40], start, stop)
    assert gaps > 1000
    tails = {text[k : k + n] for text in texts for k in range(0, len(text), 5) for n in (0, 1, 2, 3, 6)}
    tails.update([" \u3000。;\x1c,.| \n", "。 。x", " . ;x", "\u2003|\u2003"])
    trailing = [t for t in tails if tasks._TRAIL.fullmatch(t)]
    assert len(trailing) > 50
    assert [t for t in tails if tasks._only_trail(t) != bool(tasks._TRAIL.fullmatch(t))] == []


def _split_by_depths(piece: Piece, seps: str) -> list[Piece]:
    """`split_top` the way round its one scan: every character's depth (`bracket_depths`) first."""
    from graphmodel.extract.text import bracket_depths

    depths = bracket_depths(piece.text)
    out, last = [], 0
    for i, ch in enumerate(piece.text):
        if ch in seps and depths[i] == 0:
            out.append(Piece(piece.text[last:i], piece.start + last))
            last = i + 1
    out.append(Piece(piece.text[last:], piece.start + last))
    return out


def test_a_split_at_the_top_by_one_scan_is_the_split_by_depths() -> None:
    texts = [*lists(), "", "、", "a)b、c", "a、)b(c、d)、e", "《甲、乙》、丙;丁", "((a;b);c", "a;b))c;d"]
    for seps in (",;", "。", ";", "、,|", ";:", "(", ""):
        differ = [t for t in texts if split_top(Piece(t, 3), seps) != _split_by_depths(Piece(t, 3), seps)]
        assert differ == [], seps


def test_the_bars_ending_lines_found_from_the_bar_are_the_matches_of_the_pattern() -> None:
    texts = [norm for norm, _ in plan_texts()] + [
        "", "|", " | ", "a | |\n", "a|\n|b| \t\n\t|", "| |  |\n\n |", "a |b", "x\t|\t\ny |", " \n|", "||\n||"]
    found = [tables._line_end_bars(t) for t in texts]
    assert sum(map(len, found)) > 100
    assert found == [[m.span() for m in tables._LINE_END_BAR.finditer(t)] for t in texts]
    assert [tables._bars_as_tabs(t) for t in texts] == [
        tables._LINE_END_BAR.sub(lambda m: " " * len(m.group()), t).replace("|", "\t") for t in texts]


def test_a_park_names_lead_found_by_its_first_two_characters_is_the_tries_match() -> None:
    pattern = places._base_prefix_index()
    names = places._base_prefixes()[0]
    texts = [norm for norm, _ in plan_texts()] + [
        "".join(sorted(names)[k : k + 40]) for k in range(0, len(names), 40)] + ["", "大", "大连", "上海市张江高新区"]
    ends, hits = [], 0
    for text in texts:
        for start in range(0, len(text), 3 if len(text) > 2000 else 1):
            for stop in (len(text), start + 1, start + 2, start + 3, start + 7):
                m = pattern.match(text, start, stop)
                hits += m is not None
                ends.append((places._base_prefix_end(text, start, stop), m.end() if m else start))
    assert hits > 10000
    assert [pair for pair in ends if pair[0] != pair[1]] == []


def test_the_regions_found_by_their_last_two_characters_are_the_reversed_tries_matches() -> None:
    from graphmodel.extract.regions import gazetteer

    g = gazetteer()
    texts = [norm for norm, _ in plan_texts()] + [
        "".join(sorted(g._scannable)[k : k + 30]) for k in range(0, len(g._scannable), 30)] + ["", "区", "浦东新区"]
    g.find_all("")  # (the patterns compiled)
    found = []
    for text in texts:
        by_trie = [(name, end - len(name), end) for m in g._scan_re.finditer(text)
                   if (name := g._longest_ending(text, end := m.end()))]
        by_trie.sort(key=lambda x: (x[1], -x[2]))
        kept, reach = [], 0
        for name, a, b in by_trie:
            if a >= reach:
                kept.append((name, a, b))
                reach = b
        found.append((g.find_all(text), kept))
    assert sum(len(kept) for _, kept in found) > 3000
    assert [k for k, (fast, slow) in enumerate(found) if fast != slow] == []
