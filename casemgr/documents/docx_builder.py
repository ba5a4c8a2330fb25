"""Small helpers over python-docx for documents in the style of Chinese official documents.

A4 page with the margins of GB/T 9704, title in 方正小标宋简体 (Word falls back to 宋体 where it is not
installed: the font table names it as the alternative), body in 仿宋_GB2312 三号 (16pt) with a fixed line
spacing of 28pt and a first-line indent of two characters. User text only ever goes into runs as text,
which python-docx escapes; characters XML cannot carry are dropped first.
"""

from __future__ import annotations

import io
import re
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "宋体"
BODY_FONT = "仿宋_GB2312"
BODY_FALLBACK = "仿宋"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
LINE_SPACING = Pt(28)

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}

# XML 1.0 forbids most control characters; lxml refuses them, so they are removed from user text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "").replace("\r\n", "\n").replace("\r", "\n")


def cn_date(d: date) -> str:
    """2026年11月27日 (no leading zeros)."""
    return f"{d.year}年{d.month}月{d.day}日"


def set_fonts(rpr_owner, name: str) -> None:
    """Set the Latin and East-Asian font of a run or style (python-docx's font.name sets only Latin)."""
    rpr = rpr_owner if rpr_owner.tag == qn("w:rPr") else rpr_owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):  # a theme font would win
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def new_document(title: str = ""):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    defaults = doc.styles.element.find(f'{qn("w:docDefaults")}/{qn("w:rPrDefault")}/{qn("w:rPr")}')
    set_fonts(defaults, BODY_FONT)
    lang = defaults.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    set_fonts(normal.element, BODY_FONT)
    fmt = normal.paragraph_format
    fmt.line_spacing = LINE_SPACING  # a Length: lineRule="exact"
    fmt.space_before = fmt.space_after = Pt(0)
    _declare_fallbacks(doc)
    doc.core_properties.title = clean(title)
    doc.core_properties.author = ""
    return doc


def _declare_fallbacks(doc) -> None:
    """Name fallback fonts (w:altName) in the font table for the fonts that are often missing."""
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    for name, alt in ((TITLE_FONT, TITLE_FALLBACK), (BODY_FONT, BODY_FALLBACK)):
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _run(paragraph, text: str, font: str = BODY_FONT, size=BODY_SIZE, bold: bool = False):
    run = paragraph.add_run(clean(text))
    run.font.size = size
    run.bold = bold or None
    set_fonts(run._r, font)
    return run


def add_title(doc, text: str):
    """A centred title line in 小标宋 22pt."""
    p = doc.add_paragraph()
    p.alignment = ALIGN["center"]
    p.paragraph_format.line_spacing = Pt(36)
    _run(p, text, TITLE_FONT, TITLE_SIZE)
    return p


def add_line(doc, text: str = "", *, label: str = "", align: str = "justify", indent: bool = True):
    """One body paragraph: optional label run (申请人称：) then the text."""
    p = doc.add_paragraph()
    p.alignment = ALIGN[align]
    if indent:
        p.paragraph_format.first_line_indent = BODY_SIZE * 2
        p._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
    if label:
        _run(p, label)
    if text:
        _run(p, text)
    return p


def add_text(doc, label: str, text: str) -> None:
    """A labelled section; each line of a multi-line text becomes its own indented paragraph."""
    lines = [line.strip() for line in clean(text).split("\n") if line.strip()] or [""]
    add_line(doc, lines[0], label=label)
    for line in lines[1:]:
        add_line(doc, line)


def add_signature(doc, organ_name: str, on: date) -> None:
    """The organ and the date, right-aligned, after a blank line (where the seal goes)."""
    doc.add_paragraph()
    for text in (organ_name, cn_date(on)):
        p = add_line(doc, text, align="right", indent=False)
        p.paragraph_format.right_indent = BODY_SIZE * 2


def to_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
