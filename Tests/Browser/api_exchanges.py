"""Every answer the browser gets from Baton's own routes, recorded through Chromium's DevTools protocol and validated
against Baton's OpenAPI description with Tests/Contract/validate_openapi.py (the validator the Swift tests use, one
exchange per JSON line in the format of Sources/BatonTestSupport/APIExchangeRecorder.swift).

Why a second DevTools client: chromedriver's `execute_cdp_cmd` sends commands but hands back no events, and Chromium
forgets a response's body once its page navigates away (a reload, the OAuth round trip) unless told to keep it. A
client of our own on the browser's endpoint watches every tab from its first request, has bodies kept outside the
renderer, and reads each one as soon as `Network.loadingFinished` says it is complete.

What cannot be recorded faithfully is left out with its reason (in the .skipped file beside the recording), never
guessed: a body cut off by a navigation or by the network, a body Chromium did not keep. A redirect's line has no body
(Chromium keeps none); answers the browser took from its cache are no exchange with the server.
"""

import base64
import contextlib
import itertools
import json
import pathlib
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest
import websocket  # websocket-client, which Selenium itself depends on

ROOT = pathlib.Path(__file__).resolve().parents[2]
VALIDATOR = ROOT / "Tests" / "Contract" / "validate_openapi.py"
DESCRIPTION = ROOT / "Sources" / "BatonServer" / "OpenAPI" / "openapi.json"

# Bodies up to these sizes are kept by Chromium (its defaults drop large ones) and sent with requestWillBeSent.
BUFFER_BYTES = 64 << 20
POST_DATA_BYTES = 4 << 20


def is_batons(url):
    """Whether `url` is one of Baton's routes: every server the browser tests start listens on 127.0.0.1 and is Baton
    (or the reordering proxy, which relays Baton's answers); `/sandbox/` is the provider imitation mounted beside
    Baton's routes, held to the providers' descriptions instead (as the Swift recorder leaves it out too)."""
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "http" and parts.hostname == "127.0.0.1" and not parts.path.startswith("/sandbox/")


class DevTools:
    """A DevTools client on the browser's endpoint with flat sessions: one reader thread hands every event to
    `on_event(method, params, session)` and every reply to the callback its command was sent with."""

    def __init__(self, debugger_address, on_event):
        with urllib.request.urlopen(f"http://{debugger_address}/json/version", timeout=10) as response:
            endpoint = json.load(response)["webSocketDebuggerUrl"]
        # Without an Origin header: Chromium refuses DevTools connections from origins it was not told to allow.
        self._socket = websocket.create_connection(endpoint, enable_multithread=True, suppress_origin=True, timeout=10)
        self._socket.settimeout(None)
        self._on_event = on_event
        self._ids = itertools.count(1)
        self._replies = {}  # command id -> callback(result, error)
        self._idle = threading.Condition()
        self.errors = []  # a handler's exceptions and refused commands: they fail the test, no exchange is lost quietly
        self._reader = threading.Thread(target=self._read, name="devtools-reader", daemon=True)
        self._reader.start()

    def send(self, method, params=None, session=None, then=lambda result, error: None):
        """Sends a command; `then(result, error)` runs on the reader thread when its reply arrives."""
        message = {"id": next(self._ids), "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        with self._idle:
            self._replies[message["id"]] = then
        self._socket.send(json.dumps(message))

    def call(self, method, params=None, timeout=10):
        """Sends a browser-level command and waits for its reply (never from a handler: they run on the reader)."""
        done, outcome = threading.Event(), {}
        self.send(method, params, then=lambda result, error: (outcome.update(result=result, error=error), done.set()))
        if not done.wait(timeout):
            raise AssertionError(f"DevTools did not answer {method} within {timeout} s")
        if outcome["error"]:
            raise AssertionError(f"DevTools refused {method}: {outcome['error']}")
        return outcome["result"]

    def settle(self, timeout=10):
        """Waits until every event sent before now has been handled and every command sent has its reply (the
        browser answers a command after the events it emitted before it)."""
        self.call("Target.getTargets", timeout=timeout)
        with self._idle:
            if not self._idle.wait_for(lambda: not self._replies, timeout):
                raise AssertionError(f"DevTools left {len(self._replies)} commands unanswered for {timeout} s")

    def close(self):
        self._socket.abort()  # wakes the reader up at once (a closing handshake would wait on the browser)
        self._reader.join(timeout=5)
        self._socket.shutdown()

    def _read(self):
        while True:
            try:
                message = json.loads(self._socket.recv())
            except (websocket.WebSocketException, OSError, ValueError):
                return  # closed: by close(), or by the browser quitting
            try:
                self._dispatch(message)
            except Exception as error:  # noqa: BLE001 - kept and reported at the end of the test
                self.errors.append(f"{type(error).__name__}: {error} (handling {str(message)[:200]})")

    def _dispatch(self, message):
        if "id" not in message:
            self._on_event(message.get("method"), message.get("params", {}), message.get("sessionId"))
            return
        with self._idle:
            then = self._replies.pop(message["id"], None)
            self._idle.notify_all()
        if then:
            then(message.get("result"), message.get("error"))


class Traffic:
    """What DevTools told about one request id: its hops (the request, then each redirect's next request), the
    wire's status and raw headers per hop, the last hop's response and body, and how it ended."""

    def __init__(self):
        self.requests = []  # the request of each hop
        self.redirects = []  # the response that ended each hop but the last
        self.wire = []  # Network.responseReceivedExtraInfo per hop: the status and headers as they came over the wire
        self.response = None  # the last hop's response as the page saw it
        self.body = None  # (text, None) once read, or (None, why it could not be)
        self.finished = False
        self.from_cache = False

    def answered_by_server(self):
        """Whether the server answered the last hop: its answer came, and not from the browser's cache."""
        if self.response is None:
            return False
        cached = self.from_cache or any(self.response.get(flag) for flag in (
            "fromDiskCache", "fromMemoryCache", "fromPrefetchCache", "fromServiceWorker"))
        return bool(self.wire) or not cached

    def answer(self, hop):
        """(status, headers with lower-cased names) of hop `hop` as the server sent them. The wire's own when every hop
        has them: Chromium reports a revalidated file as the cached 200, while the wire carried a 304 without a body."""
        if len(self.wire) == len(self.requests):
            status, headers = self.wire[hop]["statusCode"], self.wire[hop]["headers"]
        else:
            response = self.redirects[hop] if hop < len(self.redirects) else self.response
            status, headers = response["status"], response["headers"]
        # DevTools joins a repeated header's values with newlines; the Swift recorder keeps the last one.
        return status, {name.lower(): value.split("\n")[-1] for name, value in headers.items()}


class NetworkLog:
    """Baton's answers in every tab of one Chromium, as lines for the validator, and the ones left out with why."""

    def __init__(self, driver):
        self._traffic = {}  # (session, request id) -> Traffic, in the order requests began
        self._lock = threading.Lock()
        self._first_page = threading.Event()
        self._devtools = DevTools(driver.capabilities["goog:chromeOptions"]["debuggerAddress"], self._on_event)
        # Every tab, the one open now and each one opened later; a new tab waits until its network is watched.
        self._devtools.call("Target.setAutoAttach", {
            "autoAttach": True, "waitForDebuggerOnStart": True, "flatten": True, "filter": [{"type": "page"}]})
        if not self._first_page.wait(10):
            raise AssertionError("DevTools attached to no tab within 10 s")

    @property
    def errors(self):
        return self._devtools.errors

    def stop(self):
        """Reads what is still to be read and closes the connection (before the browser quits)."""
        try:
            self._devtools.settle()
        finally:
            self._devtools.close()

    def _must_succeed(self, _, error):
        if error:
            self.errors.append(f"DevTools refused to watch a tab's network: {error}")

    def _network_enabled(self, result, error):
        self._must_succeed(result, error)
        self._first_page.set()

    # Events

    def _on_event(self, method, params, session):
        handler = {
            "Target.attachedToTarget": self._attached,
            "Network.requestWillBeSent": self._request,
            "Network.responseReceivedExtraInfo": self._wire,
            "Network.responseReceived": self._response,
            "Network.requestServedFromCache": self._served_from_cache,
            "Network.loadingFinished": self._finished,
        }.get(method)
        if handler:
            handler(params, session)

    def _attached(self, params, _):
        session = params["sessionId"]
        buffers = {"maxTotalBufferSize": BUFFER_BYTES, "maxResourceBufferSize": BUFFER_BYTES}
        # Bodies kept outside the renderer survive the page navigating away before they are read.
        self._devtools.send("Network.configureDurableMessages", buffers, session, then=self._must_succeed)
        self._devtools.send("Network.enable", {**buffers, "maxPostDataSize": POST_DATA_BYTES}, session,
                            then=self._network_enabled)
        if params.get("waitingForDebugger"):
            self._devtools.send("Runtime.runIfWaitingForDebugger", {}, session)

    def _traffic_of(self, params, session):
        with self._lock:
            return self._traffic.setdefault((session, params["requestId"]), Traffic())

    def _request(self, params, session):
        traffic = self._traffic_of(params, session)
        if "redirectResponse" in params:
            traffic.redirects.append(params["redirectResponse"])
        traffic.requests.append(params["request"])

    def _wire(self, params, session):
        self._traffic_of(params, session).wire.append(params)

    def _response(self, params, session):
        self._traffic_of(params, session).response = params["response"]

    def _served_from_cache(self, params, session):
        self._traffic_of(params, session).from_cache = True

    def _finished(self, params, session):
        traffic = self._traffic_of(params, session)
        traffic.finished = True
        if traffic.requests and is_batons(traffic.requests[-1]["url"]):
            def keep(result, error):
                traffic.body = (None, error.get("message")) if error else (decoded(result), None)
            self._devtools.send("Network.getResponseBody", {"requestId": params["requestId"]}, session, then=keep)

    # Exchanges

    def exchanges(self):
        """(lines, skipped): one validator line per answer of Baton's that reached the browser, and for each one
        that cannot be recorded faithfully, why it was left out."""
        lines, skipped = [], []
        with self._lock:
            everything = list(self._traffic.values())
        for traffic in everything:
            for hop, request in enumerate(traffic.requests):
                if is_batons(request["url"]):
                    line, why = exchange(traffic, hop)
                    if line is not None:
                        lines.append(line)
                    elif why is not None:
                        skipped.append(f"{request['method']} {request['url']}: {why}")
        return lines, skipped


def exchange(traffic, hop):
    """(the validator's line for hop `hop`, None), (None, why it is left out), or (None, None) when no answer of the
    server's reached the page: a request cut before its answer came (by a reload or the network), or one the browser
    answered from its cache."""
    last = hop == len(traffic.requests) - 1
    if last and not traffic.answered_by_server():
        return None, None
    if last and not traffic.finished:
        return None, "its body was cut off (the page navigated away, or the network was cut, while it came)"
    request = traffic.requests[hop]
    if request.get("hasPostData") and "postData" not in request:
        return None, "Chromium did not keep the request's body"
    status, headers = traffic.answer(hop)
    line = {**request_fields(request), "status": status, "responseHeaders": headers}
    if not last:
        # Chromium keeps no body of a redirect: the line has its status and headers, and leaves out the body and its
        # media type, which the validator then does not check (it checks what was recorded, nothing guessed).
        return line, None
    if status == 304:
        # A 304 carries no body (RFC 9110 15.4.5); Chromium would hand back the cached file it revalidated.
        return {**line, "responseBody": None}, None
    text, why = traffic.body or (None, "its body was never read")
    if text is None:
        return None, f"Chromium did not keep its body ({why})"
    line["responseBody"] = body_value(text, headers.get("content-type"))
    if "content-type" in headers:
        line["responseContentType"] = headers["content-type"]
    return line, None


def request_fields(request):
    """The request's part of a validator line: method, path, query, body, and the body's media type when it has one."""
    parts = urllib.parse.urlsplit(request["url"])
    content_type = next((value for name, value in request["headers"].items() if name.lower() == "content-type"), None)
    fields = {"method": request["method"].upper(), "path": parts.path,
              "query": dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True)),
              "requestBody": body_value(request.get("postData"), content_type)}
    if request.get("postData") and content_type:
        fields["requestContentType"] = content_type
    return fields


def body_value(text, content_type):
    """A body as the validator reads it, as the Swift recorder writes it: null when empty, its JSON value when it is
    sent as JSON and parses, else its text."""
    if not text:
        return None
    if (content_type or "").lower().startswith("application/json"):
        with contextlib.suppress(ValueError):
            return json.loads(text)
    return text


def decoded(result):
    """The text of a Network.getResponseBody result."""
    if result.get("base64Encoded"):
        return base64.b64decode(result["body"]).decode("utf-8", errors="replace")
    return result["body"]


def validate(recording):
    """(passed, the validator's report) for the exchanges in the file `recording`, against Baton's description."""
    run = subprocess.run([sys.executable, str(VALIDATOR), str(recording), "--spec", str(DESCRIPTION)],
                         capture_output=True, text=True, timeout=120)
    return run.returncode == 0, run.stdout + run.stderr


class APIRecording:
    """One test's recording: listens to its browser, then holds what Baton answered to its OpenAPI description. The
    lines go to `path` (the validator's FAIL lines give their line numbers); what was left out, to `path`.skipped."""

    def __init__(self, path):
        self.path = path
        self._log = None
        self._stopped = False

    def listen(self, driver):
        self._log = NetworkLog(driver)

    def stop(self):
        if self._log and not self._stopped:
            self._stopped = True
            self._log.stop()

    def discard(self):
        """Stops and forgets everything recorded: for the test that makes answers fail on purpose."""
        self.stop()
        self._log = None

    def assert_conforms(self):
        """Fails the test with the validator's report when an answer of Baton's is outside its description."""
        if self._log is None:
            return
        started = time.monotonic()
        self.stop()
        if self._log.errors:
            pytest.fail("recording the browser's exchanges failed:\n" + "\n".join(self._log.errors), pytrace=False)
        lines, skipped = self._log.exchanges()
        self._write(lines, skipped)
        passed, report = validate(self.path) if lines else (True, "")
        print(f"{len(lines)} exchanges with Baton recorded in {self.path}, {len(skipped)} left out;"
              f" checked in {time.monotonic() - started:.2f} s")
        if not passed:
            left_out = "".join(f"\n  left out: {line}" for line in skipped)
            pytest.fail(f"Baton answered the browser outside its OpenAPI description ({DESCRIPTION.relative_to(ROOT)});"
                        f" the exchanges are in {self.path}:\n{report}{left_out}", pytrace=False)

    def _write(self, lines, skipped):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text("".join(json.dumps(line) + "\n" for line in lines))
        skipped_path = self.path.with_name(self.path.name + ".skipped")
        skipped_path.unlink(missing_ok=True)
        if skipped:
            skipped_path.write_text("".join(line + "\n" for line in skipped))
