"""One test per case the extractor must handle, each on a short passage in news style."""

from quotes.extraction import extract_quotes


def found(text: str) -> list[tuple[str, str | None, int | None]]:
    quotes = extract_quotes(text)
    assert all(q.text == text[q.start : q.end] for q in quotes)
    return [(q.text, q.speaker, q.parent) for q in quotes]


def test_straight_double_marks_with_name_said_after():
    text = '"We will win this," Jane Doe said.'
    assert found(text) == [("We will win this,", "Jane Doe", None)]


def test_curly_double_marks():
    text = "“We will win this,” Jane Doe said."
    assert found(text) == [("We will win this,", "Jane Doe", None)]


def test_straight_single_marks_uk_style():
    text = "'We will win this,' Jane Doe said."
    assert found(text) == [("We will win this,", "Jane Doe", None)]


def test_curly_single_marks():
    text = "‘We will win this,’ Jane Doe said."
    assert found(text) == [("We will win this,", "Jane Doe", None)]


def test_apostrophes_are_not_quote_marks():
    text = (
        "Ana de Armas' Eve returns. The Wicks' album recalls the '90s.\n\n"
        "'We're rollin' now, it's the Wicks' year,' singer Oliver Wick said."
    )
    assert found(text) == [("We're rollin' now, it's the Wicks' year,", "Oliver Wick", None)]


def test_single_quote_nested_inside_double():
    text = "\"He told me, 'Go home,' and I did,\" Jane Doe said."
    assert found(text) == [
        ("He told me, 'Go home,' and I did,", "Jane Doe", None),
        ("Go home,", None, 0),
    ]


def test_double_quote_nested_inside_single_uk_style():
    text = "'I said to them, \"This is a house of cards,\" and nobody listened,' Lord Benson said."
    assert found(text) == [
        ('I said to them, "This is a house of cards," and nobody listened,', "Lord Benson", None),
        ("This is a house of cards,", "Lord Benson", 0),
    ]


def test_quote_continued_into_next_paragraph_keeps_speaker():
    text = (
        '"We were exhausted," Joanna Price said. "We stopped.\n\n'
        '"Then the fans wrote, and we came back."\n\nThe film opens in May.'
    )
    assert [(t, s) for t, s, _ in found(text)] == [
        ("We were exhausted,", "Joanna Price"),
        ("We stopped.", "Joanna Price"),
        ("Then the fans wrote, and we came back.", "Joanna Price"),
    ]


def test_said_name_after_quote():
    text = '"The votes are not there," said Sen. Tom Becker, a Republican.'
    assert found(text) == [("The votes are not there,", "Tom Becker", None)]


def test_name_said_colon_before_quote():
    text = 'Chief executive Sarah Okafor said: "The consumer is under pressure."'
    assert found(text) == [("The consumer is under pressure.", "Sarah Okafor", None)]


def test_name_said_comma_before_quote():
    text = 'Asked about the bounty, Wiseman teased, "There will be ramifications."'
    assert found(text) == [("There will be ramifications.", "Wiseman", None)]


def test_attribution_between_two_halves_of_a_quote():
    text = 'Director Len Wiseman spoke. "It is brutal," the filmmaker continued. "Truly."'
    assert found(text) == [("It is brutal,", "Len Wiseman", None), ("Truly.", "Len Wiseman", None)]


def test_role_noun_resolves_to_person_introduced_with_that_role():
    text = (
        "Finance Minister Carlos Mendes spoke first. Union leader Rosa Diaz spoke next.\n\n"
        '"This is a budget for growth," the minister declared.'
    )
    assert found(text) == [("This is a budget for growth,", "Carlos Mendes", None)]


def test_pronoun_resolves_to_most_recent_compatible_speaker():
    text = '"Go," said Len Wiseman. "Stay," Jane Okafor said.\n\n"I mean it," he concluded.'
    assert found(text)[-1] == ("I mean it,", "Len Wiseman", None)


def test_surname_and_titles_resolve_to_full_name():
    text = (
        "Boris Johnson, Jacinda Ardern and Anita Smith met.\n\n"
        '"Yes," Mr Johnson said. "No," Ms. Ardern said. "Maybe," Dr Smith said. '
        '"Fine," Ardern said.'
    )
    assert [s for _, s, _ in found(text)] == [
        "Boris Johnson",
        "Jacinda Ardern",
        "Anita Smith",
        "Jacinda Ardern",
    ]


def test_bracketed_insertion_stays_inside_quote():
    text = '"The house [in the film] is grief," director Claire Denholm said.'
    assert found(text) == [("The house [in the film] is grief,", "Claire Denholm", None)]


def test_partial_quote_goes_to_sentence_subject():
    text = 'Mayor Tom Harlan spoke. He called the plan "a disaster" and left.'
    assert found(text) == [("a disaster", "Tom Harlan", None)]


def test_titles_of_works_are_not_quotes():
    text = (
        'Taylor Swift played the song "Bad Blood" from her album "Midnights". Fans rewatched '
        'the episode "Ozymandias", a show dubbed "The Best Hour Ever".\n\n'
        '"What a night," Swift said.'
    )
    assert found(text) == [("What a night,", "Taylor Swift", None)]


def test_entertainment_speech_verbs():
    verbs = ["teased", "joked", "gushed", "quipped", "tweeted", "mused", "shrugged", "teases"]
    for verb in verbs:
        text = f'"That was fun," Ben Alder {verb}.'
        assert found(text) == [("That was fun,", "Ben Alder", None)], verb


def test_quote_without_identifiable_speaker_is_none():
    text = 'The town is quiet now. "Nobody knows what happens next."'
    assert found(text) == [("Nobody knows what happens next.", None, None)]


def test_unattributed_quote_paragraph_after_speakers_paragraph_is_theirs():
    text = '"We lost," coach Dana Whitfield said.\n\n"We need to find some joy again."'
    assert found(text)[1] == ("We need to find some joy again.", "Dana Whitfield", None)


def test_unattributed_quote_paragraph_without_preceding_quote_is_none():
    text = 'Dana Whitfield coaches the Hawks.\n\n"We need to find some joy again."'
    assert found(text) == [("We need to find some joy again.", None, None)]


def test_nested_line_attributed_to_named_character():
    text = (
        "Zendaya's character, Maya, returns.\n\n"
        "\"Maya stands up to him. She says, 'Then I'll burn it down,'\" director Luis Ortega said."
    )
    assert found(text)[1] == ("Then I'll burn it down,", "Maya", 0)


def test_character_introduced_with_the_is_output_capitalised():
    text = (
        "Eve fights the Chancellor's cult.\n\n"
        "\"The Chancellor tells her: 'You kill me, the body still lives,'\" Len Wiseman said."
    )
    assert found(text)[1] == ("You kill me, the body still lives,", "The Chancellor", 0)


def test_speaker_is_fullest_name_seen():
    text = '"Great," Wiseman said.\n\nDirector Len Wiseman was speaking in Los Angeles.'
    assert found(text) == [("Great,", "Len Wiseman", None)]


def test_crlf_offsets_are_stable():
    text = 'Intro line.\r\n\r\n"Quote here," Jane Doe said.\r\n'
    quote = extract_quotes(text)[0]
    assert text[quote.start : quote.end] == "Quote here,"
