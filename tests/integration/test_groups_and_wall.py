"""Learning groups and the cohort wall, through the privacy rule: who sees what, per actor."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from modules.db.engine import unit_of_work
from modules.db.models import Enrolment
from modules.services import answers, groups, wall
from modules.services.errors import DomainError, NotFound, PermissionDenied
from tests.builders import make_participant

M = "example"


def _cohort_of(svc, world, n):
    people = [world.part_a, world.part_a_other]
    people += [make_participant(svc, world.fac_a, world.cohort_a, f"Deltagare {i}") for i in range(n - 2)]
    return people


def test_group_sizes_are_three_or_four():
    for n in range(6, 41):
        sizes = groups.split_sizes(n)
        assert sum(sizes) == n and all(3 <= s <= 4 for s in sizes), (n, sizes)
    assert groups.split_sizes(5) == [5] and groups.split_sizes(3) == [3]


def test_mixing_departments_spreads_each_department_over_the_groups():
    people = [(i, "Ekonomi" if i < 4 else "IT" if i < 8 else "HR") for i in range(12)]
    result = groups.deal(people, seed=1, mix=True)
    assert sorted(len(g) for g in result) == [4, 4, 4]
    dept = dict(people)
    for g in result:
        assert len({dept[u] for u in g}) >= 2  # nobody sits only with their own department


def test_random_groups_cover_every_joined_participant_once(svc, world):
    people = _cohort_of(svc, world, 10)
    assert groups.form_random(svc, world.fac_a, world.cohort_a, seed=3) == 3
    overview = groups.overview(svc, world.fac_a, world.cohort_a)
    members = [m["user_id"] for g in overview for m in g["members"]]
    assert sorted(members) == sorted(p.id for p in people)
    with pytest.raises(PermissionDenied):
        groups.form_random(svc, world.fac_b, world.cohort_a)
    with pytest.raises(PermissionDenied):
        groups.form_random(svc, world.part_a, world.cohort_a)


def test_forming_needs_at_least_three_people(svc, world):
    with pytest.raises(DomainError):
        groups.form_random(svc, world.fac_a, world.cohort_a)


def test_mixing_uses_the_roster_department(svc, world):
    _cohort_of(svc, world, 8)
    with unit_of_work(svc.engine, write=True) as db:
        ids = [e.id for e in db.query(Enrolment).filter(Enrolment.cohort_id == world.cohort_a).order_by(Enrolment.id)]
        for i, eid in enumerate(ids):
            db.execute(update(Enrolment).where(Enrolment.id == eid).values(department="A" if i < 4 else "B"))
    groups.form_random(svc, world.fac_a, world.cohort_a, mix_departments=True, seed=5)
    assert len(groups.overview(svc, world.fac_a, world.cohort_a)) == 2


def _two_groups(svc, world):
    people = _cohort_of(svc, world, 6)
    g1 = groups.create_group(svc, world.fac_a, world.cohort_a, "Ett")
    g2 = groups.create_group(svc, world.fac_a, world.cohort_a, "Två")
    for p in people[:3]:
        groups.place(svc, world.fac_a, world.cohort_a, p.id, g1)
    for p in people[3:]:
        groups.place(svc, world.fac_a, world.cohort_a, p.id, g2)
    return people


def test_the_group_log_reaches_the_group_and_the_facilitator_only_what_was_shared(svc, world):
    people = _two_groups(svc, world)
    a, b, other = people[0], people[1], people[3]
    groups.write_log(svc, a, world.cohort_a, M, "Vi träffades och körde trojka", met_on=dt.date.today())
    groups.write_log(svc, b, world.cohort_a, M, "Till processledaren: bra övning", share_with_facilitator=True)
    mine = groups.my_group(svc, b, world.cohort_a)
    assert [e["text"] for e in mine["log"]] == ["Vi träffades och körde trojka", "Till processledaren: bra övning"]
    assert groups.my_group(svc, other, world.cohort_a)["log"] == []
    overview = {g["name"]: g for g in groups.overview(svc, world.fac_a, world.cohort_a)}
    module = overview["Ett"]["modules"][M]
    assert module["entries"] == 2 and module["met"] is True
    assert [s["text"] for s in module["shared"]] == ["Till processledaren: bra övning"]
    assert "trojka" not in repr(overview)
    with pytest.raises(PermissionDenied):
        groups.overview(svc, world.fac_b, world.cohort_a)


def test_an_answer_shared_with_my_group_reaches_my_group_only(svc, world):
    people = _two_groups(svc, world)
    a, b, other = people[0], people[1], people[3]
    answers.save_answer(svc, a, world.cohort_a, M, "first-thoughts", {"text": "Bara för gruppen"}, submit=True,
                        visibility="group")
    assert [x["data"]["text"] for x in groups.group_shared(svc, b, world.cohort_a)] == ["Bara för gruppen"]
    assert groups.group_shared(svc, other, world.cohort_a) == []
    assert answers.cohort_shared(svc, other, world.cohort_a) == []
    from modules.services import dashboard

    shared = dashboard.shared_answers(svc, world.fac_a, world.cohort_a)
    assert "Bara för gruppen" not in repr(shared)


def test_members_and_facilitators_set_the_next_meeting_and_outsiders_cannot(svc, world):
    people = _two_groups(svc, world)
    when = dt.datetime.combine(dt.date.today() + dt.timedelta(days=4), dt.time(15))
    groups.set_next_meeting(svc, people[0], world.cohort_a, when)
    assert groups.my_group(svc, people[1], world.cohort_a)["next_meeting_at"] == when
    with pytest.raises(PermissionDenied):
        groups.set_next_meeting(svc, world.part_b, world.cohort_a, when)


def _shared_post(svc, world, text="Det här lärde jag mig"):
    answers.save_answer(svc, world.part_a, world.cohort_a, M, "first-thoughts", {"text": text}, submit=True,
                        visibility="cohort")
    return wall.wall(svc, world.part_a_other, world.cohort_a, M)[0]["id"]


def test_the_wall_shows_cohort_shared_reflections_with_replies(svc, world):
    post = _shared_post(svc, world)
    wall.reply(svc, world.part_a_other, post, "Känner igen mig!")
    wall.reply(svc, world.fac_a, post, "Bra fångat.")
    seen = wall.wall(svc, world.part_a, world.cohort_a, M)
    assert seen[0]["text"] == "Det här lärde jag mig"
    assert [r["text"] for r in seen[0]["replies"]] == ["Känner igen mig!", "Bra fångat."]
    with pytest.raises(PermissionDenied):
        wall.wall(svc, world.part_b, world.cohort_a, M)
    with pytest.raises(PermissionDenied):
        wall.reply(svc, world.fac_b, post, "hej")
    with pytest.raises(DomainError):
        wall.reply(svc, world.part_a_other, post, "x" * (wall.REPLY_MAX + 1))


def test_a_private_or_facilitator_only_reflection_is_not_on_the_wall(svc, world):
    answers.save_answer(svc, world.part_a, world.cohort_a, M, "first-thoughts", {"text": "Till dig"}, submit=True,
                        visibility="facilitator")
    assert wall.wall(svc, world.part_a_other, world.cohort_a, M) == []


def test_the_author_withdraws_a_post_and_it_leaves_the_wall(svc, world):
    post = _shared_post(svc, world)
    with pytest.raises(NotFound):
        wall.withdraw(svc, world.part_a_other, post)
    wall.withdraw(svc, world.part_a, post)
    assert wall.wall(svc, world.part_a_other, world.cohort_a, M) == []
    assert wall.wall(svc, world.fac_a, world.cohort_a, M) == []


def test_a_hidden_post_or_reply_is_gone_for_others_and_marked_for_its_author(svc, world):
    post = _shared_post(svc, world)
    reply_id = wall.reply(svc, world.part_a_other, post, "Olämpligt svar")
    with pytest.raises(PermissionDenied):
        wall.set_reply_hidden(svc, world.part_a, reply_id, True)
    wall.set_reply_hidden(svc, world.fac_a, reply_id, True)
    assert wall.wall(svc, world.part_a, world.cohort_a, M)[0]["replies"] == []
    mine = wall.wall(svc, world.part_a_other, world.cohort_a, M)[0]["replies"]
    assert mine[0]["hidden"] is True
    wall.set_post_hidden(svc, world.fac_a, post, True)
    assert wall.wall(svc, world.part_a_other, world.cohort_a, M) == []
    assert wall.wall(svc, world.part_a, world.cohort_a, M)[0]["hidden"] is True
    assert wall.wall(svc, world.fac_a, world.cohort_a, M)[0]["hidden"] is True
    with pytest.raises(NotFound):
        wall.reply(svc, world.part_a_other, post, "hallå?")
    wall.set_post_hidden(svc, world.fac_a, post, False)
    assert len(wall.wall(svc, world.part_a_other, world.cohort_a, M)) == 1


def test_the_groups_next_meeting_is_in_its_members_calendar_file_and_not_in_the_feed(svc, world):
    import icalendar

    from modules.services import calendar

    people = _two_groups(svc, world)
    when = dt.datetime.combine(dt.date.today() + dt.timedelta(days=4), dt.time(15))
    groups.set_next_meeting(svc, people[0], world.cohort_a, when)

    def titles(data):
        return [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]

    assert titles(calendar.cohort_calendar(svc, people[1], world.cohort_a)) == ["Lärgrupp Ett"]
    assert titles(calendar.cohort_calendar(svc, people[3], world.cohort_a)) == []
    token = calendar.feed_token(svc, world.fac_a, world.cohort_a)
    assert titles(calendar.calendar_for_token(svc, token)) == []
    first = icalendar.Calendar.from_ical(calendar.cohort_calendar(svc, people[1], world.cohort_a)).walk("VEVENT")[0]
    groups.set_next_meeting(svc, people[1], world.cohort_a, when + dt.timedelta(hours=2))
    moved = icalendar.Calendar.from_ical(calendar.cohort_calendar(svc, people[1], world.cohort_a)).walk("VEVENT")[0]
    assert str(moved["UID"]) == str(first["UID"]) and int(moved["SEQUENCE"]) > int(first["SEQUENCE"])


def test_my_data_holds_my_group_log_and_wall_replies_and_deleting_my_account_removes_them(svc, world):
    from modules.services import mydata
    from tests.builders import PASSWORD

    people = _two_groups(svc, world)
    a = people[0]
    groups.write_log(svc, a, world.cohort_a, M, "Min loggrad")
    answers.save_answer(svc, people[1], world.cohort_a, M, "first-thoughts", {"text": "Delat"}, submit=True,
                        visibility="cohort")
    post = wall.wall(svc, a, world.cohort_a, M)[0]["id"]
    wall.reply(svc, a, post, "Mitt svar")
    data = mydata.my_data(svc, a)
    assert [e["text"] for e in data["group_log"]] == ["Min loggrad"]
    assert [r["text"] for r in data["wall"]] == ["Mitt svar"]
    mydata.delete_my_account(svc, a, PASSWORD)
    assert groups.my_group(svc, people[1], world.cohort_a)["log"] == []
    assert wall.wall(svc, people[1], world.cohort_a, M)[0]["replies"] == []


def test_the_roster_department_column_is_imported_for_mixing_groups(svc, world):
    from modules.db.models import Enrolment
    from modules.services import roster

    data = b"Namn;E-post;Avdelning\nEva Ek;eva@example.org;Ekonomi\nIda Is;ida@example.org;IT\n"
    assert roster.import_roster(svc, world.fac_a, world.cohort_a, "lista.csv", data) == 2
    with unit_of_work(svc.engine) as db:
        depts = dict(db.query(Enrolment.email, Enrolment.department).filter(Enrolment.cohort_id == world.cohort_a,
                                                                             Enrolment.email.like("%example.org")))
    assert depts["eva@example.org"] == "Ekonomi" and depts["ida@example.org"] == "IT"
