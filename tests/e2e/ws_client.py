"""A minimal Streamlit websocket client: what a browser tab sends and receives, as protobufs.

Used by the websocket-session tests and by bench/login_flood_bench.py."""

from __future__ import annotations

import time


class Client:
    """One browser tab: a websocket session that can rerun and submit widgets."""

    def __init__(self, url: str, cookie: str | None = None, resume: str | None = None):
        self.url, self.cookie, self.resume, self.ws = url, cookie, resume, None
        self.widgets: dict[str, str] = {}
        self.session_id: str | None = None

    async def __aenter__(self):
        import websockets

        headers = {"Cookie": f"medled_session={self.cookie}"} if self.cookie else {}
        # Streamlit reads the session to resume from the third subprotocol entry
        protocols = ["streamlit", "PLACEHOLDER_AUTH_TOKEN", self.resume] if self.resume else ["streamlit"]
        self.ws = await websockets.connect(self.url, subprotocols=protocols, additional_headers=headers, max_size=None)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def run(self, widget_states=None) -> float:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = ""
        if widget_states is not None:
            msg.rerun_script.widget_states.CopyFrom(widget_states)
        start = time.perf_counter()
        self.widgets = {}
        await self.ws.send(msg.SerializeToString())
        while True:
            fm = ForwardMsg.FromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                self.session_id = fm.new_session.initialize.session_id or self.session_id
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                name = el.WhichOneof("type")
                if name in ("text_input", "button"):
                    widget = getattr(el, name)
                    self.widgets[widget.label] = widget.id
            elif kind == "script_finished":
                if fm.script_finished == 0 or fm.script_finished == 3:  # finished successfully / fragment
                    return time.perf_counter() - start

    async def send(self, **fields) -> None:
        """A BackMsg without waiting for an answer, e.g. send(clear_cache=True)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        await self.ws.send(BackMsg(**fields).SerializeToString())

    async def submit(self, values: dict[str, str], button: str) -> float:
        from streamlit.proto.WidgetStates_pb2 import WidgetStates

        states = WidgetStates()
        for label, value in values.items():
            w = states.widgets.add()
            w.id, w.string_value = self.widgets[label], value
        w = states.widgets.add()
        w.id, w.trigger_value = self.widgets[button], True
        return await self.run(states)
