from risktracker.enrich.sentences import split_sentences


def test_offsets_point_back_into_the_text() -> None:
    text = "The PLA held drills.  Officials in Taipei protested!\n\nA new paragraph starts here."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The PLA held drills.",
        "Officials in Taipei protested!",
        "A new paragraph starts here.",
    ]
    assert all(text[s.start_char : s.end_char] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = (
        "U.S. Secretary of State Antony J. Blinken met Mr. Wang on Aug. 17 in Alaska. "
        "The fine was 18.2 billion yuan. Dr. Li agreed."
    )
    assert [s.text for s in split_sentences(text)] == [
        "U.S. Secretary of State Antony J. Blinken met Mr. Wang on Aug. 17 in Alaska.",
        "The fine was 18.2 billion yuan.",
        "Dr. Li agreed.",
    ]


def test_chinese_sentences_and_wrapped_lines() -> None:
    text = "国务院发布了新规定。外交部表示反对！\nThe report was\nwritten in haste. It ends."
    assert [s.text for s in split_sentences(text)] == [
        "国务院发布了新规定。",
        "外交部表示反对！",
        "The report was\nwritten in haste.",
        "It ends.",
    ]


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\n \n") == ()
