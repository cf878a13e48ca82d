"""Throttling that stops attackers, not workshops — on SQLite and PostgreSQL."""

import threading
import time

import pytest
from sqlalchemy import func, insert, select, update

from modules.db.engine import unit_of_work
from modules.db.models import Attempt, User, utcnow
from modules.services import auth, cohorts, security
from modules.services.errors import DomainError, Throttled
from tests.builders import PASSWORD, make_admin

VENUE = "198.51.100.20"  # one public address for the whole room


def _participants(svc, n: int) -> list[str]:
    """n accounts sharing one password hash (hashing 40 passwords would only slow the test)."""
    hashed = security.hash_password(PASSWORD)
    logins = [f"room{i}@example.org" for i in range(n)]
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(insert(User), [dict(name=f"P {i}", login=login, password_hash=hashed, role="participant",
                                       language="sv", created_at=utcnow()) for i, login in enumerate(logins)])
    return logins


def test_a_workshop_of_forty_behind_one_address_with_ten_typos_all_get_in(svc, world):
    logins = _participants(svc, 40)
    code = cohorts.get_cohort(svc, world.fac_a, world.cohort_a)["join_code"]
    for i, login in enumerate(logins):
        if i % 4 == 0:  # ten of them mistype: first the join code, then the password
            with pytest.raises(DomainError):
                cohorts.check_join_code(svc, code[::-1], VENUE)
            with pytest.raises(DomainError):
                auth.authenticate(svc, login, PASSWORD + "x", VENUE)
        assert cohorts.check_join_code(svc, code, VENUE)["id"] == world.cohort_a
        assert auth.authenticate(svc, login, PASSWORD, VENUE).login == login


def _known_device(svc, actor) -> str:
    login = auth.start_session(svc, actor)
    token = auth.exchange_handoff(svc, login.handoff)
    return auth.remember_device(svc, token, None)


def test_an_attacker_cannot_lock_out_the_owner_on_a_device_that_logged_in_before(svc):
    admin = make_admin(svc)
    device = _known_device(svc, admin)
    for i in range(svc.settings.throttle_max_failures):
        with pytest.raises(DomainError):
            auth.authenticate(svc, admin.login, f"guess number {i}", "203.0.113.66")
    with pytest.raises(Throttled):  # unknown clients are slowed down, even with the right password
        auth.authenticate(svc, admin.login, PASSWORD, "192.0.2.1")
    assert auth.authenticate(svc, admin.login, PASSWORD, "192.0.2.1", device).id == admin.id
    with pytest.raises(Throttled):  # the device cookie does not help another account
        auth.authenticate(svc, admin.login, PASSWORD, "192.0.2.1", "a-made-up-device-token")


def test_a_known_device_has_its_own_limit_for_wrong_passwords(svc):
    admin = make_admin(svc)
    device = _known_device(svc, admin)
    for i in range(svc.settings.throttle_max_failures):
        with pytest.raises(DomainError):
            auth.authenticate(svc, admin.login, f"guess number {i}", None, device)
    with pytest.raises(Throttled):
        auth.authenticate(svc, admin.login, PASSWORD, None, device)


def test_twenty_parallel_wrong_passwords_are_twenty_failures_and_at_most_five_are_checked(svc):
    admin = make_admin(svc)
    outcomes, start = [], threading.Barrier(20)

    def attempt(i):
        start.wait()
        try:
            auth.authenticate(svc, admin.login, f"parallel guess {i}", None)
        except Throttled:
            outcomes.append("throttled")
        except DomainError as exc:
            outcomes.append(exc.key)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with unit_of_work(svc.engine) as db:
        counted = db.scalar(select(func.count()).select_from(Attempt).where(
            Attempt.scope == "account", Attempt.key == security.sha256(admin.login)))
    assert counted == 20
    assert outcomes.count("error.login_failed") == svc.settings.throttle_max_failures
    assert outcomes.count("throttled") == 20 - svc.settings.throttle_max_failures


def test_failures_older_than_the_window_are_pruned(svc):
    admin = make_admin(svc)
    with pytest.raises(DomainError):
        auth.authenticate(svc, admin.login, "an old mistake", "192.0.2.9")
    with unit_of_work(svc.engine, write=True) as db:
        db.execute(update(Attempt).values(at=utcnow().replace(year=2000)))
    assert auth.authenticate(svc, admin.login, PASSWORD, "192.0.2.9").id == admin.id
    with unit_of_work(svc.engine) as db:
        assert db.scalar(select(func.count()).select_from(Attempt)) == 0


def test_only_a_small_fixed_number_of_password_hashes_run_at_once(monkeypatch):
    running, peak, lock = [0], [0], threading.Lock()
    real = security._hasher.verify

    def counting_verify(stored, password):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        try:
            time.sleep(0.05)
            return real(stored, password)
        finally:
            with lock:
                running[0] -= 1

    class CountingHasher:
        verify = staticmethod(counting_verify)

    security._dummy_hash()  # made once with the real hasher (alone, this test once met it unmade)
    monkeypatch.setattr(security, "_hasher", CountingHasher())
    threads = [threading.Thread(target=security.verify_password, args=(None, "x" * 12)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == security.HASH_SLOTS <= 2

