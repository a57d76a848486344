"""read_document: every format gives the plan's text, every bad input a one-line ReadError."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graphmodel.errors import InputError
from loaders.documents import ReadError, read_document
from loaders.documents.encoding import assess, decode_text

READ = Path(__file__).resolve().parents[1] / "data" / "read"
SEED = Path(__file__).resolve().parents[1] / "data" / "2020-shanghai-dalian-plan.txt"

# Ground truth decoded by the standard library, not by the code under test.
HALF = (READ / "utf8.txt").read_bytes().decode("utf-8")
FULL = (READ / "utf8-bom-crlf.txt").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")

ANNOTATION_HALF = "(责任单位:上海市发展改革委、市政府合作交流办、市统计局;大连市发展改革委、市政府经合办)"
ANNOTATION_FULL = (
    "（责任单位：上海市政府合作交流办；大连市发展改革委、市委办公室、市政府办公室（按职责分工负责，下同））"
)
TITLE = "2020年上海市与大连市对口合作重点工作计划"

# Text of the imitation government pages that is not the document.
PAGE_FURNITURE = [
    "首页", "政务公开", "政务服务", "互动交流", "通知公告", "当前位置", "搜索", "请输入关键字",
    "发布时间", "字体", "分享到", "微信", "新浪微博", "QQ空间", "打印本页", "关闭窗口", "上一篇", "下一篇",
    "相关文章", "沪连对口合作高端论坛在沪举行", "主办单位", "承办单位", "网站标识码", "ICP备",
    "公网安备", "统计代码", "页面加载完成", "大连市人民政府办公室", "_",
]  # fmt: skip


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def no_mojibake(text: str) -> None:
    verdict = assess(text)
    assert "\ufffd" not in text and "\x00" not in text
    assert verdict.bad == 0
    assert verdict.common == verdict.non_ascii, "a character outside common Chinese crept in"
    for garbage in ("涓婃捣", "澶ц繛", "锟斤拷"):  # 上海 / 大连 read with the wrong codec
        assert garbage not in text


def read_error(path: Path | str) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_document(path)
    message = str(info.value)
    assert str(path) in message, "the message names the file"
    assert "\n" not in message, "the message is one line"
    assert isinstance(info.value, InputError)
    return info.value


# ---------------------------------------------------------------- plain text


def test_ground_truth_is_the_seed_sentences() -> None:
    assert HALF.splitlines()[0] == TITLE
    assert ANNOTATION_HALF in HALF
    assert ANNOTATION_FULL in FULL
    assert ANNOTATION_HALF in SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("utf8.txt", HALF),
        ("utf8-bom-crlf.txt", FULL),
        ("gb18030.txt", FULL),
        ("gbk-crlf.txt", HALF),
        ("utf16le-bom.txt", FULL),
        ("utf16be-bom.txt", FULL),
        ("utf16le-nobom.txt", HALF),
    ],
)
def test_text_encodings_give_the_same_text(name: str, expected: str) -> None:
    text = read_document(READ / name)
    assert text == expected  # BOM gone, CRLF → LF, nothing else touched
    no_mojibake(text)


def test_text_is_kept_as_read(tmp_path: Path) -> None:
    # Half-width and full-width punctuation stay as written; lone CRs become LFs; a file of one
    # long line (like the seed) stays one line.
    path = tmp_path / "plan.txt"
    path.write_bytes("（一）甲：乙,丙;丁\r二、戊\r\n  己  \n".encode("gbk"))
    assert read_document(path) == "（一）甲：乙,丙;丁\n二、戊\n  己  \n"
    assert read_document(SEED) == SEED.read_text(encoding="utf-8")
    assert "\n" not in read_document(SEED).strip()


def test_utf8_that_also_decodes_as_gbk_is_read_as_utf8(tmp_path: Path) -> None:
    text = "上海市地方金融监管局、浦东新区金融服务局"  # a phrase of the seed
    data = text.encode("utf-8")
    assert data.decode("gbk") == "涓婃捣甯傚湴鏂归噾铻嶇洃绠″眬銆佹郸涓滄柊鍖洪噾铻嶆湇鍔″眬"  # the trap: valid GBK too
    path = tmp_path / "trap.txt"
    path.write_bytes(data)
    assert read_document(path) == text


def test_damaged_utf8_is_an_error_not_gbk_garbage(tmp_path: Path) -> None:
    data = bytearray(SEED.read_bytes()[:3000])
    assert data[1499] >= 0xE0  # the first byte of a character
    data[1499] = 0xFF  # one bad byte in otherwise UTF-8 text
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    error = read_error(path)
    assert "cannot decode" in error.reason
    assert "invalid UTF-8 at byte 1499" in error.reason


def test_utf16_without_bom_or_ascii_is_detected(tmp_path: Path) -> None:
    # No NUL bytes to go by: the GB18030 reading of these bytes is control characters and junk.
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes("上海市发展改革委大连市政府经合办".encode(codec))
        assert read_document(path) == "上海市发展改革委大连市政府经合办"


def test_gbk_text_with_a_few_rare_characters_is_accepted(tmp_path: Path) -> None:
    text = "推进沪连两地合作，" * 20 + "朱镕基同志"  # 镕 is in GBK, not in GB2312
    path = tmp_path / "rare.txt"
    path.write_bytes(text.encode("gbk"))
    assert read_document(path) == text


def test_undecodable_text_is_an_error() -> None:
    error = read_error(READ / "undecodable.txt")  # Big5: GB18030 decodes it, into nonsense
    assert "cannot decode the text as UTF-8, GB18030/GBK or UTF-16" in error.reason


@pytest.mark.parametrize(
    "data",
    ["Le développement économique à Dalian".encode("latin-1"), "Größe über alles".encode("cp1252")],
)
def test_latin1_is_never_a_silent_success(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    assert "cannot decode" in read_error(path).reason


@pytest.mark.parametrize("data", [b"", b" \r\n\t ", b"\xef\xbb\xbf", b"\xff\xfe", "\ufeff\u3000\n".encode()])
def test_empty_text_is_an_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    assert read_error(path).reason == "the file is empty"
    assert read_error(READ / "empty.txt").reason == "the file is empty"


def test_binary_files_renamed_txt_are_errors(tmp_path: Path) -> None:
    error = read_error(READ / "binary.txt")
    assert "is binary, not text" in error.reason and "PNG" in error.reason
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 50)
    path = tmp_path / "archive.txt"
    path.write_bytes(buffer.getvalue())
    error = read_error(path)
    assert "is binary, not text" in error.reason and "ZIP" in error.reason
    path.write_bytes(bytes(range(1, 32)) * 20)  # control bytes, no NUL
    assert "is binary, not text" in read_error(path).reason


def test_the_characters_read_without_a_count_are_never_counted_bad() -> None:
    # decode_text skips counting a text made only of these (the common plan); each of them is
    # whitespace or a kind below "bad", so the count could not have found it binary.
    from loaders.documents import encoding

    never = [chr(cp) for cp in range(0x30000) if encoding._NEVER_BAD.fullmatch(chr(cp))]
    assert len(never) > 20_000
    assert [c for c in never if c not in encoding._WHITESPACE and encoding._kind(c) == 4] == []
    # One bad character among them still goes through the count (a hundredth is allowed).
    text = "一、推进工作。" * 10 + "\x01" * 5
    assert assess(text).binary and not encoding._NEVER_BAD.fullmatch(text)
    assert "is binary, not text" in pytest.raises(ReadError, decode_text, text.encode(), "x").value.reason


def test_missing_file_and_folder_are_errors(tmp_path: Path) -> None:
    assert read_error(tmp_path / "nowhere.txt").reason == "no such file"
    assert read_error(tmp_path / "nowhere.pdf").reason == "no such file"
    assert read_error(tmp_path).reason == "is a folder, not a file"


@pytest.mark.parametrize("suffix", [".doc", ".DOC", ".wps", ".xlsx", ".ofd"])
def test_unsupported_formats_name_the_supported_ones(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    error = read_error(path)
    assert "unsupported format" in error.reason
    for supported in (".txt", ".html", ".docx", ".pdf"):
        assert supported in error.reason


def test_other_suffixes_are_read_as_text(tmp_path: Path) -> None:
    for name in ("plan.md", "plan", "plan.TXT"):
        path = tmp_path / name
        path.write_bytes(HALF.encode("gb18030"))
        assert read_document(path) == HALF
        assert read_document(str(path)) == HALF


def test_decoding_is_deterministic() -> None:
    data = (READ / "gb18030.txt").read_bytes()
    assert {decode_text(data, "x") for _ in range(5)} == {FULL}


# ---------------------------------------------------------------- web pages


@pytest.mark.parametrize("name", ["page-utf8.html", "page-gbk.html"])
def test_government_page_gives_the_article_only(name: str) -> None:
    text = read_document(READ / name)
    lines = text.split("\n")
    assert lines[0] == TITLE  # the <h1>, outside the article's container
    assert lines[1] == "各相关成员单位："
    # One line per paragraph; a source line break inside a sentence is no break.
    assert (
        "《2020年上海市与大连市对口合作重点工作计划》已经上海市对口支援与合作交流工作领导小组"
        "及大连市与上海市对口合作领导小组同意，现印发你们，请结合各自职责分工，认真抓好工作的推进与落实。"
    ) in lines
    assert (
        lines[lines.index("上海市对口支援与合作交流工作领导小组办公室") + 1] == "大连市与上海市对口合作领导小组办公室"
    )
    assert "一、强化两地对口合作工作机制" in lines
    assert "（一）决策层面：密切两地高层互联机制" in lines
    assert ANNOTATION_FULL in lines
    assert "（责任单位：上海市发展改革委、市统计局；大连市发展改革委、市政府经合办）" in lines
    # The table after the TRS_Editor block, still inside div#zoom; a row is a line.
    assert lines[-3:] == [
        "附表：重点任务分工",
        "序号\t工作任务\t责任单位",
        "1\t共建合作产业园区\t上海市政府合作交流办；大连市发展改革委",
    ]
    for furniture in PAGE_FURNITURE:
        assert furniture not in text, furniture
    assert "<" not in text and "&nbsp" not in text and "\xa0" not in text
    no_mojibake(text)


def test_declared_gbk_and_utf8_pages_read_alike() -> None:
    assert b'charset=gb2312"' in (READ / "page-gbk.html").read_bytes()
    assert read_document(READ / "page-gbk.html") == read_document(READ / "page-utf8.html")


def test_the_declared_charset_wins_over_detection(tmp_path: Path) -> None:
    # These GBK bytes are valid UTF-8 as well (as 'ũҵרҵҽѧҽԺ'): only the declaration tells.
    body = "农业专业医学医院"
    path = tmp_path / "short.html"
    page = f'<html><head><meta charset="gbk"><title>x</title></head><body><p>{body}</p></body></html>'
    path.write_bytes(page.encode("gbk"))
    assert body.encode("gbk").decode("utf-8")
    assert read_document(path) == body


def test_a_page_that_lies_about_its_charset_is_detected(tmp_path: Path) -> None:
    data = (READ / "page-gbk.html").read_bytes().replace(b"charset=gb2312", b"charset=utf-8")
    path = tmp_path / "liar.html"
    path.write_bytes(data)
    assert read_document(path) == read_document(READ / "page-utf8.html")


def test_table_layout_page_without_container_or_charset() -> None:
    data = (READ / "page-table-gbk.htm").read_bytes()
    assert b"charset" not in data and b"zoom" not in data
    text = read_document(READ / "page-table-gbk.htm")
    lines = text.split("\n")
    # The title from <title> less the site's name, confirmed by the page's own title block.
    assert lines[0] == "关于印发《2020年上海市与大连市对口合作重点工作计划》的通知"
    assert lines[1] == "各市人民政府，省政府各厅委、各直属机构："
    assert "1.借鉴运用上海在开办企业、获得电力、登记财产等方面的改革成果，优化提升营商环境。" in lines
    assert lines[-1] == "（责任单位：上海市发展改革委、市统计局；大连市发展改革委、市政府经合办）"
    assert lines.count(lines[0]) == 1  # the title block is in the body already: not repeated
    furniture = ["首页", "政府信息公开", "省政府文件", "部门文件", "版权所有", "ICP备", "辽宁省人民政府", "openWin"]
    furniture += ["发布日期", "打印本页", "关闭窗口", "上一篇", "下一篇", "2019年度"]
    for item in furniture:
        assert item not in text, item
    no_mojibake(text)


@pytest.mark.parametrize(
    "title",
    [
        "大连市人民政府",
        "关于印发《2020年上海市与大连市对口合作重点工作计划》的...-大连市人民政府",
        "关于印发《2020年上海市与大连市对口合作重点工作计划》的通知-政策文件-大连市人民政府",
    ],
)
def test_page_title_from_the_heading_when_the_title_element_is_no_help(tmp_path: Path, title: str) -> None:
    heading = "关于印发《2020年上海市与大连市对口合作重点工作计划》的通知"
    page = (
        f"<html><head><title>{title}</title></head><body><div class='logo'>大连市人民政府</div>"
        f"<h1>{heading}</h1><div id='zoom'><p>{HALF.splitlines()[3]}</p><p>{ANNOTATION_HALF}</p></div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert read_document(path).split("\n") == [heading, HALF.splitlines()[3], ANNOTATION_HALF]


def test_page_title_keeps_hyphens_of_its_own(tmp_path: Path) -> None:
    page = (
        "<html><head><title>大连市2020-2022年对口合作行动计划_大连市人民政府</title></head>"
        f"<body><div id='zoom'><p>{HALF.splitlines()[3]}</p></div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert read_document(path).split("\n")[0] == "大连市2020-2022年对口合作行动计划"


def test_page_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><div></div></body></html>")
    assert read_error(path).reason == "the page holds no text"
    path.write_bytes(b"")
    assert read_error(path).reason == "the file is empty"


# ---------------------------------------------------------------- Word


def test_docx_paragraphs_tables_and_list_numbers_in_order() -> None:
    text = read_document(READ / "plan.docx")
    lines = text.split("\n")
    assert lines[:5] == FULL.split("\n")[:5]
    assert ANNOTATION_FULL in lines
    table = lines.index("序号\t工作任务\t责任单位")
    assert lines[table - 1] == "附表：重点任务分工"
    assert lines[table + 1] == "1\t推动高质量发展理念共享\t上海市发展改革委、市统计局；大连市发展改革委、市政府经合办"
    # A cell of two paragraphs, merged down over the next row: each task keeps its units.
    assert lines[table + 2] == "2\t共建合作产业园区\t上海市政府合作交流办 大连市发展改革委"
    assert lines[table + 3] == "3\t推动国资国企合作\t上海市政府合作交流办 大连市发展改革委"
    assert lines[table + 4] == "（二）协调层面：建立健全计划评估机制"  # the paragraph after the table
    # Word's automatic numbering, which the document's text does not hold, is put back.
    assert lines[table + 5 :] == [
        "三、深化产业合作",
        "（一）共建合作产业园区",
        "1.推进大连高新园区与上海张江高新区合作。",
        "2.推进浦东软件园与大连软件园合作。",
        "（二）推动国资国企合作",
    ]
    no_mojibake(text)


def test_docx_numbering_through_styles_and_restarts(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/><w:suff w:val="space"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="7"><w:abstractNumId w:val="7"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="8"><w:abstractNumId w:val="7"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    style = document.styles.add_style("PlanItem", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="7"/></w:numPr>'))
    toc = document.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    toc.element.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId", "TOC1")
    document.add_paragraph("推进大连高新园区与上海张江高新区合作\t3", style="TOC 1")
    document.add_paragraph("推进大连高新园区与上海张江高新区合作。", style="PlanItem")
    document.add_paragraph("推进浦东软件园与大连软件园合作。", style="PlanItem")
    restarted = document.add_paragraph("推进上海化学工业区与大连长兴岛经济区合作。")
    restarted._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="8"/></w:numPr>')
    )
    path = tmp_path / "styled.docx"
    document.save(path)
    assert read_document(path).split("\n") == [
        "① 推进大连高新园区与上海张江高新区合作。",
        "② 推进浦东软件园与大连软件园合作。",
        "① 推进上海化学工业区与大连长兴岛经济区合作。",  # a list instance that restarts at 1
    ]


def test_corrupt_docx_is_an_error(tmp_path: Path) -> None:
    assert "is not a valid .docx file" in read_error(READ / "corrupt.docx").reason
    path = tmp_path / "old.docx"  # an old .doc renamed
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    error = read_error(path)
    assert "is not a valid .docx file" in error.reason and "old Office" in error.reason
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word package")
    path.write_bytes(buffer.getvalue())
    assert "is not a valid .docx file" in read_error(path).reason
    path.write_bytes(b"")
    assert read_error(path).reason == "the file is empty"


# ---------------------------------------------------------------- PDF


@pytest.mark.parametrize("name", ["plan-stsong.pdf", "plan-tounicode.pdf"])
def test_pdf_text_layer_gives_chinese(name: str) -> None:
    # plan-stsong.pdf: a predefined CMap (UniGB-UCS2-H); plan-tounicode.pdf: an embedded subset
    # font, Identity-H, mapped back to Unicode by its ToUnicode CMap.
    text = read_document(READ / name)
    for line in FULL.split("\n"):
        assert squash(line) in squash(text)  # lines wrap where the page ends them
    assert text.split("\n")[0] == TITLE
    assert "（一）决策层面：密切两地高层互联机制" in text.split("\n")
    no_mojibake(text)


def test_pdf_pages_are_joined_and_page_numbers_dropped() -> None:
    text = read_document(READ / "plan-stsong.pdf")
    assert squash(text).index("（二）协调层面") > squash(text).index("按职责分工负责，下同")  # page 2 after 1
    assert "(四)推动高质量发展理念共享" in text.split("\n")
    assert "—" not in text.replace("——", "")


def test_pdf_radicals_are_folded_to_ordinary_characters() -> None:
    text = read_document(READ / "radicals.pdf")
    assert "深化行政审批制度改革，推进行业协会开展务实合作对接。" in text
    assert "\u2f8f" not in text


def test_scanned_pdf_is_an_error() -> None:
    assert read_error(READ / "scanned.pdf").reason == "the PDF has no text layer (scanned?)"


def test_encrypted_pdf_is_an_error() -> None:
    assert read_error(READ / "encrypted.pdf").reason == "the PDF is encrypted (password-protected)"


def test_corrupt_pdfs_are_errors(tmp_path: Path) -> None:
    assert "is not a readable PDF" in read_error(READ / "corrupt.pdf").reason
    path = tmp_path / "fake.pdf"
    path.write_text("这不是PDF文件", encoding="utf-8")
    assert "is not a readable PDF" in read_error(path).reason
    path.write_bytes(b"")
    assert read_error(path).reason == "the file is empty"


def test_pdf_without_unicode_map_is_an_error_not_garbage(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(READ / "plan-tounicode.pdf"))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            del font.get_object()["/ToUnicode"]
    path = tmp_path / "nomap.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert "does not decode to readable text" in read_error(path).reason


# ---------------------------------------------------------------- the module itself

GOOD = [
    "utf8.txt", "utf8-bom-crlf.txt", "gb18030.txt", "gbk-crlf.txt", "utf16le-bom.txt", "utf16be-bom.txt",
    "utf16le-nobom.txt", "page-utf8.html", "page-gbk.html", "page-table-gbk.htm", "plan.docx",
    "plan-stsong.pdf", "plan-tounicode.pdf", "radicals.pdf",
]  # fmt: skip
BAD = ["undecodable.txt", "empty.txt", "binary.txt", "corrupt.docx", "scanned.pdf", "encrypted.pdf", "corrupt.pdf"]


def test_fixtures_are_all_covered_and_small() -> None:
    on_disk = {p.name for p in READ.iterdir() if p.name not in ("make_fixtures.py", ".gitattributes")}
    assert on_disk == set(GOOD) | set(BAD)
    assert all((READ / name).stat().st_size < 64_000 for name in on_disk)


def test_reading_never_needs_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("read_document touched the network")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for name in GOOD:
        assert read_document(READ / name)
    for name in BAD:
        with pytest.raises(ReadError):
            read_document(READ / name)


def test_importing_is_cheap() -> None:
    code = (
        "import sys, loaders.documents\n"
        "heavy = [m for m in ('bs4', 'docx', 'pypdf', 'lxml') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_docx_whose_content_types_lose_their_namespace_is_an_error(tmp_path: Path) -> None:
    # Found by the readers' fuzz test: python-docx raised AttributeError on such a package.
    buffer = io.BytesIO()
    with zipfile.ZipFile(READ / "plan.docx") as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b'xmlns="http://schemas', b'xmlns="ttp://schemas')
            out.writestr(item, data)
    path = tmp_path / "bad-types.docx"
    path.write_bytes(buffer.getvalue())
    assert "is not a valid .docx file" in read_error(path).reason


@pytest.mark.parametrize("part", ["_rels/.rels", "word/_rels/document.xml.rels"])
def test_a_docx_relationship_with_no_target_is_an_error(tmp_path: Path, part: str) -> None:
    # Found by the readers' fuzz test: python-docx raised TypeError joining the part's path to None.
    buffer = io.BytesIO()
    with zipfile.ZipFile(READ / "plan.docx") as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                data = re.sub(rb' Target="[^"]*"', b"", data, count=1)
            out.writestr(item, data)
    path = tmp_path / "no-target.docx"
    path.write_bytes(buffer.getvalue())
    assert "is not a valid .docx file" in read_error(path).reason
