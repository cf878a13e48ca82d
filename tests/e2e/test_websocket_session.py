"""At the websocket: a session resumed by its id after a disconnect is re-validated, and any
client's clear_cache message does not rebuild the database engine or reload the program."""

import asyncio

import pytest

from modules.services import accounts, auth
from tests.builders import make_admin, make_cohort, make_facilitator, make_org, make_participant
from tests.e2e.ws_client import Client

pytestmark = pytest.mark.e2e


def _ws(server) -> str:
    return server["base"].replace("http://", "ws://") + "/_stcore/stream"


def _participant(svc):
    admin = make_admin(svc, "WS Admin")
    org = make_org(svc, admin)
    fac = make_facilitator(svc, admin, org)
    return admin, make_participant(svc, fac, make_cohort(svc, fac, org), "WS Participant")


def test_a_session_resumed_after_a_disconnect_is_logged_out_if_its_login_was_revoked_meanwhile(server):
    svc = server["svc"]
    admin, user = _participant(svc)
    token = auth.exchange_handoff(svc, auth.start_session(svc, user).handoff)

    async def scenario():
        async with Client(_ws(server), token) as tab:
            await tab.run()
            assert "Logga ut" in tab.widgets, tab.widgets
            session_id = tab.session_id
        assert session_id
        accounts.revoke_sessions(svc, admin, user.id)  # while the tab is disconnected
        async with Client(_ws(server), resume=session_id) as resumed:  # no cookie: only the old session
            await resumed.run()
            assert resumed.session_id == session_id, "the server did not resume the session"
            assert "Logga ut" not in resumed.widgets and "Logga in" in resumed.widgets

    asyncio.run(scenario())


def test_an_anonymous_clear_cache_message_does_not_rebuild_the_engine(server):
    log = server["log"]

    async def scenario():
        async with Client(_ws(server)) as anonymous:
            await anonymous.run()
            before = log.read_text().count("Context impl")  # Alembic's line each time the engine is built
            await anonymous.send(clear_cache=True)
            await anonymous.run()
            assert "Logga in" in anonymous.widgets
            return before

    before = asyncio.run(scenario())
    assert before >= 1 and log.read_text().count("Context impl") == before
