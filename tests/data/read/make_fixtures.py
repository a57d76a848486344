"""Regenerate the fixtures of tests/loaders/test_documents.py (run from anywhere).

    python tests/data/read/make_fixtures.py

Writes small plan fragments (sentences of the seed plan) in every encoding and format the
readers take, and the bad inputs they must refuse. The generated files are committed, so the
tests need none of this script's tools. It needs python-docx and pypdf (project
dependencies), plus reportlab and fpdf2 (``pip install reportlab fpdf2``) and a Noto CJK font
(Debian: ``apt-get install fonts-noto-cjk``) for the PDFs.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")

TITLE = "2020年上海市与大连市对口合作重点工作计划"

# The seed's own half-width punctuation.
HALF = [
    TITLE,
    "二、扩大先进经验学习借鉴合作",
    "(四)推动高质量发展理念共享",
    "就两地编制“十四五”规划及专项规划、谋划产业发展战略、推进经济结构战略性调整、建立社会信用体系、"
    "国内区域经济联动发展等方面的发展理念共享,积极推进东北全面振兴与长三角区域一体化战略对接。",
    "(责任单位:上海市发展改革委、市政府合作交流办、市统计局;大连市发展改革委、市政府经合办)",
]

# The same with the full-width punctuation of most originals.
FULL = [
    TITLE,
    "一、强化两地对口合作工作机制",
    "（一）决策层面：密切两地高层互联机制",
    "适时召开“上海·大连对口合作座谈会暨第四次联席会议”，商谈两地高层年度互访、深化合作思路、"
    "共建合作产业园区、国资国企合作等对口合作重大事项。",
    "（责任单位：上海市政府合作交流办；大连市发展改革委、市委办公室、市政府办公室（按职责分工负责，下同））",
    "（二）协调层面：建立健全计划评估机制",
    "年度工作计划分解到各责任单位，纳入两地合作部门重要日程推进实施。",
    "（责任单位：上海市政府合作交流办；大连市发展改革委）",
]


def write(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)
    print(f"{name}: {len(data)} bytes")


def texts() -> None:
    half = "\n".join(HALF) + "\n"
    full = "\n".join(FULL) + "\n"
    write("utf8.txt", half.encode("utf-8"))
    write("utf8-bom-crlf.txt", full.replace("\n", "\r\n").encode("utf-8-sig"))
    write("gb18030.txt", full.encode("gb18030"))
    write("gbk-crlf.txt", half.replace("\n", "\r\n").encode("gbk"))
    write("utf16le-bom.txt", full.replace("\n", "\r\n").encode("utf-16"))  # little-endian, like Notepad
    write("utf16be-bom.txt", b"\xfe\xff" + full.encode("utf-16-be"))
    write("utf16le-nobom.txt", half.encode("utf-16-le"))
    # Traditional Chinese in Big5: GB18030 decodes these bytes, into nonsense.
    write("undecodable.txt", "上海市與大連市對口合作重點工作計劃，責任單位：發展改革委。\n".encode("big5"))
    write("empty.txt", b"")
    write("binary.txt", png())


def png() -> bytes:
    """A 2x2 grey PNG: a real image, renamed .txt for the tests."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80\x80\x00\x80\x80")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta name="ArticleTitle" content="{title}" />
<title>{title}_通知公告_大连市人民政府</title>
<link rel="stylesheet" type="text/css" href="/css/style.css" />
<style type="text/css">.nav li {{ float: left; }} .footer {{ color: #666; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("统计代码加载中");</script>
</head>
<body>
<div class="top">
  <div class="logo"><img src="/images/logo.png" alt="大连市人民政府" /></div>
  <div class="search"><form action="/search" method="get">
    <input type="text" name="q" value="请输入关键字" /><button type="submit">搜索</button></form></div>
</div>
<div class="nav"><ul>
  <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
  <li><a href="/hdjl/">互动交流</a></li><li><a href="/zjdl/">走进大连</a></li>
</ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
  <a href="/zwgk/tzgg/">通知公告</a></div>
<div class="main">
  <div class="article">
    <h1 class="article-title">{title}</h1>
    <div class="info">发布时间：2020-05-11　来源：市发展改革委　【字体：<a href="#">大</a> <a href="#">中</a>
      <a href="#">小</a>】</div>
    <div id="zoom">
      <div class="TRS_Editor">
        <p>各相关成员单位：</p>
        <p>&nbsp;&nbsp;&nbsp;&nbsp;《2020年上海市与大连市对口合作重点工作计划》已经上海市对口支援与合作交流工作领导小组
        及大连市与上海市对口合作领导小组同意，现印发你们，请结合各自职责分工，认真抓好工作的推进与落实。</p>
        <p style="text-align: right">上海市对口支援与合作交流工作领导小组办公室<br />
          大连市与上海市对口合作领导小组办公室<br />2020年5月11日</p>
        <p><strong>一、强化两地对口合作工作机制</strong></p>
        <p>（一）决策层面：密切两地高层互联机制</p>
        <p>　　适时召开“上海·大连对口合作座谈会暨第四次联席会议”，商谈两地高层年度互访、
          深化合作思路、共建合作产业园区、国资国企合作等对口合作重大事项。</p>
        <p>（责任单位：上海市政府合作交流办；大连市发展改革委、市委办公室、市政府办公室（按职责分工负责，下同））</p>
        <p>（四）推动高质量发展理念共享</p>
        <div>就两地编制“十四五”规划及专项规划、谋划产业发展战略等方面的发展理念共享，积极推进东北全面振兴与长三角区域一体化战略对接。</div>
        <p>（责任单位：上海市发展改革委、市统计局；大连市发展改革委、市政府经合办）</p>
      </div>
      <div class="fj"><p>附表：重点任务分工</p>
        <table border="1"><tbody>
          <tr><th>序号</th><th>工作任务</th><th>责任单位</th></tr>
          <tr><td>1</td><td>共建合作产业园区</td><td>上海市政府合作交流办；大连市发展改革委</td></tr>
        </tbody></table>
      </div>
      <div class="bdsharebuttonbox"><a class="bds_weixin">微信</a><a class="bds_tsina">新浪微博</a>
        <a class="bds_qzone">QQ空间</a></div>
    </div>
    <div class="print"><a href="javascript:window.print()">【打印本页】</a>
      <a href="javascript:window.close()">【关闭窗口】</a></div>
    <div class="prevnext"><p>上一篇：<a href="/a.html">关于开展2020年度对口合作项目申报工作的通知</a></p>
      <p>下一篇：<a href="/b.html">大连市与上海市对口合作领导小组会议纪要</a></p></div>
  </div>
  <div class="side"><h3>相关文章</h3><ul>
    <li><a href="/c.html">2019年上海市与大连市对口合作工作总结</a></li>
    <li><a href="/d.html">沪连对口合作高端论坛在沪举行</a></li></ul></div>
</div>
<div class="footer">
  <p>主办单位：大连市人民政府办公室　承办单位：大连市大数据中心</p>
  <p>网站标识码：2102000001　<a href="https://beian.miit.gov.cn/">辽ICP备05001234号</a>　辽公网安备 21020302000123号</p>
</div>
<script type="text/javascript">window.onload = function () {{ console.log("页面加载完成"); }};</script>
</body>
</html>
"""

# An old table-layout page with no known container and no declared charset, in GBK.
TABLE_PAGE = """<html>
<head>
<title>关于印发《2020年上海市与大连市对口合作重点工作计划》的通知 - 辽宁省人民政府</title>
<script language="javascript">function openWin(u) {{ window.open(u); }}</script>
</head>
<body>
<table width="100%"><tr>
  <td class="menu"><a href="/">首页</a> | <a href="/zfxx/">政府信息公开</a> | <a href="/bsfw/">办事服务</a>
    | <a href="/gzcy/">公众参与</a></td>
</tr></table>
<table width="980"><tr>
  <td width="200" valign="top">
    <table><tr><td><a href="/l1.html">省政府文件</a></td></tr><tr><td><a href="/l2.html">省政府办公厅文件</a></td></tr>
    <tr><td><a href="/l3.html">部门文件</a></td></tr></table>
  </td>
  <td width="780" valign="top">
    <div class="bt">关于印发《2020年上海市与大连市对口合作重点工作计划》的通知</div>
    <span class="time">发布日期：2020-05-13</span>
    <p>各市人民政府，省政府各厅委、各直属机构：</p>
    &nbsp;&nbsp;现将《2020年上海市与大连市对口合作重点工作计划》印发给你们，请认真贯彻执行。<br><br>
    （五）对标上海国际经济中心建设开展合作<br>
    1.借鉴运用上海在开办企业、获得电力、登记财产等方面的改革成果，优化提升营商环境。<br>
    （责任单位：上海市发展改革委、市统计局；大连市发展改革委、市政府经合办）<br>
    <p align="center">【打印本页】　【关闭窗口】</p>
    <p>上一篇：<a href="/p.html">辽宁省人民政府关于2019年度对口合作工作的通报</a><br>
    下一篇：<a href="/n.html">关于做好2020年对口合作项目储备工作的通知</a></p>
  </td>
</tr></table>
<table width="100%"><tr><td class="bottom">版权所有：辽宁省人民政府办公厅　辽ICP备05001234号</td></tr></table>
</body>
</html>
"""


def pages() -> None:
    write("page-utf8.html", PAGE.format(charset="utf-8", title=TITLE).encode("utf-8"))
    write("page-gbk.html", PAGE.format(charset="gb2312", title=TITLE).encode("gbk"))
    write("page-table-gbk.htm", TABLE_PAGE.format().encode("gbk"))


def zip_fixed(data: bytes) -> bytes:
    """The same ZIP package with fixed timestamps, so reruns give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2020, 5, 11, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def docx_files() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.core_properties.created = datetime(2020, 5, 11, tzinfo=timezone.utc)
    document.core_properties.modified = datetime(2020, 5, 11, tzinfo=timezone.utc)
    document.add_heading(TITLE, level=1)
    # A table of contents in a content control (its entries repeat headings with page numbers),
    # then the first heading inside an ordinary content control.
    body = document.element.body
    body.sectPr.addprevious(
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            "</w:docPartObj></w:sdtPr><w:sdtContent>"
            '<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:t>一、强化两地对口合作工作机制</w:t></w:r>'
            "<w:r><w:tab/></w:r><w:r><w:t>1</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    body.sectPr.addprevious(
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent>'
            f"<w:p><w:r><w:t>{FULL[1]}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    for line in FULL[2:5]:
        document.add_paragraph(line)
    document.add_paragraph("附表：重点任务分工")
    table = document.add_table(rows=4, cols=3)
    rows = [
        ("序号", "工作任务", "责任单位"),
        ("1", "推动高质量发展理念共享", "上海市发展改革委、市统计局；大连市发展改革委、市政府经合办"),
        ("2", "共建合作产业园区", None),
        ("3", "推动国资国企合作", None),
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value
    # Two paragraphs in one cell, merged down over the next row: both tasks share the units.
    table.cell(2, 2).text = "上海市政府合作交流办"
    table.cell(2, 2).add_paragraph("大连市发展改革委")
    table.cell(2, 2).merge(table.cell(3, 2))
    document.add_paragraph(FULL[5])

    # An automatic list: Word draws "（一）", "（二）" from numbering.xml; the text holds no number.
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, line in [
        (0, "深化产业合作"),
        (1, "共建合作产业园区"),
        (2, "推进大连高新园区与上海张江高新区合作。"),
        (2, "推进浦东软件园与大连软件园合作。"),
        (1, "推动国资国企合作"),
    ]:
        p = document.add_paragraph(line)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    buffer = io.BytesIO()
    document.save(buffer)
    data = zip_fixed(buffer.getvalue())
    write("plan.docx", data)
    write("corrupt.docx", data[: len(data) // 2])  # a download cut off halfway


def pdf_reportlab() -> bytes:
    """Two pages in reportlab's built-in CID font STSong-Light (UniGB-UCS2-H, no embedded font)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    for number, lines in enumerate((FULL[:5], FULL[5:] + HALF[2:3]), start=1):
        c.setFont("STSong-Light", 11)
        y = 780
        for line in lines:
            for start in range(0, len(line), 38):  # reportlab does not wrap: break lines by hand
                c.drawString(56, y, line[start : start + 38])
                y -= 18
        c.drawCentredString(300, 40, f"— {number} —")
        c.showPage()
    c.save()
    return buffer.getvalue()


def pdf_radicals() -> bytes:
    """Text whose characters are Kangxi radicals (U+2F8F ⾏ for 行), as some PDF producers write."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=1)
    c.setFont("STSong-Light", 11)
    c.drawString(56, 780, "深化\u2f8f政审批制度改革，推进\u2f8f业协会开展务实合作对接。")
    c.showPage()
    c.save()
    return buffer.getvalue()


def pdf_tounicode() -> bytes:
    """An embedded subset font, Identity-H with a ToUnicode map: what Word and WPS write."""
    import pypdf
    from fpdf import FPDF
    from pypdf.generic import NameObject

    pdf = FPDF()
    pdf.set_creation_date(datetime(2020, 5, 11, tzinfo=timezone.utc))
    pdf.add_page()
    pdf.add_font("noto", fname=str(NOTO), collection_font_number=2)  # Noto Serif CJK SC
    pdf.set_font("noto", size=12)
    pdf.multi_cell(0, 8, "\n".join(FULL))
    # fpdf2 embeds its encoding as a CMap stream, which pypdf reads as one-byte codes; Word and
    # WPS name /Identity-H, which the stream amounts to.
    reader = pypdf.PdfReader(io.BytesIO(bytes(pdf.output())))
    writer = pypdf.PdfWriter(clone_from=reader)
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object()[NameObject("/Encoding")] = NameObject("/Identity-H")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_scanned() -> bytes:
    """One page holding only an image (a grey 16x16 square), as a scanner makes it."""
    pixels = zlib.compress(bytes((x * 16) % 256 for x in range(256)))
    content = b"q 400 0 0 400 100 300 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_encrypted(plain: bytes) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(plain)))
    writer.encrypt(user_password="dalian2020", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdfs() -> None:
    plain = pdf_reportlab()
    write("plan-stsong.pdf", plain)
    write("plan-tounicode.pdf", pdf_tounicode())
    write("radicals.pdf", pdf_radicals())
    write("scanned.pdf", pdf_scanned())
    write("encrypted.pdf", pdf_encrypted(plain))
    write("corrupt.pdf", plain[: len(plain) // 2])


if __name__ == "__main__":
    texts()
    pages()
    docx_files()
    pdfs()
