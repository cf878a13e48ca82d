"""seed-demo never leaves a known administrator password and keeps away from real data."""

import re

import pytest

from modules import cli
from modules.demo import RealDataPresent, seed_demo
from modules.services import auth
from tests.builders import PASSWORD, make_admin


def _password_for(info: str, who: str) -> str:
    return re.search(rf"{who}: (\S+) / (\S+)", info).groups()


def test_on_an_empty_database_every_demo_password_is_generated_and_printed(svc):
    first = seed_demo(svc, participants=3)
    admin_login, admin_password = _password_for(first, "Administrator")
    fac_login, fac_password = _password_for(first, "Facilitator")
    assert auth.authenticate(svc, admin_login, admin_password, None).role == "admin"
    assert auth.authenticate(svc, fac_login, fac_password, None).role == "facilitator"
    assert admin_password != fac_password and len(admin_password) >= 20
    second = seed_demo(svc, participants=3)  # a database with only demo data may be seeded again
    assert _password_for(second, "Facilitator")[1] != fac_password
    assert "existing account, password unchanged" in second


def test_a_database_with_real_data_is_refused_unless_forced(svc):
    admin = make_admin(svc)
    with pytest.raises(RealDataPresent):
        seed_demo(svc, participants=2)
    info = seed_demo(svc, participants=2, force=True)
    assert f"Administrator: {admin.login} (existing account, password unchanged)" in info
    assert auth.authenticate(svc, admin.login, PASSWORD, None).id == admin.id


def test_the_command_refuses_real_data_with_a_message_and_prints_passwords_otherwise(tmp_path, monkeypatch, capsys):
    from tests.conftest import EXAMPLE_CONTENT

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("MEDLED_CONTENT_DIR", str(EXAMPLE_CONTENT))
    assert cli.main(["seed-demo", "--participants", "2"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"Administrator: \S+ / \S{20,}", out)
    assert cli.main(["create-admin", "--name", "Real", "--email", "real@example.org", "--password", PASSWORD]) == 0
    assert cli.main(["seed-demo", "--participants", "2"]) == 2
    assert "not demo data" in capsys.readouterr().err
    assert cli.main(["seed-demo", "--participants", "2", "--force"]) == 0
