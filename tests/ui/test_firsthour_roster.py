"""AppTest: a facilitator uploads a roster on the dashboard's set-up tab."""

from modules.services import cohorts
from modules.services import roster as roster_service
from tests.builders import World
from tests.ui.conftest import app, texts

MIXED = ("Namn;E-post\nÅsa Öberg;asa@example.se\nUtan Post;\nPer Ek;per@example.se\n"
         "Fel Adress;inte-en-adress\nIda Lund;ida@example.se\n").encode("cp1252")
CLEAN = "Namn;E-post\nÅsa Öberg;asa@example.se\nPer Ek;per@example.se\n".encode("cp1252")


def _setup_page(actor):
    at = app(actor).run()
    at.switch_page("modules/ui/pages/dashboard.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _upload(at, name, data):
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _emails(svc, fac, cohort_id):
    return {p["email"] for p in cohorts.roster(svc, fac, cohort_id) if p["email"]}


def test_a_roster_with_bad_rows_can_be_imported_without_them_by_an_explicit_choice(ui_svc):
    w = World(ui_svc)
    before = _emails(ui_svc, w.fac_a, w.cohort_a)
    at = _upload(_setup_page(w.fac_a), "lista.csv", MIXED)
    assert "2 rader behöver rättas" in texts(at)
    assert not [b for b in at.button if b.label.startswith("Lägg till") and "personer" in b.label], "no import of the whole file"
    choice = next(b for b in at.button if b.label == "Importera de 3 giltiga raderna och hoppa över de 2 som listas nedan")
    choice.click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _emails(ui_svc, w.fac_a, w.cohort_a) - before == {"asa@example.se", "per@example.se", "ida@example.se"}
    assert "3 personer är tillagda i deltagarlistan som inbjudna. Ingen e-post har skickats" in texts(at)
    assert at.file_uploader[0].value is None, "the uploader is fresh for the next file"


def test_a_clean_roster_says_it_adds_people_to_the_roster_and_sends_no_email(ui_svc):
    w = World(ui_svc)
    at = _upload(_setup_page(w.fac_a), "lista.csv", CLEAN)
    assert "E-post är avstängd, så Medled skickar ingenting" in texts(at)
    next(b for b in at.button if b.label == "Lägg till 2 personer i deltagarlistan").click().run()
    assert {"asa@example.se", "per@example.se"} <= _emails(ui_svc, w.fac_a, w.cohort_a)
    assert "2 personer är tillagda i deltagarlistan" in texts(at)


def test_an_upload_is_parsed_once_however_often_the_page_reruns(ui_svc, monkeypatch):
    calls = []
    real = roster_service.parse_roster
    monkeypatch.setattr(roster_service, "parse_roster", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    w = World(ui_svc)
    at = _upload(_setup_page(w.fac_a), "lista.csv", CLEAN)
    at.run()
    at.run()
    assert "Lägg till 2 personer i deltagarlistan" in [b.label for b in at.button]
    assert calls == ["lista.csv"]
    _upload(at, "andra.csv", MIXED)
    assert calls == ["lista.csv", "andra.csv"], "a new upload is parsed again"
