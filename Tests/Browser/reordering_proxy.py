"""An HTTP proxy between the page and `baton serve` that delivers answers out of order, as late long polls, replayed
retries and lagging reads do. It is a test hook: the page is served through it unchanged and does not know it is there.

- It keeps the first answer it forwards of each action (`trigger` or `status` of one action); every
  `release_every`-th action answer after that is replaced by the kept first answer of another action of the same
  workflow that has had a newer answer since (an old `running` arriving after `succeeded`).
- Once an action of a workflow has been answered `running`, it reads that workflow's whole status itself, and from
  then on answers every whole-workflow `status` with that early read (what a reload mid-way would get from a lagging
  replica or a cache).

The fresh answers it drops cost nothing: the page asks again, and every action converges.
"""

import http.client
import http.server
import json
import threading
import urllib.parse

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "accept-encoding", "date", "server"}


class ReorderingProxy:
    """Runs in a thread on a free port; use as a context manager. `releases` lists every older answer handed back:
    `{"about": "app/action" or "workflow", "sequence": …, "newest": …}`."""

    def __init__(self, upstream, release_every=3):
        self.upstream = urllib.parse.urlsplit(upstream)
        self.release_every = release_every
        self.releases = []
        self._lock = threading.Lock()
        self._action_answers = 0
        self._first = {}  # (workflowId, "app/action") -> (body, sequence)
        self._newest = {}  # (workflowId, "app/action") -> highest sequence delivered
        self._early_workflow = {}  # workflowId -> body of the early whole-workflow read
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._server.shutdown()
        self._server.server_close()

    # Forwarding

    def forward(self, method, path, headers, body):
        connection = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def rewrite(self, asked, status, answer_body, headers):
        """The body to deliver for a `POST /api/deploy` whose request was `asked` and whose fresh answer is given."""
        if status != 200 or not isinstance(asked, dict):
            return answer_body
        try:
            answer = json.loads(answer_body)
        except ValueError:
            return answer_body
        workflow = asked.get("workflowId")
        mode = asked.get("mode")
        if mode == "status" and "app" not in asked:
            with self._lock:
                early = self._early_workflow.get(workflow)
                if early is None:
                    return answer_body
                self.releases.append({"about": "workflow", "sequence": 0, "newest": 0})
                return early
        if mode not in ("trigger", "status") or not isinstance(answer, dict) or "sequence" not in answer:
            return answer_body
        key = (workflow, f"{answer['app']}/{answer['action']}")
        sequence = answer["sequence"]
        read_early = False
        with self._lock:
            self._first.setdefault(key, (answer_body, sequence))
            self._action_answers += 1
            if self._action_answers % self.release_every == 0:
                candidates = sorted(other for other, (_, first) in self._first.items()
                                    if other[0] == workflow and other != key and first < self._newest.get(other, -1))
                if candidates:
                    other = candidates[0]
                    body, first = self._first[other]
                    self.releases.append({"about": other[1], "sequence": first, "newest": self._newest[other]})
                    return body
            self._newest[key] = max(self._newest.get(key, -1), sequence)
            read_early = answer.get("state") == "running" and workflow not in self._early_workflow
            if read_early:
                self._early_workflow[workflow] = None  # claimed; filled below
        if read_early:
            auth = {name: value for name, value in headers if name.lower() == "authorization"}
            read = json.dumps({"mode": "status", "workflowId": workflow}).encode()
            early_status, _, early_body = self.forward(
                "POST", "/api/deploy", {"Content-Type": "application/json", **auth}, read)
            with self._lock:
                if early_status == 200:
                    self._early_workflow[workflow] = early_body
                else:
                    del self._early_workflow[workflow]
        return answer_body

    def _handler(self):
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_):
                pass

            def _relay(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = [(name, value) for name, value in self.headers.items() if name.lower() not in HOP_BY_HOP]
                status, answer_headers, answer_body = proxy.forward(self.command, self.path, dict(headers), body)
                if self.command == "POST" and self.path == "/api/deploy" and body:
                    try:
                        asked = json.loads(body)
                    except ValueError:
                        asked = None
                    answer_body = proxy.rewrite(asked, status, answer_body, headers)
                self.send_response(status)
                for name, value in answer_headers:
                    if name.lower() not in HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer_body)))
                self.end_headers()
                self.wfile.write(answer_body)

            do_GET = _relay
            do_POST = _relay

        return Handler
