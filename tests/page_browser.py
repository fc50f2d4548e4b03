"""Serve a corpus and look at the web page in headless Chromium, as a visitor's browser does.

Shared by the browser tests and ``scripts/check_page.py``. Chromium is driven over the DevTools
protocol on a pipe (``--remote-debugging-pipe``: JSON messages ended by a NUL byte on file
descriptors 3 and 4), so no driver, port or websocket package is needed; every wait is bounded.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import fcntl
import itertools
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from article_factory import make_story

from newsquotes.model import Article, Speaker
from newsquotes.pipeline import default_pipeline
from newsquotes.store.corpus import Corpus

CHROMIUM = "chromium"
SEED_TEXT = (
    Path(__file__).resolve().parents[1].parent / "shared/data/seed/text/against-the-empire.txt"
)
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'
SERVE = "import sys; from newsquotes.cli import main; sys.exit(main())"
SERVER_START_S = 180.0  # a loaded machine imports FastAPI and the pipeline slowly
SERVER_STOP_S = 30.0
BROWSER_CALL_S = 60.0  # one DevTools command
RENDER_S = 60.0  # until the page's own script has drawn a view
POLL_S = 0.1
WINDOW_HEIGHT = 900
PIPE_READ_BYTES = 1 << 16
HIGH_FD = 10  # above the two descriptors Chromium reads (3) and writes (4)

BERG = Speaker("s1", "Tomas Berg", "person", description="the mayor of Lindholm")
LIND = Speaker("s2", "Ana Lind", "person", description="a ferry captain")
EVE = Speaker("s1", f"Eve {HOSTILE}", "person", description=f"the {HOSTILE} hacker")


def chromium_path() -> str | None:
    """Debian's Chromium, or None when it is not installed."""
    return shutil.which(CHROMIUM)


def invented_articles() -> list[Article]:
    """Articles about invented people and places, one of them hostile: markup in its title,
    text and speaker name that a page must show as text."""
    harbour = make_story(
        "harbour",
        [
            ("The harbour will reopen in May", "Tomas Berg", BERG),
            ("The fees are the lowest on the coast", "he", BERG),
            ("Nobody asked the harbour crews", "Ana Lind", LIND),
        ],
        outlet="Valley Courier",
        published="2024-03-05",
    )
    ferry = make_story(
        "ferry",
        [
            ("The ferry to the harbour runs again", "Tomas Berg", BERG),
            ("The crossing is too dear", "Ana Lind", LIND),
        ],
        outlet="Fjord Weekly",
        published="2024-04-10",
    )
    budget = make_story(
        "budget",
        [("The harbour budget is spent", "Tomas Berg", BERG)],
        outlet="Valley Courier",
        published="2024-05-02",
    )
    hostile = make_story(
        "hostile",
        [(f"Hello {HOSTILE} world", f"Eve {HOSTILE}", EVE)],
        outlet="Fjord Weekly",
        published="2024-04-01",
    )
    titles = {
        "harbour": "Lindholm harbour to reopen",
        "ferry": "Ferry returns",
        "budget": "Harbour budget spent",
        "hostile": f"Hostile {HOSTILE}",
    }
    return [dataclasses.replace(a, title=titles[a.id]) for a in (harbour, ferry, budget, hostile)]


def seed_article() -> Article | None:
    """The seed article (from ``../shared``) through the pipeline, or None where it is absent."""
    if not SEED_TEXT.exists():
        return None
    article = Article(
        id="seed",
        text=SEED_TEXT.read_text(encoding="utf-8"),
        title="Against the empire",
        outlet="Example Herald",
        published="2024-03-04",
    )
    return default_pipeline().process(article)


def build_corpus(db: Path, articles: list[Article]) -> None:
    """Store the articles in a new corpus at ``db``."""
    with Corpus(db) as corpus:
        for article in articles:
            corpus.add(article)


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    """``newsquotes serve`` on a free loopback port, started and always stopped; yields its
    base URL once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        process_group=0,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, base)
        yield base
    finally:
        _stop(server)


def _wait_until_up(server: subprocess.Popen, base: str) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"newsquotes serve exited: {server.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/api/v1/stats", timeout=5) as reply:
                reply.read()
            return
        except OSError:
            time.sleep(POLL_S * 2)
    raise TimeoutError(f"newsquotes serve did not answer within {SERVER_START_S:.0f} s")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process and its children, SIGKILL if they linger."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=SERVER_STOP_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=SERVER_STOP_S)


class BrowserError(RuntimeError):
    """Chromium answered a DevTools command with an error, or not in time."""


class Browser:
    """Headless Chromium driven over the DevTools protocol on a pipe."""

    def __init__(self, chromium: str, profile: Path) -> None:
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            read_end = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, HIGH_FD)
            write_end = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, HIGH_FD)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._process = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # only fds 3 and 4 are inheritable: Python's own are not
            preexec_fn=wire_pipes,
            process_group=0,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._ids = itertools.count(1)
        self._write_lock = threading.Lock()
        self.dialogs: list[str] = []  # alert/confirm/prompt messages any page opened
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        pending = b""
        while chunk := os.read(self._from_browser, PIPE_READ_BYTES):
            pending += chunk
            *messages, pending = pending.split(b"\0")
            for message in messages:
                self._messages.put(json.loads(message))
        self._messages.put(None)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one command and wait (bounded) for its answer; events met meanwhile are noted."""
        ident = self._send(method, params or {}, session)
        deadline = time.monotonic() + BROWSER_CALL_S
        while True:
            try:
                message = self._messages.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise BrowserError(f"{method}: no answer within {BROWSER_CALL_S:.0f} s") from None
            if message is None:
                raise BrowserError(f"{method}: Chromium closed the pipe")
            if message.get("id") == ident:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._note(message)

    def _note(self, event: dict) -> None:
        if event.get("method") == "Page.javascriptDialogOpening":
            self.dialogs.append(event["params"].get("message", ""))
            # Dismissed from a second thread: this one may be waiting on a call the dialog blocks.
            session = event.get("sessionId")
            threading.Thread(
                target=self._dismiss, args=(session,), daemon=True, name="dismiss-dialog"
            ).start()

    def _dismiss(self, session: str | None) -> None:
        with contextlib.suppress(OSError):
            self._send("Page.handleJavaScriptDialog", {"accept": False}, session)

    def _send(self, method: str, params: dict, session: str | None) -> int:
        ident = next(self._ids)
        command: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if session:
            command["sessionId"] = session
        data = json.dumps(command).encode() + b"\0"
        with self._write_lock:
            while data:
                data = data[os.write(self._to_browser, data) :]
        return ident

    def page(self, width: int, height: int = WINDOW_HEIGHT) -> Page:
        """A new tab whose viewport is ``width`` CSS pixels wide."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        page = Page(self, session["sessionId"], width, height)
        page.call("Page.enable")
        page.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        return page

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.call("Browser.close")
        with contextlib.suppress(OSError):
            os.close(self._to_browser)
        try:
            self._process.wait(timeout=SERVER_STOP_S)
        except subprocess.TimeoutExpired:
            _stop(self._process)
        with contextlib.suppress(OSError):
            os.close(self._from_browser)


@contextlib.contextmanager
def browsing(chromium: str, profile: Path) -> Iterator[Browser]:
    """Headless Chromium, always closed."""
    browser = Browser(chromium, profile)
    try:
        yield browser
    finally:
        browser.close()


@dataclasses.dataclass
class Page:
    """One tab: navigate, wait for what the page's script draws, read it back."""

    browser: Browser
    session: str
    width: int
    height: int

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.browser.call(method, params, self.session)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        reply = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def wait_for(self, expression: str, timeout: float = RENDER_S) -> None:
        """Poll until the expression is true in JavaScript's sense, or TimeoutError naming it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(f"Boolean({expression})"):
                return
            time.sleep(POLL_S)
        raise TimeoutError(f"not true within {timeout:.0f} s: {expression}")

    def open(self, url: str, ready: str) -> None:
        """Load ``url`` and wait until the ``ready`` expression holds (the view is drawn)."""
        self.call("Page.navigate", {"url": url})
        self.wait_for(f"document.readyState === 'complete' && location.href === {url!r}")
        self.wait_for(ready)

    def text(self, selector: str) -> str:
        """The text shown by the first element that matches, or ''."""
        found = self.texts(selector)
        return found[0] if found else ""

    def texts(self, selector: str) -> list[str]:
        """The text each matching element shows (innerText; text content for SVG)."""
        return self.evaluate(
            f"[...document.querySelectorAll({selector!r})]"
            ".map(el => el.innerText ?? el.textContent)"
        )

    def count(self, selector: str) -> int:
        return self.evaluate(f"document.querySelectorAll({selector!r}).length")

    def overflow(self) -> dict:
        """How far the page is wider than its viewport, and the elements that stick out."""
        return self.evaluate(
            """(() => {
              const width = document.documentElement.clientWidth;
              const out = [...document.querySelectorAll('body *')]
                .filter((el) => el.getBoundingClientRect().right > width + 0.5)
                .slice(0, 5)
                .map((el) => el.tagName.toLowerCase() + '.' + el.className);
              return {viewport: width, scroll: document.documentElement.scrollWidth, out};
            })()"""
        )

    def _centre(self, selector: str) -> dict:
        """Scroll the first element that matches into view; the middle of its first box."""
        return self.evaluate(
            f"""(() => {{
              const el = document.querySelector({selector!r});
              el.scrollIntoView({{block: 'center'}});
              const r = el.getClientRects()[0];
              return {{x: r.left + r.width / 2, y: r.top + r.height / 2}};
            }})()"""
        )

    def hover(self, selector: str) -> None:
        """Move the mouse onto the first element that matches."""
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", **self._centre(selector)})

    def click(self, selector: str) -> None:
        """Click the first element that matches with the left mouse button."""
        at = self._centre(selector)
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", **at})
        for kind in ("mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "button": "left", "clickCount": 1, **at},
            )

    def screenshot(self, path: Path) -> None:
        """The whole page at this width, as PNG."""
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": self.width, "height": size["height"], "scale": 1}
        shot = self.call(
            "Page.captureScreenshot",
            {"format": "png", "clip": clip, "captureBeyondViewport": True},
        )
        path.write_bytes(base64.b64decode(shot["data"]))
