"""One engine, settings and program per process, in a plain module-level holder.

Not `st.cache_resource`: any browser (logged in or not) can send Streamlit's `clear_cache`
message, which clears every cached resource, and would make the next run rebuild the
database engine and reload the program for everyone. The Streamlit pages (modules.ui.state)
and the HTTP routes (modules.ui.http_routes) share this holder.
"""

from __future__ import annotations

import logging
import threading

from modules.curriculum.loader import load_program
from modules.db.engine import make_engine, migrate
from modules.services.context import Services
from modules.settings import load_settings
from modules.ui import streamlit_fixes

_lock = threading.Lock()
_services: Services | None = None


def services() -> Services:
    """Built on first use (the schema is migrated then), shared by every session afterwards."""
    global _services
    svc = _services
    if svc is not None:
        return svc
    with _lock:
        if _services is None:
            streamlit_fixes.install()
            settings = load_settings()
            logging.basicConfig(level=settings.log_level)
            engine = make_engine(settings.database_url)
            migrate(engine)
            _services = Services(engine=engine, settings=settings, program=load_program(settings.content_dir))
        return _services


def reset() -> None:
    """For tests (and scripts) that change the environment: the next call builds afresh."""
    global _services
    with _lock:
        if _services is not None:
            _services.engine.dispose()
        _services = None
