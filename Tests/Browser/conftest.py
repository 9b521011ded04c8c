"""Fixtures for Baton's browser tests: one `baton serve --sandbox` for the session, a fresh headless Chromium per test.

The server binary is `.build/debug/baton` (or $BATON_BINARY); scripts/test-browser builds it when it is missing.
Screenshots and the server's log go to artifacts/browser/ (not committed). Every answer a test's browser gets from
Baton is held to Baton's OpenAPI description when the test ends (`api_exchanges`, which `driver` depends on).
"""

import contextlib
import json
import os
import pathlib
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid

import pytest

os.environ.setdefault("SE_AVOID_STATS", "true")  # or Selenium tries to reach the internet first

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

from api_exchanges import APIRecording  # noqa: E402
from pages import DeployPage  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "browser"

# Sandbox knobs for fast tests in which intermediate states are still observable: a new repository stays empty
# for 1 s and a build takes 1.5 s, so a three-app deployment with a domain takes about 10 s.
SANDBOX_FLAGS = ["--sandbox-fork-seconds", "1", "--sandbox-build-seconds", "1.5"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """The running `baton serve --sandbox` and small JSON helpers for its sandbox."""

    def __init__(self, base_url):
        self.base_url = base_url

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def sandbox_state(self):
        status, body = self.request("GET", "/sandbox/state")
        assert status == 200, body
        return body

    def set_faults(self, faults):
        status, body = self.request("POST", "/sandbox/faults", faults)
        assert status == 200, body
        return body


@contextlib.contextmanager
def running_server(extra_flags=(), log_name="baton-serve.log", env=None):
    """A `baton serve --sandbox --store memory` on a free port, with SANDBOX_FLAGS and `extra_flags` and the variables
    `env` added to its environment; its log goes to artifacts/browser/`log_name`. Yields a `Server`; stops the process
    on the way out."""
    binary = pathlib.Path(os.environ.get("BATON_BINARY", ROOT / ".build" / "debug" / "baton"))
    if not binary.exists():
        pytest.fail(f"{binary} is missing: build it with `swift build --product baton` (scripts/test-browser does)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = open(ARTIFACTS / log_name, "wb")
    # Started from a temporary folder: the page must be served from any working directory.
    process = subprocess.Popen(
        [str(binary), "serve", "--sandbox", "--store", "memory", "--port", str(port), "--log-level", "notice",
         *SANDBOX_FLAGS, *extra_flags],
        cwd="/tmp", stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"baton serve did not start; see {ARTIFACTS / log_name}")
        time.sleep(0.1)
    try:
        yield Server(base_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def server():
    with running_server() as running:
        yield running


@pytest.fixture
def api_exchanges(request):
    """Every answer the test's browser gets from Baton's own routes, validated against Baton's OpenAPI description when
    the test ends (after the browser quit: `driver` depends on this fixture); kept in artifacts/browser/api-exchanges/."""
    recording = APIRecording(ARTIFACTS / "api-exchanges" / (re.sub(r"[^\w.-]", "_", request.node.name) + ".jsonl"))
    yield recording
    recording.assert_conforms()


@pytest.fixture
def driver(api_exchanges):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("BATON_CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(os.environ.get("BATON_CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    browser.set_script_timeout(30)
    try:
        api_exchanges.listen(browser)
        yield browser
    finally:
        try:
            api_exchanges.stop()
        finally:
            browser.quit()


@pytest.fixture
def page(driver, server):
    """The deploy page at 1280 × 900, opened fresh (a new browser has an empty sessionStorage)."""
    deploy_page = DeployPage(driver, server.base_url)
    deploy_page.set_viewport(1280, 900)
    deploy_page.open()
    yield deploy_page
    # Script errors and Content-Security-Policy violations fail the test; failed requests (a 400 the test asked
    # for, or the network it cut) are the page's business.
    errors = [entry for entry in driver.get_log("browser")
              if entry["level"] == "SEVERE" and "Failed to load resource" not in entry["message"]]
    assert not errors, f"the page logged errors: {errors}"


@pytest.fixture
def owner():
    """A GitHub owner no other test uses, so each test's repositories, projects and domains are its own."""
    return "t" + uuid.uuid4().hex[:10]


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
