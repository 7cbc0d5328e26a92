"""Safe text for published pages: vetted URLs, a tiny Markdown subset for the analyst's
focus essay, and escaping of document text inside Markdown output.

Sources are untrusted web pages and the essay is analyst-written, so only ``http``,
``https`` and relative URLs ever become links and only a small Markdown subset is
honoured (see :func:`focus_html`): nothing can smuggle markup into a published page.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

from markupsafe import Markup


def safe_url(url: str | None) -> str | None:
    """Return the URL when it may be a link (absolute http or https), else None.

    Control characters and spaces are refused outright because browsers strip them
    before reading the scheme (``java\\tscript:``).
    """
    if not url:
        return None
    candidate = url.strip()
    if any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return candidate
    return None


def _relative_url(url: str) -> bool:
    """A same-site link in the focus essay: no scheme and not protocol-relative."""
    if not url or url.startswith(("//", "\\")):
        return False
    if any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in url):
        return False
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    return ":" not in head


_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")


def _emphasis(escaped: str) -> str:
    """Bold and italic on text that is already escaped (``*`` survives escaping)."""
    return _ITALIC.sub(r"<em>\1</em>", _BOLD.sub(r"<strong>\1</strong>", escaped))


def _inline(text: str) -> str:
    """Escape a line of the essay, then add links, bold and italic."""
    out: list[str] = []
    pos = 0
    for match in _LINK.finditer(text):
        out.append(_emphasis(escape(text[pos : match.start()])))
        label, url = match.group(1), match.group(2)
        label_html = _emphasis(escape(label))
        if safe_url(url) or _relative_url(url):
            out.append(f'<a href="{escape(url)}">{label_html}</a>')
        else:
            out.append(label_html)
        pos = match.end()
    out.append(_emphasis(escape(text[pos:])))
    return "".join(out)


def focus_html(markdown: str) -> Markup:
    """Render the analyst's focus essay to HTML using a deliberately small subset.

    Honoured: paragraphs (blank-line separated); ``#``, ``##`` and ``###`` headings (``#``
    and ``##`` become ``<h3>`` under the section's ``<h2>``, ``###`` becomes ``<h4>``);
    ``**bold**``; ``*italic*``; ``[text](url)`` links to http(s) or relative URLs; and
    ``-``/``*`` bullet lists. Everything else, raw HTML included, is escaped as text.
    """
    blocks: list[str] = []
    paragraph: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if bullets:
            items = "".join(f"<li>{_inline(item)}</li>" for item in bullets)
            blocks.append(f"<ul>{items}</ul>")
            bullets.clear()

    for raw in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        heading = _HEADING.match(line)
        bullet = _BULLET.match(raw)
        if not line:
            flush()
        elif heading:
            flush()
            level = max(len(heading.group(1)), 2) + 1
            blocks.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet:
            if paragraph:
                flush()
            bullets.append(bullet.group(1).strip())
        elif bullets and raw[:1].isspace():
            bullets[-1] = f"{bullets[-1]} {line}"  # continuation of a bullet
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    return Markup("\n".join(blocks))


def focus_markdown(markdown: str) -> str:
    """The essay for the Markdown edition, headings placed under ``## Focus topic``.

    The same levels as :func:`focus_html`: ``#`` and ``##`` become ``###``, ``###``
    becomes ``####``.
    """
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    out: list[str] = []
    for line in lines:
        heading = _HEADING.match(line.strip())
        if heading:
            line = "#" * (max(len(heading.group(1)), 2) + 1) + " " + heading.group(2)
        out.append(line)
    return "\n".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|])")
_MD_LINE_START = re.compile(r"^([#+\-=])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def md_text(value: object) -> str:
    """Make document text inert in Markdown: one line, punctuation backslash-escaped."""
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(r"\\\1", text)
    return _MD_ORDERED.sub(r"\1\\\2", text)


def md_url(url: str) -> str:
    """A URL for a Markdown autolink ``<...>``: characters that would end it encoded."""
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
