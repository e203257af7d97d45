from qa.verify import supported

PASSAGE = 'Harbour master Ingrid Solberg said the terminal would double capacity by 2029. "Ships are getting bigger," she said.'


def test_verbatim_sentence_is_supported() -> None:
    assert supported("Harbour master Ingrid Solberg said the terminal would double capacity by 2029. [1]", [PASSAGE])


def test_invented_facts_are_rejected() -> None:
    assert not supported("Solberg said the terminal would triple capacity by 2035 and cut jobs.", [PASSAGE])


def test_quoted_words_must_be_verbatim() -> None:
    assert supported("Ingrid Solberg: “Ships are getting bigger” [1]", [PASSAGE])
    assert not supported("Ingrid Solberg: “Ships are getting smaller” [1]", [PASSAGE])


def test_no_passage_no_support() -> None:
    assert not supported("Anything at all.", [])
