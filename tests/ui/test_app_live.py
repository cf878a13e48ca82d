"""AppTest: the live card on participant pages, the projector, the live page and roles."""

import datetime as dt

from modules.services import cohorts, live, planning, roles
from tests.builders import World, roster_rows
from tests.ui.conftest import app, texts


def projector(actor, cohort_id):
    at = app(actor).run()
    at.query_params["c"] = str(cohort_id)
    return at.switch_page("modules/ui/pages/projector.py").run()


def html_texts(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def test_two_participants_answer_a_poll_and_the_projector_counts_follow(ui_svc):
    w = World(ui_svc)
    aid = live.create_activity(ui_svc, w.fac_a, w.cohort_a, "poll", "Vad tar mest tid?", ["Information", "Beslut"],
                               open_now=True)
    pj = projector(w.fac_a, w.cohort_a)
    assert not pj.exception
    assert "0 av 2 har svarat" in html_texts(pj)
    assert "Resultaten är dolda" in html_texts(pj)  # hidden until revealed

    anna = app(w.part_a).run()
    assert "Vad tar mest tid?" in texts(anna)
    anna.button(key=f"live:{aid}:Information").click().run()
    ake = app(w.part_a_other).run()
    ake.button(key=f"live:{aid}:Information").click().run()
    anna.button(key=f"live:{aid}:Beslut").click().run()  # a changed answer counts once
    assert not anna.exception and not ake.exception

    pj.run()
    assert "2 av 2 har svarat" in html_texts(pj)
    pj.button(key="pj-vis").click().run()  # reveal
    assert live.results(ui_svc, w.fac_a, aid)["counts"] == [("Information", 1), ("Beslut", 1)]
    assert pj.get("arrow_vega_lite_chart") or pj.get("vega_lite_chart")
    pj.button(key="pj-vis").click().run()  # hide again
    assert "Resultaten är dolda" in html_texts(pj)

    pj.button(key="pj-close").click().run()
    anna.run()
    assert "Vad tar mest tid?" not in texts(anna)  # the card is gone once closed
    assert live.results(ui_svc, w.fac_a, aid)["answered"] == 2


def test_a_check_in_is_answered_with_a_word_and_shown_grouped(ui_svc):
    w = World(ui_svc)
    aid = live.create_activity(ui_svc, w.fac_a, w.cohort_a, "checkin", "Ett ord", open_now=True)
    live.set_results_visible(ui_svc, w.fac_a, aid, True)
    anna = app(w.part_a).run()
    anna.text_input(key=f"live:{aid}:text").input("<b>nyfiken</b>")
    anna.button(key=f"live:{aid}:send").click().run()
    assert not anna.exception
    pj = projector(w.fac_a, w.cohort_a)
    body = html_texts(pj)
    assert "&lt;b&gt;nyfiken&lt;/b&gt;" in body and "<b>nyfiken" not in body  # escaped, never HTML


def test_the_projector_join_view_shows_the_code_the_address_and_a_qr_code(ui_svc):
    w = World(ui_svc)
    pj = projector(w.fac_a, w.cohort_a)
    pj.segmented_control(key="projector_mode").set_value("join").run()
    body = html_texts(pj)
    code = cohorts.get_cohort(ui_svc, w.fac_a, w.cohort_a)["join_code"]
    assert code[:4] in body and "/join" in body and "data:image/svg+xml" in body


def test_the_facilitator_draws_roles_and_the_participant_sees_hers_with_a_description(ui_svc):
    w = World(ui_svc)
    sid = planning.save_session(ui_svc, w.fac_a, w.cohort_a, "Träff 1", dt.date.today(), dt.time(9), dt.time(12))
    planning.set_attendance(ui_svc, w.fac_a, sid, roster_rows(ui_svc, w.cohort_a, {w.part_a.id, w.part_a_other.id}))
    at = app(w.fac_a).run().switch_page("modules/ui/pages/live.py").run()
    at.selectbox(key="live_session").set_value(sid).run()
    at.button(key="live-draw").click().run()
    assert not at.exception
    drawn = roles.session_roles(ui_svc, w.fac_a, sid)
    assert {d["user_id"] for d in drawn} == {w.part_a.id, w.part_a_other.id}
    home = app(w.part_a).run()
    assert "Roller på Träff 1" in texts(home)
    assert any(d["description"] in texts(home) for d in drawn)


def test_the_dashboard_keeps_a_sessions_live_results_as_counts_only(ui_svc):
    w = World(ui_svc)
    aid = live.create_activity(ui_svc, w.fac_a, w.cohort_a, "poll", "Vad tar mest tid?", ["Information", "Beslut"],
                               open_now=True)
    live.answer(ui_svc, w.part_a, aid, "Beslut")
    live.answer(ui_svc, w.part_a_other, aid, "Beslut")
    live.close_activity(ui_svc, w.fac_a, aid)
    dash = app(w.fac_a).run().switch_page("modules/ui/pages/dashboard.py").run()
    assert not dash.exception
    assert "Vad tar mest tid?" in texts(dash)
    frames = [d.value.to_string() for d in dash.dataframe]
    counts = next(f for f in frames if "Beslut" in f and "Information" in f)
    assert "2" in counts and "Anna" not in counts and "Åke" not in counts  # counts, never who
