"""Schemathesis hooks for scripts/fuzz-api.

- The check `refused_request_stores_nothing`: a 4xx answer leaves every table of the server's SQLite store
  (BATON_FUZZ_STORE) as it was before the request. Run with one worker, so no other request lands in between.
- Trigger, status and cancel requests are mostly aimed at workflows the run's own `init` requests created
  (live_workflows.py), so the engine is fuzzed past authentication too. BATON_FUZZ_SEED seeds that choice.
"""

import os
import sys
from collections import OrderedDict

import schemathesis

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live_workflows import LiveWorkflows  # noqa: E402
from store_digests import StoreDigests  # noqa: E402

_STORE = StoreDigests(os.environ["BATON_FUZZ_STORE"])
_WORKFLOWS = LiveWorkflows(os.environ.get("BATON_FUZZ_SEED", "0"))
_DEPLOY = "POST /api/deploy"
# The digest before the request in flight, and (before, after) for recent responses, by the response's id (the
# response is kept so its id is not reused while it is here). Checks that send requests of their own may run between
# a response and this module's check, so the "after" digest is taken at once, in after_call.
_before = None
_recent = OrderedDict()
_RECENT_LIMIT = 64


@schemathesis.hook
def before_call(context, case, kwargs):
    global _before
    if case.operation.label == _DEPLOY:
        _WORKFLOWS.aim(case)
    _before = _STORE.current()


@schemathesis.hook
def after_call(context, case, response):
    _recent[id(response)] = (response, _before, _STORE.current())
    while len(_recent) > _RECENT_LIMIT:
        _recent.popitem(last=False)
    if case.operation.label == _DEPLOY and response.status_code == 201:
        _WORKFLOWS.record(response)


@schemathesis.check
def refused_request_stores_nothing(ctx, response, case):
    """A 4xx answer leaves every table of the store as it was before the request."""
    if not 400 <= response.status_code < 500:
        return None
    entry = _recent.get(id(response))
    if entry is None or entry[0] is not response:
        raise AssertionError("No store digest was taken around this request (is BATON_FUZZ_STORE the server's store?)")
    _, before, after = entry
    changed = StoreDigests.changes(before, after)
    if changed:
        raise AssertionError(
            f"The request was refused ({response.status_code}) but changed the store: " + "; ".join(changed)
        )
    return None
