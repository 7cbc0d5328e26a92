"""Text helpers shared by every reader: decoding bytes, normalising text, guessing language.

They live apart from the readers so that files, feeds and web pages produce text that is
normalised the same way: the content hash and the near-duplicate fingerprint are computed
from it, and two copies of one article must hash alike whatever their origin.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from datetime import date

import charset_normalizer

from risktracker.errors import IngestError
from risktracker.models import RawDocument

__all__ = [
    "build_document",
    "decode_bytes",
    "guess_language",
    "looks_binary",
    "normalize_text",
    "one_line",
]

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes that plain text does contain: tab, newline, vertical tab, form feed,
# carriage return, escape (ANSI colours) and backspace (old man pages).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b\x08")
_SNIFF_BYTES = 8192
_BINARY_CONTROL_SHARE = 0.10

# Cc (controls) and Cf (format: soft hyphen, zero-width space, BOM, bidi marks) except \n
# and \t; line and page breaks are turned into \n before this runs.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)
_SPACES_RE = re.compile(r"[^\S\n\t]+")  # whitespace but newline and tab (incl. NBSP, ideographic)
_NEWLINES = str.maketrans(
    {"\r": "\n", "\x0b": "\n", "\x0c": "\n\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
)
_BLANK_LINES_RE = re.compile(r"\n{3,}")

# CJK Unified Ideographs (+ extension A and compatibility), the blocks Chinese text lives in.
_CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def normalize_text(s: str) -> str:
    """Return ``s`` in the one canonical form every stage relies on.

    NFC so that composed and decomposed accents compare equal; line and page breaks of
    every convention unified to ``\\n``; control and invisible format characters removed
    except ``\\n`` and ``\\t`` (tabs carry table structure); runs of spaces, including
    no-break and ideographic spaces, collapsed to one; each line trimmed; at most one
    blank line kept between paragraphs, so paragraph breaks survive and layout noise
    does not.
    """
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\r\n", "\n").translate(_NEWLINES)
    s = _CONTROL_RE.sub("", s)
    lines = [_SPACES_RE.sub(" ", line).strip(" \t") for line in s.split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


def guess_language(s: str) -> str:
    """Return ``"zh"`` when CJK ideographs dominate the letters of ``s``, else ``"en"``.

    Deliberately crude and model-free: the tracker reads English and Chinese sources,
    and all the enrichers need is which alias table and sentence splitter to use. Each
    ideograph is roughly a word, so it counts as much as a few Latin letters.
    """
    sample = s[:20_000]
    cjk = len(_CJK_RE.findall(sample))
    latin = len(_LATIN_RE.findall(sample))
    return "zh" if cjk * 3 > latin and cjk > 0 else "en"


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is evidently not text: NUL bytes or many control bytes.

    Checked on the first few KB only, so a large file is judged cheaply.
    """
    head = data[:_SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls / len(head) > _BINARY_CONTROL_SHARE


def decode_bytes(data: bytes, location: str) -> str:
    """Decode ``data`` to ``str``: a BOM wins, then UTF-8, then charset detection.

    Raises :class:`IngestError` ``"binary file"`` for data that is not text at all and
    ``"undecodable bytes"`` when no encoding fits, so a wrong or unknown encoding
    becomes a clear error for that one item instead of mojibake in the store.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                reason = f"undecodable bytes ({encoding}: {exc.reason})"
                raise IngestError(location, reason) from exc
    if looks_binary(data):
        raise IngestError(location, "binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestError(location, "undecodable bytes (no text encoding fits)")
    return str(best)


def one_line(s: str, limit: int = 300) -> str:
    """Collapse ``s`` to a single trimmed line of at most ``limit`` characters (for titles)."""
    line = " ".join(normalize_text(s).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def build_document(
    text: str,
    location: str,
    *,
    source: str,
    source_kind: str,
    title: str = "",
    url: str | None = None,
    published: date | None = None,
    external_id: str | None = None,
) -> RawDocument:
    """Normalise ``text`` and wrap it in a :class:`RawDocument`, the one exit of every reader.

    Centralised so every format gets the same normalisation, the same language guess
    and the same refusal of documents with nothing left to read (``"empty text"``).
    """
    clean = normalize_text(text)
    if not clean:
        raise IngestError(location, "empty text")
    return RawDocument(
        text=clean,
        location=location,
        source=source,
        source_kind=source_kind,
        title=one_line(title),
        url=url or None,
        published=published,
        language=guess_language(clean),
        external_id=external_id,
    )
