"""The compiled watch cues decide exactly what one word-bounded pattern per cue decides."""

from __future__ import annotations

import random
import re

import yaml

from risktracker.enrich.watch_cues import CUES_FILE, load_cues

WORDS = (
    "will willing shall is are due to be held scheduled set for on in planned plans plan "
    "expected likely could may might deadline convene convenes takes take effect comes into "
    "force ends end begins opens opened reportedly sources said unconfirmed estimated around "
    "about cancelled postponed delayed held took place was were 将 将于 计划 预计 拟 举行 召开 "
    "取消 推迟 , . ; WILL Will"
).split()


def one_pattern_per_cue(values: list[str]) -> list[re.Pattern[str]]:
    return [
        re.compile(v if re.search(r"[\u4e00-\u9fff]", v) else rf"\b(?:{v})\b", re.I) for v in values
    ]


def test_compiled_cues_match_where_some_single_cue_matches() -> None:
    spec = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    cues = load_cues()
    groups = [(cues.announce, spec["announce"])]
    groups += [(pattern, spec["confidence"][name]) for name, pattern in cues.confidence]
    groups += [(pattern, spec["outcomes"][name]) for name, pattern in cues.outcomes]
    rng = random.Random(5)
    hits = 0
    for _ in range(1500):
        text = rng.choice((" ", "", " , ")).join(rng.choices(WORDS, k=rng.randint(1, 12)))
        for compiled, values in groups:
            expected = any(single.search(text) for single in one_pattern_per_cue(values))
            hits += expected
            assert bool(compiled.search(text)) == expected, (text, values)
    assert hits > 1000
