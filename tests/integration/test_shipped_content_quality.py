"""The shipped program does not give its answers away and cites what it relies on.

These run on content/ as shipped; they measure the text written by the content authors.
"""

from modules.curriculum.cues import answer_cues, unlisted_citations


def test_the_correct_option_is_rarely_the_longest_and_never_mostly_in_one_place(shipped_program):
    assert shipped_program.ok, shipped_program.problems
    cues = answer_cues(shipped_program.modules)
    assert cues.questions >= len(shipped_program.modules)  # every module has at least one
    assert cues.longest_share <= 0.40, f"correct option strictly longest in {cues.longest_correct}/{cues.questions}"
    assert cues.top_position_share <= 0.50, (
        f"position {cues.top_position + 1} holds the correct option in {cues.top_position_count}/{cues.questions}")


def test_every_author_year_cited_in_the_text_is_in_further_reading(shipped_program):
    assert shipped_program.ok, shipped_program.problems
    missing = [f"{m.folder}/{lang}.md: {c.text}" for m in shipped_program.modules for lang, c in unlisted_citations(m)]
    assert missing == []


def test_every_module_offers_three_to_five_recall_questions(shipped_program):
    assert shipped_program.ok, shipped_program.problems
    assert {m.id: 3 <= len(m.meta.recall) <= 5 for m in shipped_program.modules} == {
        m.id: True for m in shipped_program.modules}


def test_every_module_gives_learning_groups_a_prompt_in_both_languages(shipped_program):
    assert shipped_program.ok, shipped_program.problems
    missing = [m.id for m in shipped_program.modules
               if not (m.meta.group_prompt and m.meta.group_prompt.get("sv") and m.meta.group_prompt.get("en"))]
    assert missing == []
