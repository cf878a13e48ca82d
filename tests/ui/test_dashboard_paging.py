"""AppTest: the dashboard draws the newest shared answers first and the rest on request
(hundreds of answers drawn at once made the first page take seconds to load)."""

from modules.services import answers
from tests.builders import World, make_participant
from tests.ui.conftest import app


def _share_many(svc, w, people: int) -> int:
    n = 0
    for i in range(people):
        p = make_participant(svc, w.fac_a, w.cohort_a, f"Delare {i:02d}")
        for ex, data in (("first-thoughts", {"text": f"Tanke {i:02d}"}),
                         ("try-it", {"what": f"Plan {i:02d}", "due": "2030-01-01"}),
                         ("plan", {"fields": {"purpose": f"Syfte {i:02d}"}})):
            answers.save_answer(svc, p, w.cohort_a, "example", ex, data, submit=True, visibility="facilitator")
            n += 1
    return n


def test_the_dashboard_shows_the_newest_twenty_shared_answers_and_more_on_request(ui_svc):
    w = World(ui_svc)
    total = _share_many(ui_svc, w, 8)
    at = app(w.fac_a).run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [t.value for t in at.tabs[1].text]
    assert len(shown) == 20 and "Syfte 07" in "\n".join(shown)  # the newest first
    assert f"Visar de 20 senaste av {total}." in [c.value for c in at.tabs[1].caption]
    next(b for b in at.tabs[1].button if b.label == f"Visa {total - 20} till").click().run()
    assert len(at.tabs[1].text) == total
    assert not [b for b in at.tabs[1].button if b.label.startswith("Visa ")]
