"""A participant on a phone-sized screen: joins with the code, writes a reflection, reloads
without leaving the field, and finds the draft still there."""

import re

import pytest

from modules.services import cohorts
from tests.builders import make_admin, make_cohort, make_facilitator, make_org
from tests.e2e.ready import goto_ready, reload_ready, wait_ready

pytestmark = pytest.mark.e2e
TEXT = "Jag leder när jag samordnar skiftbytet."


def _draft(svc, login, exercise="first-thoughts"):
    from sqlalchemy import select

    from modules.db.engine import unit_of_work
    from modules.db.models import Answer, User

    with unit_of_work(svc.engine) as db:
        row = db.execute(select(Answer.data, Answer.status).join(User, User.id == Answer.user_id)
                         .where(User.login == login, Answer.exercise_id == exercise)).first()
    return (row.data or {}).get("text") if row and row.status == "draft" else None


def _join(server, browser, login, name):
    svc, base = server["svc"], server["base"]
    admin = make_admin(svc, f"Admin for {name}")
    org = make_org(svc, admin)
    fac = make_facilitator(svc, admin, org)
    cohort_id = make_cohort(svc, fac, org, "Mobilgruppen")
    code = cohorts.get_cohort(svc, fac, cohort_id)["join_code"]

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    goto_ready(page, base + "/join", page.get_by_label("Gruppkod (8 tecken)"))
    page.get_by_label("Gruppkod (8 tecken)").fill(code.lower())
    page.get_by_role("button", name="Fortsätt").click()
    wait_ready(page, page.get_by_label("Namn som visas för gruppen"))
    page.get_by_label("Namn som visas för gruppen").fill(name)
    page.get_by_role("textbox", name="E-postadress eller användarnamn").fill(login)
    page.get_by_role("textbox", name="Lösenord", exact=True).fill("ett långt lösenord")
    page.get_by_label("Upprepa lösenordet").fill("ett långt lösenord")
    page.get_by_role("button", name="Skapa konto och gå med").click()
    page.wait_for_url(lambda url: "/join" not in url, timeout=60000)  # the cookie handoff navigates
    first_module = page.get_by_role("button", name=re.compile(r"klart · cirka \d+ min")).first  # home's module list
    wait_ready(page, first_module)
    first_module.click()
    box = page.get_by_role("textbox", name="Ditt svar")
    wait_ready(page, box)
    return context, page, box


def _saved(page):
    """The field says "Sparat" only once the server has confirmed the text it shows."""
    page.get_by_role("status").filter(has_text=re.compile(r"^Sparat$")).wait_for(timeout=60000)
    wait_ready(page)


def test_a_draft_typed_on_a_phone_survives_a_reload_without_leaving_the_field(server, browser):
    context, page, box = _join(server, browser, "mia.mobil", "Mia Mobil")
    box.click()
    box.press_sequentially(TEXT)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling

    reload_ready(page, page.get_by_role("textbox", name="Ditt svar"))  # focus still in the field
    assert page.get_by_role("textbox", name="Ditt svar").input_value() == TEXT
    _saved(page)
    assert _draft(server["svc"], "mia.mobil") == TEXT

    goto_ready(page, server["base"] + "/", page.get_by_role("button", name="Fortsätt med Exempelmodul"))
    page.get_by_role("button", name="Fortsätt med Exempelmodul").click()
    wait_ready(page, page.get_by_role("textbox", name="Ditt svar"))
    assert page.get_by_role("textbox", name="Ditt svar").input_value() == TEXT
    context.close()


def test_a_pause_in_typing_saves_the_draft_and_says_so(server, browser):
    context, page, box = _join(server, browser, "per.paus", "Per Paus")
    box.click()
    box.press_sequentially("Ett utkast")
    _saved(page)
    assert _draft(server["svc"], "per.paus") == "Ett utkast"
    assert box.evaluate("e => e === e.getRootNode().activeElement")  # still typing in the same field
    box.press_sequentially(" och mer")  # a second pause: the field alone reruns, and confirms again
    assert page.get_by_role("status").first.inner_text() != "Sparat"  # this field's status comes first
    _saved(page)
    assert _draft(server["svc"], "per.paus") == "Ett utkast och mer"
    context.close()


def test_a_paste_over_the_limit_is_refused_with_the_limit_and_kept_in_the_field(server, browser):
    context, page, box = _join(server, browser, "lisa.lang", "Lisa Lång")
    box.click()
    box.press_sequentially("Kort")
    _saved(page)
    box.fill("x" * 20001)
    page.get_by_role("alert").filter(has_text="högst 20\u00a0000 tecken").wait_for(timeout=60000)
    box.blur()
    assert len(box.input_value()) == 20001  # nothing cut
    assert _draft(server["svc"], "lisa.lang") == "Kort"
    context.close()


def test_the_keyboard_alone_fills_and_saves_a_one_line_field(server, browser):
    context, page, box = _join(server, browser, "kim.tangent", "Kim Tangent")
    page.get_by_role("button", name="Nästa: Öva").click()  # the commitment is in the module's next step
    who = page.get_by_role("textbox", name="Med vem?")
    wait_ready(page, who)
    who.focus()
    page.keyboard.type("Teamet")
    page.keyboard.press("Enter")  # a one-line field: Enter saves, no new line
    status = page.get_by_role("status").filter(has_text=re.compile(r"^Sparat$"))
    status.first.wait_for(timeout=60000)
    wait_ready(page)
    assert who.input_value() == "Teamet"
    from sqlalchemy import select

    from modules.db.engine import unit_of_work
    from modules.db.models import Answer, User

    with unit_of_work(server["svc"].engine) as db:
        data = db.scalar(select(Answer.data).join(User, User.id == Answer.user_id)
                         .where(User.login == "kim.tangent", Answer.exercise_id == "try-it"))
    assert data["with_whom"] == "Teamet"
    context.close()


def test_the_reader_steps_through_a_module_and_each_step_starts_at_the_top(server, browser):
    context, page, box = _join(server, browser, "stina.steg", "Stina Steg")
    nxt = page.get_by_role("button", name="Nästa: Öva")
    nxt.scroll_into_view_if_needed()  # the step buttons are at the foot of the step
    assert _scrolled(page) > 0
    nxt.click()
    wait_ready(page, page.get_by_role("textbox", name="Med vem?"))
    page.wait_for_function("() => window.scrollY === 0 && [...document.querySelectorAll('*')]"
                           ".every(e => e.scrollTop === 0)", timeout=60000)
    assert "s=practice" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling
    assert page.get_by_role("textbox", name="Ditt svar").count() == 0  # the first step's fields are gone

    reload_ready(page, page.get_by_role("textbox", name="Med vem?"))  # a reload keeps the step
    page.get_by_role("button", name="Nästa: Sammanfattning och omdöme").click()
    wait_ready(page, page.get_by_text("Vad tyckte du om modulen?"))
    page.get_by_role("button", name="Föregående").click()
    wait_ready(page, page.get_by_role("textbox", name="Med vem?"))
    context.close()


def _scrolled(page) -> int:
    """How far the page is scrolled, whichever element Streamlit scrolls."""
    return page.evaluate("Math.max(window.scrollY, ...[...document.querySelectorAll('*')].map(e => e.scrollTop))")


def test_a_draft_typed_just_before_the_tab_is_closed_is_there_in_a_new_tab(server, browser):
    context, page, box = _join(server, browser, "tove.flik", "Tove Flik")
    box.click()
    box.press_sequentially("Skrivet precis innan fliken stängdes")
    url = page.url
    page.close()  # no pause, no blur: only pagehide, or the browser's unsent copy, can keep it
    page = context.new_page()
    goto_ready(page, url, page.get_by_role("textbox", name="Ditt svar"))
    assert page.get_by_role("textbox", name="Ditt svar").input_value() == "Skrivet precis innan fliken stängdes"
    _saved(page)
    assert _draft(server["svc"], "tove.flik") == "Skrivet precis innan fliken stängdes"
    context.close()
