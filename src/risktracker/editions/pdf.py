"""The edition as PDF: the same HTML page, laid out for print by WeasyPrint.

WeasyPrint is a core dependency because the PDF is one of the edition's published
formats, not an extra; it needs Pango from the system (Debian: ``libpango-1.0-0``), and
Chinese names need a CJK font (``fonts-wqy-microhei``), both installed by
``make system-deps``. The page's stylesheet names the font after the Latin ones, so
fontconfig falls back to it for Chinese characters.

Determinism: WeasyPrint writes creation and modification dates only when the HTML
carries ``dcterms.created``/``dcterms.modified`` metadata, which our pages do not, and
its object layout is stable; the same HTML therefore gives the same PDF bytes.
"""

from __future__ import annotations

import logging

from ..errors import EditionError


def html_to_pdf(html: str) -> bytes:
    """Render one self-contained HTML page (inline CSS and SVG) to PDF bytes."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango missing from the system
        raise EditionError(
            f"PDF output needs WeasyPrint and Pango: {exc}",
            "Run `make system-deps` (Debian packages) and `pip install weasyprint`.",
        ) from None
    # WeasyPrint logs every unsupported CSS property at WARNING; they are expected here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html, base_url=None).write_pdf()
