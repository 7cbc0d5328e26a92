"""Sentence boundaries with character offsets, for English and Chinese news text.

A rule splitter, not a model: sentence-final punctuation followed by a plausible
sentence start, with abbreviations, initials and decimals kept inside sentences.
Blank lines end paragraphs; a single line break ends a sentence unless the next line
continues it (hard-wrapped PDF text starts the continuation in lower case).
"""

from __future__ import annotations

import re

from ..models import Sentence

# Words that end in a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt sen rep gov pres st jr sr no nos
    vol fig e.g i.e etc vs approx dept est inc ltd corp co bros u.s u.k u.n e.u jan feb
    mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun""".split()
)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Candidate end: ., !, ? (optionally followed by closing quotes/brackets) then space,
# or a Chinese full stop, which needs no space after it.
_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|[。！？]+[”’」』）]*")
_NEXT_START = re.compile(r"\s*[\"'“‘(\[]?[A-Z0-9\u4e00-\u9fff]")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")  # searched in the 12 characters before


def _is_false_end(text: str, end: int) -> bool:
    """True when the full stop just before ``end`` belongs to an abbreviation or initial."""
    if text[end - 1] in "!?":
        return False
    match = _LAST_WORD.search(text, max(0, end - 12), end)
    if match is None:
        return False
    word = match.group(1).lower()
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1  # an initial such as "B." or the "S" of "U.S."


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] (one line or paragraph) into sentence spans."""
    spans = []
    cursor = start
    for match in _CANDIDATE.finditer(text, start, end):
        stop = match.end()
        if match.group(0)[0] in "。！？":
            spans.append((cursor, stop))
            cursor = stop
            continue
        if not _NEXT_START.match(text, stop, end) or _is_false_end(text, match.start() + 1):
            continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Lines of a paragraph, joining a line to the previous one when it continues it."""
    lines: list[tuple[int, int]] = []
    position = start
    for piece in text[start:end].split("\n"):
        piece_start, piece_end = position, position + len(piece)
        position = piece_end + 1
        stripped = piece.strip()
        if not stripped:
            continue
        continues = lines and stripped[0].islower() and text[lines[-1][1] - 1] not in ".!?。！？:"
        if continues:
            lines[-1] = (lines[-1][0], piece_end)
        else:
            lines.append((piece_start, piece_end))
    return lines


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Return the sentences of ``text`` with offsets into it; whitespace is trimmed."""
    sentences: list[Sentence] = []
    paragraph_start = 0
    paragraph = 0
    bounds = [m.span() for m in _PARAGRAPH_BREAK.finditer(text)] + [(len(text), len(text))]
    for break_start, break_end in bounds:
        found = False
        for line_start, line_end in _lines(text, paragraph_start, break_start):
            for s, e in _split_block(text, line_start, line_end):
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if s < e:
                    sentences.append(Sentence(len(sentences), s, e, text[s:e], paragraph))
                    found = True
        paragraph += found
        paragraph_start = break_end
    return tuple(sentences)
