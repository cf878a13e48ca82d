"""AppTest: a visitor without an account finds both ways in on the first page, and the
projector shows the address to open beside the join code."""

import dataclasses

from modules.services import cohorts
from modules.ui.components.join_box import public_base
from tests.builders import World
from tests.ui.conftest import app, texts


def test_the_first_page_offers_both_logging_in_and_joining_with_a_code(ui_svc):
    World(ui_svc)
    at = app().run()
    assert not at.exception
    labels = [w.label for w in at.text_input]
    assert "E-postadress eller användarnamn" in labels and "Gruppkod (8 tecken)" in labels
    assert "Ny här? Gå med i en grupp" in [h.value for h in at.subheader]


def test_a_valid_code_on_the_first_page_leads_on_to_creating_the_account(ui_svc):
    w = World(ui_svc)
    code = cohorts.get_cohort(ui_svc, w.fac_a, w.cohort_a)["join_code"]
    at = app().run()
    next(t for t in at.text_input if t.label == "Gruppkod (8 tecken)").input(code.lower())
    next(b for b in at.button if b.label == "Fortsätt").click().run()
    assert not at.exception
    assert "Du går med i" in texts(at)
    assert "Namn som visas för gruppen" in [t.label for t in at.text_input]


def test_a_wrong_code_on_the_first_page_says_so_and_stays(ui_svc):
    World(ui_svc)
    at = app().run()
    next(t for t in at.text_input if t.label == "Gruppkod (8 tecken)").input("ZZZZ2222")
    next(b for b in at.button if b.label == "Fortsätt").click().run()
    assert not at.exception and at.error
    assert at.title[0].value == "Logga in"


def test_the_join_code_screen_shows_the_public_address(ui_svc):
    w = World(ui_svc)
    ui_svc.settings = dataclasses.replace(ui_svc.settings, public_url="https://medled.example.org/")
    at = app(w.fac_a).run()
    assert not at.exception
    shown = "\n".join(str(h.proto) for h in at.get("html"))
    assert "medled.example.org/join" in shown and "Öppna" in shown


def test_the_public_address_comes_from_the_setting_else_from_the_browser():
    assert public_base(" https://medled.example.org/ ", "http://10.0.0.5:8501/cohorts") == "https://medled.example.org"
    assert public_base("", "http://10.0.0.5:8501/cohorts") == "http://10.0.0.5:8501"
    assert public_base("", None) is None


def test_the_projectors_qr_address_fills_in_the_join_code(ui_svc):
    World(ui_svc)  # an administrator exists, so a visitor sees the landing page
    at = app()
    at.query_params["code"] = "ABCD2345"
    at.run()
    assert not at.exception
    assert at.text_input(key="join_code_landing:code").value == "ABCD2345"


def test_a_reset_link_fills_in_the_code_on_the_code_page(ui_svc):
    World(ui_svc)
    at = app()
    at.query_params["code"] = "KODKODKOD2"
    at.switch_page("modules/ui/pages/code.py").run()
    assert not at.exception
    assert at.text_input[0].value == "KODKODKOD2"
