"""Reading local files: every format, every broken file, and the text helpers.

``fixtures/good/drill-briefing.pdf`` was written once by :func:`make_pdf` below
(``make_pdf(DRILL_LINES, title=DRILL_TITLE)``); the test
``test_pdf_fixture_is_reproducible`` keeps the two in step.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from risktracker.errors import IngestError
from risktracker.ingest import iter_raw_documents
from risktracker.ingest.files import read_file, sniff_kind
from risktracker.ingest.text import decode_bytes, guess_language, normalize_text
from risktracker.models import RawDocument

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"

DRILL_TITLE = "Coastal exercise schedule, August 2021"
DRILL_LINES = [
    "Drill briefing: coastal exercise schedule",
    "",
    "The eastern theatre command will hold a joint exercise from 17 to 20 August.",
    "Shipping lanes near the exercise area will be closed during daylight hours.",
    "Observers expect a further drill in early October, after the national holiday.",
]


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF with a Helvetica text layer (no lines: a page with only a drawing)."""
    if lines:
        shown = "".join(f"{_pdf_string(line)} Tj T*\n" for line in lines)
        content = f"BT /F1 11 Tf 72 720 Td 14 TL\n{shown}ET"
    else:
        content = "0 0 m 200 200 l S"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
        f"<< /Title {_pdf_string(title)} >>" if title else "<< >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def read_one(path: Path, **kwargs: object) -> RawDocument:
    """The single document of a file, failing the test on anything else."""
    items = list(read_file(path, **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1, items
    assert isinstance(items[0], RawDocument), items[0]
    return items[0]


def read_error(path: Path, **kwargs: object) -> IngestError:
    """The single error of a file, failing the test on anything else."""
    items = list(read_file(path, **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1, items
    assert isinstance(items[0], IngestError), items[0]
    return items[0]


# --- good files --------------------------------------------------------------------------


def test_good_folder_reads_every_file_without_errors() -> None:
    items = list(iter_raw_documents([str(GOOD)]))
    errors = [item for item in items if isinstance(item, IngestError)]
    assert errors == []
    locations = [item.location for item in items]
    assert locations == [
        f"{GOOD}/atom.xml#1",
        f"{GOOD}/atom.xml#2",
        f"{GOOD}/drill-briefing.pdf",
        f"{GOOD}/harbour-report.html",
        f"{GOOD}/port-strike.txt",
        f"{GOOD}/provincial-notes.md",
        f"{GOOD}/rss.xml#1",
        f"{GOOD}/rss.xml#2",
        f"{GOOD}/wire.jsonl:1",
        f"{GOOD}/wire.jsonl:2",
        f"{GOOD}/wire.jsonl:3",
        f"{GOOD}/zh-notice.txt",
    ]


def test_txt_title_is_first_short_line_and_paragraphs_survive() -> None:
    doc = read_one(GOOD / "port-strike.txt")
    assert doc.title == "Dock workers end three-day strike at southern port"
    assert doc.source == "good"
    assert doc.source_kind == "file"
    assert doc.language == "en"
    assert doc.published is None
    assert "\n\nDock workers at the container terminal" in doc.text
    assert doc.text.endswith("would continue through September.")


def test_txt_long_first_line_is_not_a_title(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("word " * 60 + "\n\nSecond paragraph.\n", encoding="utf-8")
    assert read_one(path).title == ""


def test_markdown_title_date_and_markup_stripped() -> None:
    doc = read_one(GOOD / "provincial-notes.md")
    assert doc.title == "Notes on the provincial flood response"
    assert doc.published == date(2021, 8, 19)
    assert doc.text.startswith("Notes on the provincial flood response\n\n")
    assert "flood alert to level two on Thursday" in doc.text
    assert "closed three highways and" in doc.text
    assert "according to the education bureau." in doc.text
    assert "A hotline for evacuated families" in doc.text
    assert "see the rain map for details" in doc.text
    for markup in ("**", "](", "# ", "`", "---", "> ", "title:"):
        assert markup not in doc.text


def test_markdown_without_front_matter_takes_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "note.markdown"
    path.write_text(
        "Intro line before the heading.\n\nBorder talks resume\n===\n\nText with snake_case_name.",
        encoding="utf-8",
    )
    doc = read_one(path)
    assert doc.title == "Border talks resume"
    assert "snake_case_name" in doc.text
    assert "===" not in doc.text


def test_html_main_text_title_date_and_url() -> None:
    doc = read_one(GOOD / "harbour-report.html")
    assert doc.title == "Customs tightens checks on chip exports"
    assert doc.published == date(2021, 9, 14)
    assert doc.url == "https://news.example.org/2021/09/customs-chip-checks"
    assert "additional document checks at three major ports" in doc.text
    assert "transition period of at least ninety days" in doc.text
    for boilerplate in ("About us", "All rights reserved", "Privacy"):
        assert boilerplate not in doc.text


def test_pdf_title_from_metadata_and_text_layer() -> None:
    doc = read_one(GOOD / "drill-briefing.pdf")
    assert doc.title == DRILL_TITLE
    assert doc.source_kind == "file"
    assert "joint exercise from 17 to 20 August" in doc.text
    assert doc.text.endswith("after the national holiday.")


def test_pdf_fixture_is_reproducible() -> None:
    assert (GOOD / "drill-briefing.pdf").read_bytes() == make_pdf(DRILL_LINES, title=DRILL_TITLE)


def test_pdf_without_metadata_title_takes_first_line(tmp_path: Path) -> None:
    path = tmp_path / "untitled.pdf"
    path.write_bytes(make_pdf(["Sanctions list update (October)", "Three firms were added."]))
    doc = read_one(path)
    assert doc.title == "Sanctions list update (October)"
    assert "Three firms were added." in doc.text


def test_pdf_without_text_layer_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([]))
    assert read_error(path).reason == "PDF has no text layer"


def test_jsonl_one_document_per_line() -> None:
    docs = list(read_file(GOOD / "wire.jsonl"))
    assert all(isinstance(doc, RawDocument) for doc in docs)
    first, second, third = docs
    assert isinstance(first, RawDocument)
    assert isinstance(second, RawDocument)
    assert isinstance(third, RawDocument)
    assert first.external_id == "w-001"
    assert first.url == "https://wire.example.com/a/001"
    assert first.title == "Coast guard drill near the strait"
    assert first.published == date(2021, 8, 17)
    assert first.source == "Example Wire"
    assert first.source_kind == "jsonl"
    assert first.location.endswith("wire.jsonl:1")
    assert second.published == date(2021, 9, 2)  # from a datetime with a time zone
    assert third.external_id == "3"  # numeric ids become strings
    assert third.source == "good"  # no source field: the folder name
    assert third.url is None and third.published is None


def test_chinese_text_is_tagged_zh() -> None:
    doc = read_one(GOOD / "zh-notice.txt")
    assert doc.language == "zh"
    assert doc.title == "港口恢复正常作业"


# --- bad files ---------------------------------------------------------------------------

BAD_REASONS = {
    "binary.bin": "binary file",
    "broken.html": "no main text found",
    "empty.txt": "empty text",
    "fake.pdf": "unreadable PDF: no %PDF- header, not a PDF file",
    "malformed.rss": "malformed feed: line 3, column 20: not well-formed (invalid token)",
    "undecodable.txt": "undecodable bytes (no text encoding fits)",
    "whitespace-only.md": "empty text",
}


@pytest.mark.parametrize(("name", "reason"), sorted(BAD_REASONS.items()))
def test_each_bad_file_yields_exactly_one_clear_error(name: str, reason: str) -> None:
    error = read_error(BAD / name)
    assert error.location == str(BAD / name)
    assert error.reason == reason
    assert str(error) == f"{BAD / name}: {reason}"


def test_broken_jsonl_reads_the_good_line_and_reports_each_bad_one() -> None:
    items = list(read_file(BAD / "broken.jsonl"))
    assert len(items) == 3
    good, bad_json, no_text = items
    assert isinstance(good, RawDocument)
    assert good.title == "Rail line reopens"
    assert isinstance(bad_json, IngestError)
    assert bad_json.location == f"{BAD / 'broken.jsonl'}:2"
    assert bad_json.reason.startswith("invalid JSON")
    assert isinstance(no_text, IngestError)
    assert no_text.location == f"{BAD / 'broken.jsonl'}:3"
    assert no_text.reason == "missing or empty 'text'"


def test_bad_folder_does_not_stop_the_run() -> None:
    items = list(iter_raw_documents([str(BAD), str(GOOD / "port-strike.txt")]))
    errors = [item for item in items if isinstance(item, IngestError)]
    docs = [item for item in items if isinstance(item, RawDocument)]
    assert len(errors) == len(BAD_REASONS) + 2  # broken.jsonl has two bad lines
    assert [doc.title for doc in docs] == [
        "Rail line reopens",
        "Dock workers end three-day strike at southern port",
    ]


def test_jsonl_bad_fields_are_errors_for_their_line(tmp_path: Path) -> None:
    path = tmp_path / "records.ndjson"
    path.write_text(
        '{"id": 1, "text": "Fine record.", "published": "2021-08-17T23:30:00Z"}\n'
        "\n"
        '["not", "an", "object"]\n'
        '{"id": 2, "text": "Bad date.", "published": "17 August"}\n'
        '{"id": 3, "text": "Bad title.", "title": 42}\n',
        encoding="utf-8",
    )
    items = list(read_file(path))
    assert isinstance(items[0], RawDocument)
    assert items[0].published == date(2021, 8, 17)
    reasons = [(item.location, item.reason) for item in items[1:]]  # type: ignore[union-attr]
    assert reasons == [
        (f"{path}:3", "expected a JSON object, got list"),
        (f"{path}:4", "bad 'published' date '17 August' (use ISO 8601)"),
        (f"{path}:5", "'title' must be a string, got int"),
    ]


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 500, encoding="utf-8")
    error = read_error(path, max_bytes=100)
    assert error.reason == "file too large (500 bytes > 100)"
    items = list(iter_raw_documents([str(path)], max_bytes=100))
    assert [type(item) for item in items] == [IngestError]


def test_oversized_jsonl_line_is_an_error_for_that_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    long_text = "y" * 300
    path.write_text(
        f'{{"text": "{long_text}"}}\n{{"text": "short one"}}\n',
        encoding="utf-8",
    )
    first, second = read_file(path, max_bytes=100)
    assert isinstance(first, IngestError)
    assert first.location == f"{path}:1"
    assert first.reason == "line too large (more than 100 bytes)"
    assert isinstance(second, RawDocument) and second.text == "short one"


# --- encodings, sniffing, walking ----------------------------------------------------------


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = "Café owners in São Paulo met the consul.\nThe façade of the old trade office reopened."
    path.write_bytes(text.encode("latin-1"))
    assert read_one(path).text == text


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes("\ufeffReport exported from a spreadsheet.".encode("utf-16-le"))
    assert read_one(path).text == "Report exported from a spreadsheet."


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("page.dat", b"<!DOCTYPE html><html><body><p>Snippet.</p></body></html>", "html"),
        ("feed", b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "feed"),
        ("atom.out", b"<feed xmlns='http://www.w3.org/2005/Atom'/>", "feed"),
        ("doc.bin", b"%PDF-1.4\n...", "pdf"),
        ("notes.log", b"Plain notes.", "text"),
    ],
)
def test_unknown_suffix_is_sniffed(name: str, content: bytes, expected: str) -> None:
    assert sniff_kind(content) == expected


def test_unknown_suffix_text_and_binary(tmp_path: Path) -> None:
    text_file = tmp_path / "README"
    text_file.write_text("Field notes from the border crossing.\n", encoding="utf-8")
    binary = tmp_path / "image.dat"
    binary.write_bytes(bytes(range(256)))
    assert read_one(text_file).title == "Field notes from the border crossing."
    assert read_error(binary).reason == "binary file"


def test_directory_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a" / "1.txt").write_text("one", encoding="utf-8")
    (tmp_path / "a" / ".draft.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git" / "config.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "0.txt").write_text("zero", encoding="utf-8")
    docs = list(iter_raw_documents([str(tmp_path)]))
    assert [doc.text for doc in docs] == ["zero", "one", "two"]  # type: ignore[union-attr]
    assert [doc.source for doc in docs] == [tmp_path.name, "a", "b"]  # type: ignore[union-attr]


def test_missing_path_is_an_error_and_the_run_goes_on() -> None:
    items = list(iter_raw_documents(["does/not/exist.txt", str(GOOD / "port-strike.txt")]))
    error, doc = items
    assert isinstance(error, IngestError)
    assert error.reason == "no such file or directory"
    assert isinstance(doc, RawDocument)


def test_unexpected_library_failure_is_an_error_for_that_file_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr("risktracker.ingest.files.trafilatura.bare_extraction", explode)
    items = list(
        iter_raw_documents([str(GOOD / "harbour-report.html"), str(GOOD / "port-strike.txt")])
    )
    error, doc = items
    assert isinstance(error, IngestError)
    assert error.reason == "unexpected error: RuntimeError: extractor bug"
    assert isinstance(doc, RawDocument)


# --- text helpers ----------------------------------------------------------------------------


def test_normalize_text() -> None:
    raw = "  Cafe\u0301\u00a0 \u00a0menu\r\nline\u200b two\x07\r\r\n\n\n\nnext\tcol  \n"
    assert normalize_text(raw) == "Café menu\nline two\n\nnext\tcol"


def test_normalize_text_turns_page_breaks_into_paragraph_breaks() -> None:
    assert normalize_text("end of page one\x0cstart of page two") == (
        "end of page one\n\nstart of page two"
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The ministry issued a notice on data security.", "en"),
        ("国务院发布关于数据安全的通知。", "zh"),
        ("新华社 Xinhua 报道：国务院发布关于数据安全管理的通知，要求各地落实。", "zh"),
        ("The report quotes one phrase, 共同富裕, in a long English paragraph of text.", "en"),
        ("", "en"),
    ],
)
def test_guess_language(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_decode_bytes() -> None:
    assert decode_bytes("naïve".encode(), "x") == "naïve"
    assert decode_bytes(b"\xef\xbb\xbfwith bom", "x") == "with bom"
    assert decode_bytes("国务院通知".encode("gb18030") * 8, "x") == "国务院通知" * 8
    with pytest.raises(IngestError, match="binary file"):
        decode_bytes(b"PK\x03\x04\x00\x00zip", "x")
    with pytest.raises(IngestError, match="undecodable bytes"):
        decode_bytes((BAD / "undecodable.txt").read_bytes(), "x")
