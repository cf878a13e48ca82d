"""AppTest: first run, login, joining, navigation by role, language."""

import pytest

from modules.services import cohorts
from tests.builders import PASSWORD, World, make_admin
from tests.ui.conftest import app, texts


def by_label(at, kind, label):
    return next(w for w in getattr(at, kind) if w.label == label)


def test_the_first_run_creates_an_administrator(app_env):
    at = app().run()
    assert at.title[0].value == "Välkommen till Medled"
    by_label(at, "text_input", "Namn").input("Ada Admin")
    by_label(at, "text_input", "E-postadress").input("ada@example.org")
    by_label(at, "text_input", "Lösenord").input(PASSWORD)
    by_label(at, "text_input", "Upprepa lösenordet").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value == "Grupper"
    assert at.session_state["actor"].role == "admin"
    assert "handoff" not in at.session_state or at.session_state["handoff"]


def test_the_first_run_refuses_mismatched_passwords(app_env):
    at = app().run()
    by_label(at, "text_input", "Namn").input("Ada Admin")
    by_label(at, "text_input", "E-postadress").input("ada@example.org")
    by_label(at, "text_input", "Lösenord").input(PASSWORD)
    by_label(at, "text_input", "Upprepa lösenordet").input("something else")
    at.button[0].click().run()
    assert "Lösenorden är inte likadana." in texts(at)
    assert at.title[0].value == "Välkommen till Medled"


def _login(at, login, password):
    by_label(at, "text_input", "E-postadress eller användarnamn").input(login)
    by_label(at, "text_input", "Lösenord").input(password)
    at.button[0].click().run()
    return at


def test_login_with_the_right_password_shows_the_role_home(ui_svc):
    admin = make_admin(ui_svc)
    at = _login(app().run(), admin.login, PASSWORD)
    assert not at.exception
    assert at.title[0].value == "Grupper"


def test_login_with_a_wrong_password_shows_a_message_and_stays_out(ui_svc):
    admin = make_admin(ui_svc)
    at = _login(app().run(), admin.login, "wrong password!")
    assert "Inloggningen misslyckades" in texts(at)
    assert "actor" not in at.session_state


def _join(at, code):
    at.switch_page("modules/ui/pages/join.py").run()
    by_label(at, "text_input", "Gruppkod (8 tecken)").input(code)
    at.button[0].click().run()
    return at


def test_joining_with_the_right_code_creates_an_account_and_lands_home(ui_svc):
    w = World(ui_svc)
    code = cohorts.get_cohort(ui_svc, w.fac_a, w.cohort_a)["join_code"]
    at = _join(app().run(), code)
    assert "Du går med i A1." in texts(at)
    by_label(at, "text_input", "Namn som visas för gruppen").input("Greta Gäst")
    by_label(at, "text_input", "E-postadress eller användarnamn").input("greta")
    by_label(at, "text_input", "Lösenord").input(PASSWORD)
    by_label(at, "text_input", "Upprepa lösenordet").input(PASSWORD)
    next(b for b in at.button if b.label == "Skapa konto och gå med").click().run()
    assert not at.exception
    assert at.title[0].value == "Hej Greta Gäst!"
    assert "A1" in [s.value for s in at.subheader]


def test_joining_with_a_wrong_code_shows_a_message(ui_svc):
    World(ui_svc)
    at = _join(app().run(), "ZZZZ2222")
    assert "Koden fungerar inte" in texts(at)


def test_joining_a_closed_cohort_shows_the_same_message(ui_svc):
    w = World(ui_svc)
    code = cohorts.get_cohort(ui_svc, w.fac_a, w.cohort_a)["join_code"]
    cohorts.set_join_open(ui_svc, w.fac_a, w.cohort_a, False)
    at = _join(app().run(), code)
    assert "Koden fungerar inte" in texts(at)


def test_a_participant_sees_only_participant_pages(ui_svc):
    w = World(ui_svc)
    at = app(w.part_a).run()
    assert at.title[0].value.startswith("Hej")
    with pytest.raises(ValueError, match="Could not find a navigation page") as err:
        at.switch_page("modules/ui/pages/dashboard.py")
    assert "home.py" in str(err.value) and "cohorts.py" not in str(err.value)


def test_a_facilitator_sees_the_dashboard_and_not_the_admin_pages(ui_svc):
    w = World(ui_svc)
    at = app(w.fac_a).run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    assert not at.exception
    assert at.title[0].value == "Översikt"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("modules/ui/pages/admin_log.py")


def test_an_admin_reaches_the_admin_pages(ui_svc):
    w = World(ui_svc)
    at = app(w.admin).run()
    for page, title in (("admin_log", "Exportlogg"), ("admin_orgs", "Organisationer och processledare"),
                        ("admin_content", "Programmets innehåll")):
        at.switch_page(f"modules/ui/pages/{page}.py").run()
        assert not at.exception, page
        assert at.title[0].value == title


def test_switching_language_changes_the_interface_and_is_stored(ui_svc):
    w = World(ui_svc)
    at = app(w.part_a).run()
    at.button(key="lang-en").click().run()
    assert not at.exception
    assert at.title[0].value == "Hello Anna A!"
    assert at.session_state["actor"].language == "en"
