"""A Streamlit client that speaks the browser's websocket protocol (no browser).

It connects to `/_stcore/stream` with the `streamlit` subprotocol and the login cookie,
sends `BackMsg.rerun_script` with a `ClientState` (query string, page, widget states,
fragment id) exactly as the frontend does, and reads `ForwardMsg`s until the run's
`script_finished`. Widgets are found by the user key at the end of their element id;
their values are kept like the frontend keeps them and sent back on every rerun.
A rerun's time is from sending the BackMsg to receiving `script_finished`.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass
class Widget:
    id: str
    kind: str
    label: str
    fragment_id: str
    options: list[str] = field(default_factory=list)


class RunFailed(RuntimeError):
    pass


class StreamlitClient:
    """One browser tab. Use `async with StreamlitClient(...)`, then `load()` and `interact()`."""

    def __init__(self, base: str, cookie: str | None = None, timeout: float = 60.0):
        self.base, self.cookie, self.timeout = base.rstrip("/"), cookie, timeout
        self.widgets: dict[str, Widget] = {}
        self.values: dict[str, WidgetState] = {}
        self.texts: list[str] = []
        self.page_hash = ""
        self.query = ""
        self.auto_reruns: dict[str, float] = {}  # fragment id -> interval (run_every)
        self.exceptions: list[str] = []
        self.last_status = None  # ForwardMsg.ScriptFinishedStatus of the last run
        self._ws = None
        self._lock = asyncio.Lock()

    async def __aenter__(self) -> StreamlitClient:
        url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        headers = {"Origin": self.base}
        if self.cookie:
            headers["Cookie"] = f"medled_session={self.cookie}"
        self._ws = await websockets.connect(url, subprotocols=["streamlit"], additional_headers=headers,
                                            max_size=None, open_timeout=self.timeout, ping_interval=None)
        return self

    async def __aexit__(self, *exc) -> None:
        await self._ws.close()

    # --- sending ----------------------------------------------------------------------

    async def load(self, page: str = "", query: str = "") -> float:
        """Open a page as a fresh tab does (URL path + query string)."""
        self.query = query
        self.widgets.clear()
        self.values.clear()
        return await self._rerun(page_name=page, page_hash="")

    async def interact(self, key: str, value=None, *, fragment: bool = True, extra: dict | None = None) -> float:
        """Set one widget (found by user key suffix) and rerun, as a click or a blur does."""
        w = self.find(key)
        states = {w.id: self._state(w, value)}
        for k, v in (extra or {}).items():
            ew = self.find(k)
            states[ew.id] = self._state(ew, v)
        return await self._rerun(page_hash=self.page_hash, set_states=states,
                                 fragment_id=w.fragment_id if fragment else "")

    async def auto_rerun(self, fragment_id: str) -> float:
        return await self._rerun(page_hash=self.page_hash, fragment_id=fragment_id, is_auto=True)

    def find(self, key: str) -> Widget:
        for wid, w in self.widgets.items():
            if wid.endswith("-" + key) or wid == key:
                return w
        raise KeyError(f"no widget with key {key!r} on the page")

    def has(self, key: str) -> bool:
        try:
            self.find(key)
            return True
        except KeyError:
            return False

    def _state(self, w: Widget, value) -> WidgetState:
        ws = WidgetState(id=w.id)
        if w.kind in ("button", "form_submit_button"):
            ws.trigger_value = True
        elif w.kind == "bidi_component":  # the autosave text area sends its state as JSON, as the browser does
            ws.json_value = json.dumps({"value": str(value)})
        elif isinstance(value, bool):
            ws.bool_value = value
        elif isinstance(value, int):
            ws.int_value = value
        elif isinstance(value, float):
            ws.double_value = value
        else:
            ws.string_value = str(value)
        return ws

    async def _rerun(self, page_hash: str = "", page_name: str = "", set_states: dict | None = None,
                     fragment_id: str = "", is_auto: bool = False) -> float:
        async with self._lock:
            msg = BackMsg()
            cs = msg.rerun_script
            cs.query_string = self.query
            cs.page_script_hash = page_hash
            cs.page_name = page_name
            cs.fragment_id = fragment_id
            cs.is_auto_rerun = is_auto
            cs.context_info.timezone = "Europe/Stockholm"
            cs.context_info.locale = "sv-SE"
            cs.context_info.url = f"{self.base}/{page_name}"
            current = {k: v for k, v in self.values.items() if k in self.widgets}
            triggers = {}
            for wid, st in (set_states or {}).items():
                if st.WhichOneof("value") == "trigger_value":
                    triggers[wid] = st
                else:
                    current[wid] = st
            self.values = dict(current)
            cs.widget_states.widgets.extend(list(current.values()) + list(triggers.values()))
            start = time.perf_counter()
            await self._ws.send(msg.SerializeToString())
            await self._read_until_finished(fragment_id)
            return time.perf_counter() - start

    # --- receiving --------------------------------------------------------------------

    async def _read_until_finished(self, fragment_id: str) -> None:
        deadline = time.monotonic() + self.timeout
        if not fragment_id:
            self.texts = []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RunFailed("timed out waiting for script_finished")
            raw = await asyncio.wait_for(self._ws.recv(), remaining)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "delta":
                self._delta(fm.delta)
            elif kind == "navigation":
                self.page_hash = fm.navigation.page_script_hash
            elif kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash or self.page_hash
            elif kind == "auto_rerun":
                self.auto_reruns[fm.auto_rerun.fragment_id] = fm.auto_rerun.interval
            elif kind == "page_not_found":
                raise RunFailed(f"page not found: {fm.page_not_found.page_name}")
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if fm.script_finished not in DONE:
                    raise RunFailed(f"script finished with status {fm.script_finished}")
                self.last_status = fm.script_finished
                return

    def _delta(self, delta) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        kind = el.WhichOneof("type")
        if kind is None:
            return
        body = getattr(el, kind)
        if kind == "exception":
            self.exceptions.append(body.message)
        if kind in ("markdown", "text", "alert", "heading", "html"):
            self.texts.append(getattr(body, "body", ""))
        wid = getattr(body, "id", "") if hasattr(body, "id") else ""
        if isinstance(wid, str) and wid.startswith("$$ID"):
            options = list(getattr(body, "options", [])) if kind == "radio" else []
            self.widgets[wid] = Widget(wid, "form_submit_button" if kind == "button" and body.is_form_submitter
                                       else kind, getattr(body, "label", ""), delta.fragment_id, options)
