"""The compiled patterns of the temporal tagger (``enrich/dates.py``), one per shape.

Each pattern is paired with a *kind* that names its resolver. Month and weekday names are
matched capitalised only (``may`` the verb and ``march`` the noun stay out), the other
words in any case. A pattern may mark the part of its match that is the expression with
the group ``x`` (leading prepositions such as "in" or "on" stay outside it).
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    "January February March April May June July August September October November December".split(),
    start=1,
):
    MONTHS[_name.lower()] = _i
    MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9

ZH_NUMBERS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
ZH_NUMBERS.update({"十一": 11, "十二": 12})

WEEKDAYS = {
    name.lower(): i
    for i, name in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
}

# Northern-hemisphere meteorological seasons: (first month, number of months).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# Parts of a month: (first day, last day); 31 means the month's last day.
MONTH_PARTS = {
    "early": (1, 10),
    "beginning": (1, 10),
    "start": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
    "first half": (1, 15),
    "second half": (16, 31),
    "first week": (1, 7),
    "second week": (8, 14),
    "third week": (15, 21),
    "fourth week": (22, 28),
    "last week": (25, 31),
    "上旬": (1, 10),
    "初": (1, 10),
    "中旬": (11, 20),
    "中": (11, 20),
    "下旬": (21, 31),
    "底": (21, 31),
    "末": (21, 31),
}

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4, "latter": 2}
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve".split(), start=1
    )
}
NUMBER_WORDS["a"] = NUMBER_WORDS["an"] = 1

_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
M = r"(?P<{0}>(?:" + _FULL + r")\b|" + _ABBR + ")"
D = r"\b(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?\b"
Y = r"(?P<{0}>(?:19|20)\d\d)\b"
WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DASH = r"\s*[-–—‒−]\s*"
SEP = DASH + r"|\s+(?i:to|through|until|till|thru)\s+"
NUM = r"(?P<n>\d{1,3}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
ZM = r"(?P<{0}>\d{{1,2}}|十[一二]?|[一二三四五六七八九])"
ZSEP = r"\s*(?:至|到|-|—|–|~|～|－)\s*"
ZY = r"(?:(?P<y>\d{4})\s*年|(?P<yrel>今年|明年|去年|后年))?"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _c(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]?\d)-(?P<d1>[0-3]?\d)\b(?![-–]\d)")),
    ("dotted", _c(r"\b(?P<d1>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b")),
    # August 17-20, June 30-July 2, September 2 and 3, 2021
    (
        "md_range",
        _c(
            r"(?:"
            + WD
            + r",?\s+)?"
            + M.format("m1")
            + r"\s+"
            + D.format("d1")
            + r"(?:,?\s+"
            + Y.format("y1")
            + r")?"
            + r"(?:(?:"
            + SEP
            + r")(?:"
            + M.format("m2")
            + r"\s+)?|\s+and\s+)"
            + D.format("d2")
            + r"(?:,?\s+"
            + Y.format("y")
            + r")?"
        ),
    ),
    # 17-20 August 2021, 30 June to 2 July, 2 and 3 September
    (
        "dm_range",
        _c(
            D.format("d1")
            + r"(?:\s+"
            + M.format("m1")
            + r"(?:\s+"
            + Y.format("y1")
            + r")?)?"
            + r"(?:"
            + SEP
            + r"|\s+and\s+)"
            + D.format("d2")
            + r"\s+"
            + M.format("m2")
            + r"(?:,?\s+"
            + Y.format("y")
            + r")?"
        ),
    ),
    # Tuesday, August 17, 2021 / Aug. 17
    (
        "md",
        _c(
            r"(?:"
            + WD
            + r",?\s+)?"
            + M.format("m1")
            + r"\s+"
            + D.format("d1")
            + r"(?:,?\s+"
            + Y.format("y")
            + r")?(?![.,]?\d)"
        ),
    ),
    # 17 August 2021 / the 17th of August
    (
        "dm",
        _c(
            r"(?:"
            + WD
            + r",?\s+)?(?:(?i:the)\s+)?"
            + D.format("d1")
            + r"(?:\s+(?i:of))?\s+"
            + M.format("m1")
            + r"(?:,?\s+"
            + Y.format("y")
            + r")?"
        ),
    ),
    # September-October, between April and July 2022
    (
        "month_range",
        _c(
            r"(?:(?i:between)\s+(?P<between>))?"
            + M.format("m1")
            + r"(?:\s+"
            + Y.format("y1")
            + r")?(?:\s*[-–—/]\s*|\s+(?i:to|through|until|till)\s+|(?(between)\s+and\s+|(?!)))"
            + M.format("m2")
            + r"(?:\s+"
            + Y.format("y")
            + r")?"
        ),
    ),
    # early October, mid-September, near the end of August, the first half of May
    (
        "month_part",
        _c(
            r"(?P<x>(?:(?i:near|towards?)\s+)?(?:(?P<part>(?i:early|mid|late|end))[\s-]+|(?i:the)"
            r"\s+(?:(?i:very)\s+)?(?P<part2>(?i:end|beginning|start|middle|first half|second half"
            r"|first week|second week|third week|fourth week|last week))\s+(?i:of)\s+)"
            + M.format("m1")
            + r"(?:,?\s+"
            + Y.format("y")
            + r")?)"
        ),
    ),
    # mid-March to early April (2021)
    (
        "part_range",
        _c(
            r"\b(?P<part>(?i:early|mid|late|end))[\s-]+"
            + M.format("m1")
            + r"(?:"
            + SEP
            + r")(?P<part2>(?i:early|mid|late|end))[\s-]+"
            + M.format("m2")
            + r"(?:,?\s+"
            + Y.format("y")
            + r")?"
        ),
    ),
    # in March, this October, next May, August 2022
    (
        "month",
        _c(
            r"(?P<pre>\b(?i:in|by|since|until|till|from|during|of|before|after|through"
            r"|throughout|for)\s+)?(?P<x>(?:(?P<rel>(?i:this|next|last|coming|past))\s+)?"
            + M.format("m1")
            + r"(?:,?\s+"
            + Y.format("y")
            + r")?)"
        ),
    ),
    # late summer, the autumn, winter 2021/22, the summer of 2022
    (
        "season",
        _c(
            r"(?P<pre>\b(?i:in|during|by|over|until|till|through|since|before|after|for)\s+)?"
            r"(?P<x>\b(?:(?P<rel>(?i:this|next|last|coming|past|the))\s+)?(?:(?P<part>(?i:early"
            r"|late|mid))[\s-]+)?(?P<season>(?i:spring|summer|autumn|fall|winter))\b(?:\s+(?i:of)"
            r")?(?:\s+" + Y.format("y") + r"(?:\s*/\s*(?P<y2>\d{2}|\d{4})\b)?)?)"
        ),
    ),
    # Q3, Q3 2021, the third quarter (of 2022 / of next year)
    (
        "quarter",
        _c(
            r"\b(?:(?P<q>Q[1-4])(?:\s*" + Y.format("y") + r")?|(?:(?i:the)\s+)?(?P<ord>(?i:first"
            r"|second|third|fourth|final|last))[\s-]+(?i:quarter)(?:\s+(?i:of)\s+(?:"
            + Y.format("y2")
            + r"|(?P<rel>(?i:this|next|last|the))\s+(?i:year)))?)"
        ),
    ),
    # the first half of 2022, H2 2021
    (
        "half",
        _c(
            r"\b(?:(?:(?i:the)\s+)?(?P<ord>(?i:first|second|latter))\s+(?i:half)\s+(?i:of)\s+"
            r"(?:" + Y.format("y") + r"|(?P<rel>(?i:this|next|last|the))\s+(?i:year))|H(?P<h>[12])"
            r"\s*" + Y.format("y2") + r")"
        ),
    ),
    # early 2022, the end of 2021, year-end, the end of the year, the turn of the year
    (
        "year_part",
        _c(
            r"\b(?:(?P<part>(?i:early|mid|late))[\s-]+" + Y.format("y") + r"|(?:(?i:the)\s+)?"
            r"(?P<part2>(?i:end|beginning|start|middle|turn))\s+(?i:of)\s+(?:"
            + Y.format("y2")
            + r"|(?P<rel>(?i:this|next|last|the))\s+(?i:year))|(?P<ye>(?i:year)[\s-]end)\b)"
        ),
    ),
    # the end of the month, the beginning of next month
    (
        "unit_month_part",
        _c(
            r"\b(?:(?i:near|towards?)\s+)?(?i:the)\s+(?P<part2>(?i:end|beginning|start|middle))"
            r"\s+(?i:of)\s+(?P<rel>(?i:the|this|next|last))\s+(?i:month)\b"
        ),
    ),
    # 2021 to 2025, 2021-2025
    (
        "year_range",
        _c(r"\b" + Y.format("y1") + r"(?:\s*[-–—]\s*|\s+(?i:to|through)\s+)" + Y.format("y")),
    ),
    # in 2022, by 2025
    (
        "year",
        _c(
            r"\b(?P<pre>(?i:in|by|during|since|until|till|before|after|through|throughout|from"
            r"|of|for|early|late|later in|the year))\s+(?P<x>" + Y.format("y") + r")(?![-/]\d)"
        ),
    ),
    # later this year, earlier this month, later in 2021
    (
        "later",
        _c(
            r"\b(?P<dir>(?i:later|earlier))\s+(?:(?i:this|in the)\s+(?P<unit>(?i:year|month|week))"
            r"|(?i:in)\s+" + Y.format("y") + r")"
        ),
    ),
    # next week, this year, last month, the coming months, the next three weeks
    (
        "relative_unit",
        _c(
            r"\b(?:(?P<rel>(?i:this|next|last|coming|past|previous|following))\s+"
            r"(?P<unit>(?i:week|month|year))\b|(?i:the)\s+(?P<span>(?i:coming|next|following"
            r"|upcoming))\s+(?:" + NUM + r"\s+|(?i:few)\s+)?(?P<units>(?i:days|weeks|months"
            r"|years|year|month|week))\b)"
        ),
    ),
    # in two weeks, within 30 days, three days ago
    (
        "offset",
        _c(
            r"\b(?:(?P<pre>(?i:in|within))\s+" + NUM + r"\s+(?P<unit>(?i:days?|weeks?|months?"
            r"|years?))\b(?!\s+(?i:ago|earlier|before))|"
            + NUM.replace("<n>", "<n2>")
            + r"\s+(?P<unit2>(?i:days?|weeks?|months?|years?))\s+(?P<post>(?i:ago|from now)))"
        ),
    ),
    ("dayword", _c(r"\b(?P<w>(?i:today|tonight|tomorrow|yesterday))\b|(?P<zw>今天|明天|昨天)")),
    (
        "weekday",
        _c(
            r"\b(?:(?P<rel>(?i:this|next|last|coming))\s+)?"
            + WD
            + r"\b(?!,?\s+(?:"
            + _FULL
            + r")\b)"
        ),
    ),
    # 2021年8月17日, 8月17日至20日, 8月17-20日, 8月31日至9月2日
    (
        "zh_day",
        _c(
            ZY
            + ZM.format("mo")
            + r"\s*月\s*(?P<d1>[0-3]?\d)\s*(?P<suf>[日号])?(?:"
            + ZSEP
            + r"(?:"
            + ZM.format("mo2")
            + r"\s*月\s*)?(?P<d2>[0-3]?\d)\s*[日号])?"
        ),
    ),
    # 8月下旬, 明年3月初
    ("zh_part", _c(ZY + ZM.format("mo") + r"\s*月\s*(?P<part>上旬|中旬|下旬|初|底|末)")),
    ("zh_month", _c(ZY + ZM.format("mo") + r"\s*(?:月份|月)(?![0-9一二三四五六七八九十])")),
    # 年底, 明年年底, 2022年上半年, 明年, 第三季度
    (
        "zh_year",
        _c(
            r"(?:(?P<y>\d{4})\s*年|(?P<yrel>今年|明年|去年|后年))(?:第(?P<q>[一二三四1-4])季度"
            r"|(?P<part>上半年|下半年|年底|年末|年初|底|末|初))?|(?P<bare>年底|年末|年初|上半年"
            r"|下半年)|第(?P<q2>[一二三四1-4])季度"
        ),
    ),
    ("zh_week", _c(r"(?P<rel>下|上|本|这)(?:个)?(?P<unit>周|星期|礼拜|月)")),
)

# A month name exactly as the patterns' M reads it: no month pattern can match in a stretch
# where this finds nothing (a literal alternation, so the search skips ahead fast).
MONTH_NAME = re.compile(r"(?:" + _FULL + r")\b|" + _ABBR)

TRIGGER_WORDS = (
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep oct nov dec q1 q2 q3 q4 h1 h2 monday tuesday wednesday"
    " thursday friday saturday sunday spring summer autumn fall winter quarter half year month"
    " week today tonight tomorrow yesterday days"
).split()


def word_trie(words: list[str]) -> str:
    """An alternation of lower-case ``words`` as a prefix tree ("jan(?:uary)?"): the regex
    engine tries a letter once instead of once per word. Like the plain alternation with
    longer words first, it matches the longest word at a position."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(tree)


# Words a date expression needs, matched on the lower-cased text (one fast scan): the
# patterns run only around them.
TRIGGER = re.compile(r"\d+|[年月天周季]|星期|\b" + word_trie(TRIGGER_WORDS))

# Tense around an expression, for filling in a missing year: cue words read on the
# lower-cased words of its clause (a word scan is many times faster than a regex of cues).
TENSE_WORD = re.compile(r"[a-z']+|[\u4e00-\u9fff]")
FUTURE_WORDS = frozenset(
    """will shall won't upcoming forthcoming next coming plan plans planned intend intends
    aim aims expected expect expects scheduled deadline hope hopes forecast forecasts predict
    predicts projected anticipated soon convene convenes due slated poised tomorrow""".split()
)
FUTURE_PAIRS = frozenset(
    tuple(pair.split("+"))
    for pair in """take+effect takes+effect come+into comes+into enter+into enters+into
    go+into goes+into is+to are+to going+to set+to 将+于 计+划 预+计 定+于 即+将 届+时
    下+周 明+年 下+个""".split()
)
FUTURE_CHARS = frozenset("将拟")
PAST_WORDS = frozenset(
    """was were had did ago last previously earlier yesterday held said met hit took came
    began ended 了 已 曾 昨 去""".split()
)
PASSIVE_BEFORE = frozenset({"be", "been", "being"})  # "will be held" is not past

# The words of TENSE_WORD that can carry a tense, found in one scan without visiting every
# word: latin cue words (whole words only), words of five letters or more ending in "ed",
# and single Chinese characters that are cues or second halves of cue pairs.
_TENSE_TOKENS = FUTURE_WORDS | PAST_WORDS | FUTURE_CHARS | {b for _, b in FUTURE_PAIRS}
_LATIN_CUES = sorted(w for w in _TENSE_TOKENS if re.fullmatch(r"[a-z']+", w))
_CHINESE_CUES = "".join(sorted(w for w in _TENSE_TOKENS if not re.fullmatch(r"[a-z']+", w)))
assert all("\u4e00" <= c <= "\u9fff" for c in _CHINESE_CUES), "one-character Chinese cues"
TENSE_CUE = re.compile(
    r"(?<![a-z'])(?:" + word_trie(_LATIN_CUES) + r"|[a-z']{3,}ed)(?![a-z'])|[" + _CHINESE_CUES + "]"
)


# What each pattern needs among the trigger words of a stretch of text (any of them):
# patterns whose words are absent are not run there. A unit word has a kind of its own
# where a pattern can only match around that word ("quarter" for the third quarter).
_MONTH_WORDS = set(MONTHS) | {"sept"}
TRIGGER_KIND = {w: "month" for w in _MONTH_WORDS}
TRIGGER_KIND.update({w: "weekday" for w in WEEKDAYS})
TRIGGER_KIND.update({w: "season" for w in SEASONS})
TRIGGER_KIND.update({w: "dayword" for w in ("today", "tonight", "tomorrow", "yesterday")})
TRIGGER_KIND.update({f"q{i}": "qh" for i in range(1, 5)})
TRIGGER_KIND.update({f"h{i}": "qh" for i in range(1, 3)})
TRIGGER_KIND.update({w: f"unit_{w}" for w in ("year", "month", "week", "days", "half", "quarter")})
UNITS = frozenset({"unit", *(k for k in TRIGGER_KIND.values() if k.startswith("unit_"))})
NEEDS: dict[str, frozenset[str]] = {
    "iso": frozenset({"year"}),
    "dotted": frozenset({"year"}),
    "md_range": frozenset({"month"}),
    "dm_range": frozenset({"month"}),
    "md": frozenset({"month"}),
    "dm": frozenset({"month"}),
    "month_range": frozenset({"month"}),
    "month_part": frozenset({"month"}),
    "part_range": frozenset({"month"}),
    "month": frozenset({"month"}),
    "season": frozenset({"season"}),
    "quarter": frozenset({"qh", "unit_quarter"}),
    "half": frozenset({"qh", "unit_half"}),
    "year_part": frozenset({"year", "unit_year"}),
    "unit_month_part": frozenset({"unit_month"}),
    "year_range": frozenset({"year"}),
    "year": frozenset({"year"}),
    "later": frozenset({"year", "unit_year", "unit_month", "unit_week"}),
    "relative_unit": UNITS,
    "offset": UNITS,
    "dayword": frozenset({"dayword", "zh"}),
    "weekday": frozenset({"weekday"}),
    "zh_day": frozenset({"zh"}),
    "zh_part": frozenset({"zh"}),
    "zh_month": frozenset({"zh"}),
    "zh_year": frozenset({"zh"}),
    "zh_week": frozenset({"zh"}),
}
# ... and what it needs as well (any of them): a day number (any number triggers "digit"
# or "year"), or a second month name ("month2", counted by MONTH_NAME in the stretch).
DIGITS = frozenset({"digit", "year"})
ALSO_NEEDS: dict[str, frozenset[str]] = {
    "md_range": DIGITS,
    "dm_range": DIGITS,
    "md": DIGITS,
    "dm": DIGITS,
    "month_range": frozenset({"month2"}),
}


def trigger_kind(word: str) -> str:
    """The kind of a (lower-cased) trigger word: year (1900-2099), digit (other numbers:
    days, which need a month), zh, month, weekday, season, qh (Q3, H1), unit_year (and
    the other unit words), dayword."""
    if word[0].isdigit():
        return "year" if len(word) == 4 and word[:2] in ("19", "20") else "digit"
    if word[0] >= "\u3000":
        return "zh"
    return TRIGGER_KIND.get(word, "unit")
