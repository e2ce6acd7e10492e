"""A minimal Streamlit client speaking the app's websocket protocol, for scripts/load_test.py.

It does what the browser's frontend does, no more: fetches the page and the health check first and keeps the cookies it is given (a
room's proxy names the replica in one: docs/room.md; the server's XSRF cookie), opens /_stcore/stream with them
(at a page's URL path and with a link's query string, as a browser opening a link does), asks for reruns with the current widget states (a button press is
a one-shot trigger), uploads a file through /_stcore/upload_file, follows the fragments' timed reruns
(`auto_rerun`), and reads back the elements a test looks at (metrics, plain text, alerts, progress, errors).
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import json
import time
import urllib.parse
import urllib.request
import uuid

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Common_pb2 import FileUploaderState, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from websockets.asyncio.client import connect


class StreamlitSession:
    def __init__(self, url: str, path: str = "", query: str = "", cookies: dict[str, str] | None = None) -> None:
        """`path` and `query`: the link the session opens, e.g. path "Neural_training", query "order=10&steps=5"
        (what a browser sends for /Neural_training?order=10&steps=5). `cookies`: ones the visitor already holds
        (`{"MMROOM": "r2"}`: a room's replica 2)."""
        self.http = url
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.pages: dict[str, str] = {}  # page name -> page_script_hash
        self.url_paths: dict[str, str] = {}  # page_script_hash -> URL path (st.navigation names pages by it)
        self.page_hash = ""
        self.path = path.strip("/")  # the URL path of the first run, until the server names the page
        self.query = query.lstrip("?")  # the address's query string: the link's, then as the app rewrites it
        self.session_id = ""
        self.widgets: dict[str, WidgetState] = {}  # widget id -> last value sent
        self.ids: dict[str, str] = {}  # user key -> widget id
        self.elements: dict[tuple, object] = {}  # delta path -> element of the last run
        self.finished = asyncio.Event()
        self.file_urls: asyncio.Future | None = None
        self.auto: dict[str, float] = {}  # fragment id -> interval
        self.due: dict[str, float] = {}  # fragment id -> when its timer fires next
        self.exceptions: list[str] = []
        self.busy = asyncio.Lock()
        self.closed = False  # the websocket was closed by the server
        self.jar = http.cookiejar.CookieJar()  # this visitor's cookies, as a browser keeps them
        self.http_client = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        host = urllib.parse.urlsplit(url).hostname or ""
        for name, value in (cookies or {}).items():
            self.jar.set_cookie(
                http.cookiejar.Cookie(
                    0, name, value, None, False, host, False, False, "/", True, False, None, False, None, None, {}
                )
            )

    async def open(self) -> None:
        """Open the link as a browser does: the page, the health check the frontend makes before it connects
        (Streamlit sets its XSRF cookie there), then the websocket carrying the cookies."""
        link = f"{self.http}/{self.path}" + (f"?{self.query}" if self.query else "")
        await asyncio.to_thread(self._get, link)
        await asyncio.to_thread(self._get, f"{self.http}/_stcore/health")
        xsrf = self.cookie("_streamlit_xsrf")
        headers = {"Cookie": "; ".join(f"{c.name}={c.value}" for c in self.jar)} if len(self.jar) else None
        protocols = ["streamlit", xsrf] if xsrf else ["streamlit"]  # the frontend passes its XSRF token there
        self.ws = await connect(self.ws_url, subprotocols=protocols, additional_headers=headers, max_size=None)
        self.reader = asyncio.create_task(self._read())
        await self.rerun()

    def cookie(self, name: str) -> str | None:
        """A cookie this visitor holds (e.g. a room's replica cookie, MMROOM), or None."""
        return next((c.value for c in self.jar if c.name == name), None)

    def _get(self, url: str) -> None:
        with self.http_client.open(url, timeout=60) as r:
            r.read()

    async def close(self) -> None:
        self.reader.cancel()
        await self.ws.close()

    # --- receiving --------------------------------------------------------------------------------------

    async def _read(self) -> None:
        try:
            await self._receive()
        finally:  # the server closed the websocket (or died): whoever waits for a run is told, not left waiting
            self.closed = True
            self.finished.set()

    async def _receive(self) -> None:
        async for raw in self.ws:
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                if not msg.metadata.run.fragment_ids:  # a full run (this client's, or one the app asked for with
                    # st.rerun from a fragment): it draws the page again and registers its timed fragments anew,
                    # so the browser drops the old ones (asking for one the server no longer has gets no answer)
                    self.elements.clear()
                    self.auto.clear()
                    self.due.clear()
                self.session_id = msg.new_session.initialize.session_id
                self.pages = {p.page_name: p.page_script_hash for p in msg.new_session.app_pages}
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "navigation":  # st.navigation's pages: their titles and script hashes
                self.pages = {p.page_name: p.page_script_hash for p in msg.navigation.app_pages}
                self.url_paths = {p.page_script_hash: p.url_pathname for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":  # the app wrote st.query_params: the browser's address changes
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                self.elements[tuple(msg.metadata.delta_path)] = el
                inner = getattr(el, el.WhichOneof("type") or "empty", None)
                wid = getattr(inner, "id", "")
                if isinstance(wid, str) and "-" in wid and not wid.endswith("-None"):
                    self.ids[wid.rsplit("-", 1)[-1]] = wid
                if el.WhichOneof("type") == "exception":
                    self.exceptions.append(el.exception.message)
            elif kind == "auto_rerun":
                self.auto[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                self.auto.clear()
                self.due.clear()
            elif kind == "file_urls_response" and self.file_urls is not None:
                self.file_urls.set_result(msg.file_urls_response)
            # a run the app itself cut short with st.rerun() is followed by the run it asked for: the browser stays
            # "running" until that one ends, and so does this client
            elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self.finished.set()

    # --- asking for reruns ------------------------------------------------------------------------------

    async def rerun(self, trigger: str | None = None, fragment_id: str = "", timeout: float = 300) -> float:
        """One script run (or fragment run); returns its latency in seconds."""
        async with self.busy:
            states = list(self.widgets.values())
            if trigger:
                states.append(WidgetState(id=self.ids[trigger], trigger_value=True))
            if not fragment_id:
                self.elements.clear()
                self.auto.clear()  # a full run registers its timed fragments again
                self.due.clear()
            client = ClientState(
                query_string=self.query,
                page_script_hash=self.page_hash,
                page_name=self.url_paths.get(self.page_hash, "" if self.page_hash else self.path),
                fragment_id=fragment_id,
                is_auto_rerun=bool(fragment_id),
                widget_states=WidgetStates(widgets=states),
            )
            self.finished.clear()
            start = time.perf_counter()
            await self.ws.send(BackMsg(rerun_script=client).SerializeToString())
            await asyncio.wait_for(self.finished.wait(), timeout)
            if self.closed:
                raise ConnectionError("the server closed the websocket")
            return time.perf_counter() - start

    async def page(self, name: str) -> float:
        """Switch page as a browser does: the widget states of the last page are not sent to the next (its
        widgets are other widgets; the session remembers the settings)."""
        self.page_hash = self.pages[name]
        self.widgets.clear()
        return await self.rerun()

    async def click(self, key: str) -> float:
        return await self.rerun(trigger=key)

    async def set(self, key: str, **value) -> float:
        wid = self.ids[key]
        self.widgets[wid] = WidgetState(id=wid, **value)
        return await self.rerun()

    async def upload(self, key: str, name: str, content: bytes) -> float:
        self.file_urls = asyncio.get_running_loop().create_future()
        request = BackMsg()
        request.file_urls_request.request_id = str(uuid.uuid4())
        request.file_urls_request.session_id = self.session_id
        request.file_urls_request.file_names.append(name)
        await self.ws.send(request.SerializeToString())
        urls = (await asyncio.wait_for(self.file_urls, 60)).file_urls[0]
        await asyncio.to_thread(self._put, urls.upload_url, name, content)
        wid = self.ids[key]
        info = UploadedFileInfo(name=name, size=len(content), file_id=urls.file_id, file_urls=urls)
        self.widgets[wid] = WidgetState(id=wid, file_uploader_state_value=FileUploaderState(uploaded_file_info=[info]))
        return await self.rerun()

    def _put(self, upload_url: str, name: str, content: bytes) -> None:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{name}"\r\n'
                "Content-Type: text/plain\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        url = upload_url if upload_url.startswith("http") else self.http + upload_url
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        xsrf = self.cookie("_streamlit_xsrf")
        if xsrf:  # as the frontend does: the XSRF cookie's token in a header (the cookie goes along from the jar)
            headers["X-Xsrftoken"] = xsrf
        req = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        with self.http_client.open(req, timeout=60) as r:
            r.read()

    async def tick_fragments(self, latencies: list[float]) -> None:
        """Run the next due timed fragment, as the browser's per-fragment timers do (each on its own interval)."""
        if not self.auto:
            await asyncio.sleep(0.1)
            return
        now = time.perf_counter()
        for fid, interval in self.auto.items():
            self.due.setdefault(fid, now + interval)
        fid = min(self.auto, key=lambda f: self.due[f])
        await asyncio.sleep(max(0.0, self.due[fid] - now))
        if fid in self.auto:
            latencies.append(await self.rerun(fragment_id=fid))
            self.due[fid] = time.perf_counter() + self.auto.get(fid, 0.0)

    # --- reading what the page shows --------------------------------------------------------------------

    def metric(self, label: str) -> str | None:
        for el in self.elements.values():
            if el.WhichOneof("type") == "metric" and el.metric.label == label:
                return el.metric.body
        return None

    def component(self, key: str) -> dict | None:
        """The JSON data our canvas component with this widget key was last sent (the live training panel's step)."""
        for el in self.elements.values():
            if el.WhichOneof("type") == "bidi_component" and el.bidi_component.id.endswith(f"-{key}"):
                return json.loads(el.bidi_component.json)
        return None

    def texts(self) -> list[str]:
        return [el.text.body for el in self.elements.values() if el.WhichOneof("type") == "text"]

    def alerts(self) -> list[str]:
        """The page's st.error / st.warning / st.info / st.success lines, as "error: ...", in page order."""
        names = {1: "error", 2: "warning", 3: "info", 4: "success"}
        return [
            f"{names.get(el.alert.format, 'alert')}: {el.alert.body}"
            for _, el in sorted(self.elements.items())
            if el.WhichOneof("type") == "alert"
        ]

    def progress(self) -> list[str]:
        """The text of the page's progress bars (a link's replay says its step there)."""
        return [el.progress.text for el in self.elements.values() if el.WhichOneof("type") == "progress"]

    def messages(self) -> list[str]:
        """Everything a visitor reads as a message: alerts, progress bars, exceptions (first line)."""
        return (
            self.alerts()
            + [f"progress: {t}" for t in self.progress()]
            + [f"exception: {e.splitlines()[0] if e else ''}" for e in self.exceptions]
        )

    async def run_fragments(self, seconds: float, latencies: list[float] | None = None) -> None:
        """Stay on the page for `seconds`, its timed fragments rerunning as an open tab's timers make them (each
        on its own interval); then stop, as a closed tab does."""
        lat = [] if latencies is None else latencies
        end = time.perf_counter() + seconds
        while (now := time.perf_counter()) < end:
            if not self.auto:
                await asyncio.sleep(min(0.1, end - now))
                continue
            for fid, interval in self.auto.items():
                self.due.setdefault(fid, now + interval)
            fid = min(self.auto, key=lambda f: self.due[f])
            if self.due[fid] >= end:
                await asyncio.sleep(end - now)
                return
            await asyncio.sleep(max(0.0, self.due[fid] - now))
            if fid in self.auto:
                lat.append(await self.rerun(fragment_id=fid, timeout=120))
                self.due[fid] = time.perf_counter() + self.auto.get(fid, 0.0)


async def protocol_session(i: int, url: str, seconds: float, report: dict, word_list) -> None:
    name, content, n_words = word_list(i)
    lat: list[float] = report["latencies"]
    errors: list[str] = report["errors"]
    s = StreamlitSession(url)
    try:
        await s.open()
        if s.cookie("MMROOM"):  # through a room: the replica the proxy placed this visitor on
            report.setdefault("replica_of", {})[i] = s.cookie("MMROOM")
        lat.append(await s.set("data", string_value="upload"))
        lat.append(await s.upload("upload", name, content))
        if s.metric("words") != str(n_words):
            errors.append(f"session {i}: upload shows {s.metric('words')} words, not {n_words}")
        lat.append(await s.page("Sampling"))
        for _ in range(5):
            lat.append(await s.click("sample_finish"))
        lat.append(await s.page("Neural training"))
        lat.append(await s.click("train_start"))
        end = time.perf_counter() + seconds
        next_lr = time.perf_counter() + 5
        lrs = iter([50.0, 20.0, 80.0] * 100)
        while time.perf_counter() < end:
            await s.tick_fragments(lat)
            if time.perf_counter() > next_lr:
                lat.append(await s.set("lr", double_value=next(lrs)))
                next_lr += 5
        lat.append(await s.click("train_pause"))
        steps = int((s.component("train_live") or {}).get("step", 0))
        report["steps"].append(steps)
        if steps == 0:
            errors.append(f"session {i}: training never advanced")
        lat.append(await s.page("Dataset"))
        if s.metric("words") != str(n_words) or name not in s.texts():
            report["isolation"].append(f"session {i}: sees {s.metric('words')} words, texts {s.texts()[:2]}")
        if s.exceptions:
            errors.append(f"session {i}: {len(s.exceptions)} exception(s): {s.exceptions[0][:120]}")
    except Exception as e:  # noqa: BLE001 (a load test reports what broke, session by session)
        where = f" on {s.cookie('MMROOM')}" if s.cookie("MMROOM") else ""
        errors.append(f"session {i}{where}: {type(e).__name__}: {str(e)[:160]}")
    finally:
        await s.close()
