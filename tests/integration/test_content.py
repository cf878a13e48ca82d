"""The content loader and check-content: shipped content passes; broken folders fail clearly."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from modules.curriculum.loader import counts, load_program

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "fixtures" / "content" / "broken"

EXPECTED = {
    "unknown-field": ("module.yaml:4", "duration: unknown field"),
    "missing-translation": ("module.yaml:4", "title.en: missing English text"),
    "missing-section-text": ("en.md", "missing translation: section 'practice'"),
    "broken-reference": ("module.yaml:16", "refers to exercise 'no-such-exercise'"),
    "empty-text": ("module.yaml:37", "prompt.sv: text is empty"),
    "bad-scale": ("module.yaml:25", "scale.max: max must be greater than min"),
    "branch-nowhere": ("module.yaml:49", "leads to step 's9', which does not exist"),
    "bad-yaml": ("module.yaml:3", "not valid YAML"),
    "wrong-answer-key": ("module.yaml:71", "'z' is not one of the options"),
    "duplicate-ids": ("module.yaml", "module id 'example' is also used by 01-example"),
    "recall-too-few": ("module.yaml:92", "recall: recall needs 3-5 questions, not 2"),
    "recall-missing-english": ("module.yaml:100", "recall[1].text.en: missing English text"),
    "recall-wrong-key": ("module.yaml:111", "recall[2].correct: 'z' is not one of the options"),
    "linear-scenario": ("module.yaml:46", "every first choice leads to the same step 's2'"),
    "retrospective-without-repeats": ("module.yaml:22", "retrospective: true needs repeats"),
    "followup-window": ("_program/followup.yaml:29", "items[0].text.en: missing English text"),
}


def test_a_manager_guide_in_one_language_only_is_reported():
    result = check_content(str(BROKEN / "followup-window"))
    assert "followup-window/_program/manager-guide.en.md: missing translation" in result.stdout


def test_a_followup_that_closes_before_it_opens_is_refused():
    import pytest
    from pydantic import ValidationError

    from modules.curriculum.program import Followup

    data = load_program(ROOT / "tests" / "fixtures" / "content" / "valid").extras.followup.model_dump()
    with pytest.raises(ValidationError, match="closes_after_days must be later"):
        Followup.model_validate(data | {"opens_after_days": 60, "closes_after_days": 50})


def test_the_shipped_program_has_a_followup_and_a_manager_guide_in_both_languages(shipped_program):
    extras = shipped_program.extras
    assert extras.followup is not None and 3 <= len(extras.followup.items) <= 8
    assert {"check-in", "agreement", "sbi-feedback", "fifteen-percent"} <= set(extras.followup.item_ids())
    assert set(extras.manager_guide) == {"sv", "en"}


def check_content(*args):
    return subprocess.run([sys.executable, "-m", "modules", "check-content", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_check_content_passes_on_the_shipped_content():
    result = check_content()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_broken_folder_gives_its_message_and_exit_1(case):
    result = check_content(str(BROKEN / case))
    where, message = EXPECTED[case]
    assert result.returncode == 1
    line = next((ln for ln in result.stdout.splitlines() if message in ln), None)
    assert line is not None, result.stdout
    assert where in line


def test_every_broken_case_has_an_expectation():
    assert {p.name for p in BROKEN.iterdir()} == set(EXPECTED)


def test_check_content_json_gives_counts_per_module_and_language():
    result = check_content("--json", str(ROOT / "tests" / "fixtures" / "content" / "valid"))
    data = json.loads(result.stdout)
    assert data["example"]["sv"]["sections"] == 2
    assert data["example"]["en"]["exercise_types"]["scenario"] == 1
    assert data["example"]["sv"]["recall_questions"] == 3
    assert data["example"]["en"]["branching"] == {"choose": "branching"}


def test_check_content_json_reports_a_linear_scenario_as_linear():
    result = check_content("--json", str(BROKEN / "linear-scenario"))
    assert result.returncode == 1
    assert "every first choice leads to the same step" in result.stderr


def test_a_missing_content_folder_is_reported_not_crashed():
    result = check_content(str(ROOT / "no-such-folder"))
    assert result.returncode == 1 and "does not exist" in result.stdout


def test_the_shipped_program_meets_the_curriculum_minimums(shipped_program):
    assert shipped_program.ok, shipped_program.problems
    figures = counts(shipped_program)
    assert len(figures) == 8
    all_types = set()
    for module_id, per_lang in figures.items():
        for lang, c in per_lang.items():
            assert c["words"] >= 1200, (module_id, lang, c["words"])
            assert c["sections"] >= 4, (module_id, lang)
            assert c["exercises"] >= 5, module_id
            assert len(c["exercise_types"]) >= 3, module_id
            all_types |= set(c["exercise_types"])
    assert all_types == {"reflection", "self_assessment", "scenario", "knowledge_check", "checklist", "planner",
                         "commitment"}


def test_the_program_opens_with_the_baseline_and_the_final_module_repeats_it(shipped_program):
    first, last = shipped_program.modules[0], shipped_program.modules[-1]
    baseline = first.meta.exercises[0]
    assert baseline.type == "self_assessment" and first.meta.sections[0].exercises[0] == baseline.id
    assert {d.id for d in baseline.dimensions} == {"medledarskap", "sjalvledarskap", "paverkan", "moten",
                                                   "konflikter", "arbetsgrupper"}
    assert any(e.type == "self_assessment" and e.repeats == f"{first.id}/{baseline.id}" for e in last.meta.exercises)


def test_every_module_has_a_branching_scenario_and_a_commitment(shipped_program):
    for m in shipped_program.modules:
        scenarios = [e for e in m.meta.exercises if e.type == "scenario"]
        assert any(o.next for s in scenarios for step in s.steps for o in step.options), m.id
        assert any(e.type == "commitment" for e in m.meta.exercises), m.id


def test_the_required_planners_are_where_the_curriculum_says(shipped_program):
    templates = {m.id: {e.template for e in m.meta.exercises if e.type == "planner"} for m in shipped_program.modules}
    assert "agreement" in templates["medledarskap"]
    assert "stakeholder_map" in templates["kommunicera-och-paverka"]
    assert "meeting_plan" in templates["leda-moten"]
    assert "team_charter" in templates["arbetsgrupper-och-projekt"]
    assert "development_plan" in templates["larande-och-erkannande"]


def test_no_licensed_instrument_is_named_as_our_own(shipped_program):
    for m in shipped_program.modules:
        for ex in m.meta.exercises:
            if ex.type == "self_assessment":
                text = (ex.title.sv + ex.title.en + (ex.intro.sv + ex.intro.en if ex.intro else "")).upper()
                assert not any(name in text for name in ("RSLQ", "TKI", "GDQ")), (m.id, ex.id)
                if not ex.repeats:
                    assert ex.intro and "validerat" in ex.intro.sv and "validated" in ex.intro.en, (m.id, ex.id)


def test_scenario_options_all_explain_why(shipped_program):
    for m in shipped_program.modules:
        for ex in m.meta.exercises:
            if ex.type == "scenario":
                for step in ex.steps:
                    for o in step.options:
                        assert len(o.feedback.sv.split()) >= 8 and len(o.feedback.en.split()) >= 8, (m.id, ex.id, o.id)


def test_load_program_is_the_same_loader_the_app_uses():
    result = load_program(ROOT / "tests" / "fixtures" / "content" / "valid")
    assert result.ok and result.module("example").exercise("plan").template == "meeting_plan"
