"""The answer-cue measure and the citation extractor, on small hand-made inputs."""

import pytest

from modules.curriculum.cues import answer_cues, citations, correct_is_strictly_longest, listed
from modules.curriculum.models import Question


def question(correct: str, *texts: str) -> Question:
    return Question.model_validate({
        "id": "q", "text": {"sv": "?", "en": "?"}, "correct": correct,
        "explanation": {"sv": "x", "en": "x"},
        "options": [{"id": f"o{i}", "text": {"sv": t, "en": t}} for i, t in enumerate(texts)],
    })


class FakeModule:
    def __init__(self, questions):
        from types import SimpleNamespace

        self.meta = SimpleNamespace(exercises=[SimpleNamespace(type="knowledge_check", questions=questions)])


def test_a_correct_option_longer_than_every_other_is_strictly_longest():
    assert correct_is_strictly_longest(question("o1", "kort", "det längsta svaret", "mellan"))


def test_a_tie_for_longest_is_not_strictly_longest():
    assert not correct_is_strictly_longest(question("o0", "abcd", "efgh"))


def test_answer_cues_count_longest_and_the_most_common_position():
    cues = answer_cues([FakeModule([question("o1", "a", "bbbb"), question("o1", "cccc", "d"),
                                    question("o0", "ee", "f"), question("o1", "g", "h")])])
    assert cues.questions == 4
    assert cues.longest_correct == 2
    assert (cues.top_position, cues.top_position_count) == (1, 3)
    assert cues.longest_share == 0.5 and cues.top_position_share == 0.75


@pytest.mark.parametrize("text, authors, years", [
    ("Enligt Manz (1986) styr vi oss själva.", ("Manz",), ("1986",)),
    ("Trygghet i teamet (Edmondson, 1999) spelar roll.", ("Edmondson",), ("1999",)),
    ("som Andersson & Tengblad 2009 visar", ("Andersson", "Tengblad"), ("2009",)),
    ("Hällstén och Tengblad (2006) beskriver hjulet.", ("Hällstén", "Tengblad"), ("2006",)),
    ("as Luft and Ingham (1955) put it", ("Luft", "Ingham"), ("1955",)),
    ("Mahembe et al. 2013 validated it", ("Mahembe",), ("2013",)),
    ("Houghton, Dawley and DiLiello (2012) shortened it", ("Houghton", "Dawley", "DiLiello"), ("2012",)),
    ("the idea (Manz 1983/1986) is", ("Manz",), ("1983", "1986")),
    ("Nel & van Zyl (2015) found", ("Nel", "van Zyl"), ("2015",)),
])
def test_an_author_year_citation_is_found_with_its_authors_and_years(text, authors, years):
    found = citations(text)
    assert [(c.authors, c.years) for c in found] == [(authors, years)]


def test_two_citations_in_one_parenthesis_are_both_found():
    found = citations("(Manz 1986; Neck & Manz 2010)")
    assert [c.authors for c in found] == [("Manz",), ("Neck", "Manz")]


@pytest.mark.parametrize("text", [
    "Föreskriften AFS 2023:2 gäller.", "Se SOU 2018:47.", "sedan 1 januari 2025", "since January 2025",
    "In 2019 the team grew.", 'Jämför "Budget 2025" med en fråga.', "a Stanford 1990 study", "År 1977 kom",
])
def test_dates_regulations_and_titles_are_not_citations(text):
    assert citations(text) == []


def test_a_citation_is_listed_when_an_entry_names_the_first_author_and_the_year():
    reading = ["Andersson, T. & Tengblad, S. (2009). Medledarskap. I: …", "Manz, C. C. (1986). Self-leadership."]
    assert listed(citations("Andersson och Tengblad (2009)")[0], reading)
    assert listed(citations("(Manz 1983/1986)")[0], reading)
    assert not listed(citations("Edmondson (1999)")[0], reading)
    assert not listed(citations("Manz (1992)")[0], reading)
