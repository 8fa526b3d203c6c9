"""Layout invariance (issue 17): the same copy in another layout gives the same quotes."""

import io
import json
import textwrap

import pytest
from django.core.management import call_command

from quotes.extraction import extract_quotes
from quotes.extraction.evaluation import LAYOUTS, normalise
from quotes.extraction.layout import engine_text

STORY = (
    "Northwind Energy's chief executive, Helen Marr-Whitfield, said on Tuesday that the "
    "company would complete its offshore wind farm off the Norfolk coast by the spring.\n\n"
    "“This is a landmark day for Northwind and for British energy security,” said Ms "
    "Marr-Whitfield, who joined the company from BP in 2019. “Hornsea Gate will power more "
    "than a million homes, and it will do it without a penny of public money.”\n\n"
    "Energy Minister Michael Shanks welcomed the news. “Projects like this are exactly what we "
    "need to make Britain a clean energy superpower,” he told reporters in Great Yarmouth."
)


def answers(text: str) -> list[tuple[str, str | None]]:
    return [(normalise(q.text), q.speaker) for q in extract_quotes(text)]


def wrap(text: str, width: int = 72) -> str:
    return "\n\n".join(textwrap.fill(p, width) for p in text.split("\n\n"))


@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_wrapped_passage_gives_the_same_quotes_and_speakers(width):
    wrapped = wrap(STORY, width)
    assert wrapped.count("\n") > 6
    plain = extract_quotes(STORY)
    quotes = extract_quotes(wrapped)
    assert answers(wrapped) == answers(STORY)
    assert [q.speaker for q in quotes] == ["Helen Marr-Whitfield"] * 2 + ["Michael Shanks"]
    assert [q.parent for q in quotes] == [q.parent for q in plain]
    # the quote text is the original text between the offsets, line breaks and all
    assert all(q.text == wrapped[q.start : q.end] for q in quotes)
    assert any("\n" in q.text for q in quotes)


def test_the_engine_copy_keeps_every_offset():
    wrapped = wrap(STORY).replace("\n", "\r\n").replace("Ms ", "Ms\u00a0")
    copy = engine_text(wrapped)
    assert len(copy) == len(wrapped)
    assert "\u00a0" not in copy and "\r" not in copy
    assert "Ms Marr-Whitfield" in copy


def test_one_line_paragraphs_are_not_joined():
    text = STORY.replace("\n\n", "\n")
    assert engine_text(text) == text
    assert answers(text) == answers(STORY)


def test_a_transcript_a_list_and_a_dateline_are_not_joined():
    transcript = (
        "KING: Senator, you have said the bill will pass. What makes you so sure of the votes?\n"
        "SMITH: I have counted them, Larry. Twice. And I have spoken to every one of them.\n"
        "KING: Every one? That is a lot of phone calls for a man in your position, Senator.\n"
        "SMITH: It is the job. You do not get a bill like this through by hoping for it."
    )
    assert engine_text(transcript) == transcript
    listing = (
        "The council listed the changes it would make to the scheme from next April onwards:\n"
        "- a flat charge for every household in the borough, whatever the size of the bin\n"
        "- collections every fortnight rather than every week for garden waste in winter\n"
        "- a new recycling centre on the site of the old bus depot in the town's east end"
    )
    assert engine_text(listing) == listing
    dateline = (
        "WASHINGTON\n"
        "The Senate passed the bill on Tuesday by a vote of 68 to 32 after weeks of talks.\n"
        "The House is expected to take it up next week, when leaders hope to send it on."
    )
    assert engine_text(dateline) == dateline


def test_every_layout_gives_the_same_answers():
    for name, change in LAYOUTS.items():
        assert answers(change(STORY)) == answers(STORY), name


def test_a_dash_signed_quote_on_its_own_line_keeps_its_signer():
    text = (
        'Readers respond.\n"Nobody asked the people who actually use it."\n'
        "— Peter Oduya, Willesborough"
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Peter Oduya"


def test_an_indented_transcript_keeps_its_labels():
    text = (
        "    The exchange, from this week's episode.\n\n"
        '    LINEKER: "Did you think Arsenal would bottle it again?"\n\n'
        '    SHEARER: "I did. I said it in January."\n\n'
        "    SHEARER: \"That's the job, isn't it?\""
    )
    assert [q.speaker for q in extract_quotes(text)][1:] == ["Shearer", "Shearer"]


def test_the_command_scores_each_layout(tmp_path):
    path = tmp_path / "set.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": "a",
                    "text": STORY,
                    "quotes": [
                        {"text": q, "speaker": s}
                        for q, s in [(q.text, q.speaker) for q in extract_quotes(STORY)]
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("evaluate_extraction", str(path), "--layouts", stdout=out)
    lines = out.getvalue().splitlines()
    assert "layout, speaker right" in lines[0]
    for name in LAYOUTS:
        assert any(
            line.split()[:1] == name.split()[:1] and "1.000  1.000  1.000" in line for line in lines
        ), name
    out = io.StringIO()
    call_command("evaluate_extraction", str(path), "--layouts", "--json", stdout=out)
    figures = json.loads(out.getvalue())[str(path)]
    assert set(figures) == set(LAYOUTS)
    assert figures["hard-wrapped 72"]["speaker_accuracy"] == 1.0


# Real-copy round 1 (branch real17a): copy scraped with its marks escaped.


def test_backslash_escaped_marks_read_as_plain_marks():
    text = (
        r"Parent group Nordmark confirmed the cuts. \"We are concentrating our fleet,\" "
        r"spokesman Erik Lund said. Halvorsen is one of the region\'s oldest operators."
    )
    copy = engine_text(text)
    assert len(copy) == len(text)
    assert 'cuts.  "We are concentrating our fleet,"  spokesman' in copy
    assert "region\\'s" in copy  # a backslash inside a word is left alone
    [quote] = extract_quotes(text)
    assert quote.text == "We are concentrating our fleet,"
    assert quote.speaker == "Erik Lund"


# Real-copy round 2: spans, marks and titles (branch real17b).


def test_backslash_escaped_marks_read_as_marks_and_the_text_keeps_its_length():
    text = (
        'Ferro Rail said it would close the depot. \\"It is a hard day for everyone here,\\" '
        'spokeswoman Ama Osei said. The town\\\'s mayor called it \\"a blow\\".'
    )
    assert len(engine_text(text)) == len(text)
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["It is a hard day for everyone here,", "a blow"]
    assert quotes[0].speaker == "Ama Osei"


def test_a_backtick_opening_a_quote_closed_by_an_apostrophe():
    text = "The coach calls the drill his `quiet hour' and runs it every Friday."
    assert len(engine_text(text)) == len(text)
    assert [q.text for q in extract_quotes(text)] == ["quiet hour"]
