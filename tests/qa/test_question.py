import pytest

from qa.question import analyze


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who said what in the article?", "who_said_what"),
        ('Who is quoted in the article "Port expands", and what did each say?', "who_said_what"),
        ('Who said "the river is rising"?', "who_said_quote"),
        ("Who said this: Ships are getting bigger and we must keep up", "who_said_quote"),
        ("What did Erik Dahl say about dredging?", "what_did_x_say"),
        ("What does Solberg expect next?", "what_did_x_say"),
        ("Who is Erik Dahl?", "who_is"),
        ("Which sectors did the deals cover?", "list"),
        ("In which areas did Putin call for more cooperation?", "list"),
        ("How many teachers were hired?", "fact"),
    ],
)
def test_kinds(question: str, kind: str) -> None:
    assert analyze(question).kind == kind


def test_pronoun_takes_person_from_history() -> None:
    q = analyze("What will they deepen cooperation on in the future, according to him?", history_person="Xia Yishan")
    assert q.kind == "what_did_x_say" and q.speaker == "Xia Yishan"
    assert "Xia Yishan" in q.search_text


def test_article_title_with_inner_quotes() -> None:
    q = analyze('Who is quoted in the article "With \'woman\'s card,\' Trump escalates debate", and what did each say?')
    assert q.article_title == "With 'woman's card,' Trump escalates debate"


def test_what_about_follow_up_keeps_the_previous_kind() -> None:
    q = analyze("and what about Wang?", previous_question="What did Wu Enyuan say?")
    assert q.kind == "what_did_x_say" and q.speaker == "Wang"


def test_where_does_x_work_is_who_is() -> None:
    q = analyze("Where does Xia work?")
    assert q.kind == "who_is" and q.speaker == "Xia"


def test_summary_and_sentence_start_is_not_a_name() -> None:
    q = analyze("Summarize the article.")
    assert q.kind == "summary" and q.names == []
