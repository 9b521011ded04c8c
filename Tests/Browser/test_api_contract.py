"""Every browser test holds Baton to its OpenAPI description (conftest's `api_exchanges`): an answer outside it fails
the test that got it, with the validator's report naming the exchange. Proven here with an impostor on 127.0.0.1 that
answers Baton's paths the wrong way, so the check cannot pass silently."""

import contextlib
import http.server
import json
import re
import threading

import pytest

INIT_ANSWER = {"workflowId": "wf_0123456789abcdef0123456789abcdef", "token": "bt_" + "a" * 43,
               "definitionVersion": "sha256-0123456789abcdef0123456789abcdef", "apps": []}
NOT_FOUND = {"error": {"code": "not_found", "message": "Nothing is served here.", "details": []}}


def impostor_answer(method, path):
    """(status, headers, JSON body or None) for a request: Baton's paths the wrong way, anything else as Baton does."""
    wrong = {
        ("GET", "/healthz"): (200, {}, {"status": "fine"}),  # Health's status is "ok"
        ("GET", "/api/catalog"): (418, {}, None),  # a status the operation does not list
        ("POST", "/api/deploy"): (201, {}, INIT_ANSWER),  # accepts the request with a mode that does not exist
        # The way back from a provider's consent must lead to the page, not elsewhere.
        ("GET", "/api/connections/github/callback"): (303, {"Location": "/elsewhere", "Cache-Control": "no-store"}, None),
    }
    return wrong.get((method, path), (404, {}, NOT_FOUND))


class ImpostorHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, headers, body = impostor_answer(self.command, self.path.split("?")[0])
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if data:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = _answer
    do_POST = _answer


@contextlib.contextmanager
def serving_impostor():
    """The impostor on a free port of 127.0.0.1 (where the recorder takes every server for Baton); yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ImpostorHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_answer_outside_the_description_fails_the_test_naming_the_exchange(driver, api_exchanges):
    with serving_impostor() as base_url:
        driver.get(base_url + "/healthz")  # a navigation
        driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            // Each body is read, as the page reads its answers: one the next navigation cut off would be left out.
            const read = (response) => response.text();
            const deploy = {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"mode":"launch"}'};
            Promise.all([fetch('/api/catalog').then(read), fetch('/api/deploy', deploy).then(read)])
              .then(() => done(), (error) => done(String(error)));
        """)
        driver.get(base_url + "/api/connections/github/callback?code=c&state=s")  # a redirect, followed to a 404
        with pytest.raises(pytest.fail.Exception) as failure:
            api_exchanges.assert_conforms()  # what the fixture runs when a test ends
    api_exchanges.discard()  # these failures were the point; the fixture has nothing left to check
    report = str(failure.value)
    assert "GET /healthz [baton] -> 200: response status: 'ok' was expected (/healthz)" in report, report
    assert "GET /api/catalog [baton] -> 418: status 418 is not listed for this operation" in report, report
    assert "POST /api/deploy [baton] -> 201: accepted an invalid request" in report, report
    assert "(/api/deploy mode=launch)" in report, f"the failure names the exchange: {report}"
    assert "GET /api/connections/{provider}/callback [baton] -> 303: header Location (root): '/elsewhere'" in report, report
    # The redirect's 404 (and Chromium's favicon request, when it makes one) conform: only the four wrong answers fail.
    assert re.search(r"^GET \(no operation\) \[baton\]: [12] passed, 0 failed", report, re.MULTILINE), report
    assert re.search(r"^[23] passed, 4 failed$", report, re.MULTILINE), report
