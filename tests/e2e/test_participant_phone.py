"""A participant on a phone-sized screen: joins with the code, writes a reflection, reloads,
and finds the draft still there."""

import pytest

from modules.services import cohorts
from tests.builders import make_admin, make_cohort, make_facilitator, make_org

pytestmark = pytest.mark.e2e


def _draft(svc, login):
    from sqlalchemy import select

    from modules.db.engine import unit_of_work
    from modules.db.models import Answer, User

    with unit_of_work(svc.engine) as db:
        row = db.execute(select(Answer.data, Answer.status).join(User, User.id == Answer.user_id)
                         .where(User.login == login, Answer.exercise_id == "first-thoughts")).first()
    return (row.data or {}).get("text") if row and row.status == "draft" else None


def test_a_participant_joins_on_a_phone_and_a_draft_survives_a_reload(server, browser):
    svc, base = server["svc"], server["base"]
    admin = make_admin(svc, "Phone Admin")
    org = make_org(svc, admin)
    fac = make_facilitator(svc, admin, org)
    cohort_id = make_cohort(svc, fac, org, "Mobilgruppen")
    code = cohorts.get_cohort(svc, fac, cohort_id)["join_code"]

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base + "/join")
    page.get_by_label("Gruppkod (8 tecken)").fill(code.lower())
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_text("Du går med i Mobilgruppen.").wait_for(timeout=30000)
    page.get_by_label("Namn som visas för gruppen").fill("Mia Mobil")
    page.get_by_role("textbox", name="E-postadress eller användarnamn").fill("mia.mobil")
    page.get_by_role("textbox", name="Lösenord", exact=True).fill("ett långt lösenord")
    page.get_by_label("Upprepa lösenordet").fill("ett långt lösenord")
    page.get_by_role("button", name="Skapa konto och gå med").click()
    page.get_by_text("Hej Mia Mobil!").wait_for(timeout=30000)
    page.wait_for_load_state("load")
    page.get_by_text("Hej Mia Mobil!").wait_for(timeout=30000)

    page.get_by_role("button", name="Öppna").first.click()
    page.get_by_role("heading", name="Exempelmodul").wait_for(timeout=30000)
    box = page.get_by_role("textbox", name="Ditt svar")
    box.fill("Jag leder när jag samordnar skiftbytet.")
    box.press("Tab")  # leaving the field saves the draft
    for _ in range(60):  # the draft reaches the database without any submit
        if _draft(svc, "mia.mobil") == "Jag leder när jag samordnar skiftbytet.":
            break
        page.wait_for_timeout(250)
    assert _draft(svc, "mia.mobil") == "Jag leder när jag samordnar skiftbytet."
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling

    page.reload()  # only the cookie, the URL and the database remain
    page.get_by_role("heading", name="Exempelmodul").wait_for(timeout=30000)
    assert page.get_by_role("textbox", name="Ditt svar").input_value() == "Jag leder när jag samordnar skiftbytet."
    page.goto(base + "/")  # a new visit: home offers to continue where she left off
    page.get_by_role("button", name="Fortsätt med Exempelmodul").click()
    page.get_by_role("heading", name="Exempelmodul").wait_for(timeout=30000)
    context.close()
