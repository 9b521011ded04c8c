"""Schemathesis hooks for scripts/fuzz-api: a refused request stores nothing.

The server under test keeps its workflows in the SQLite file named by BATON_FUZZ_STORE. Around every request this
module takes a digest of each of the store's tables (every row, hashed); the check `refused_request_stores_nothing`
fails a 4xx answer whose request changed any table. Run with one worker, so no other request lands in between.

A digest is recomputed only when SQLite's `PRAGMA data_version` says another connection committed since the last
one: a refused request normally commits nothing, so most cases cost two cheap pragmas.
"""

import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict

import schemathesis

# GRDB's own bookkeeping and SQLite's internal tables are not Baton's data.
_IGNORED_TABLES = ("grdb_migrations",)


class StoreDigests:
    """Digests of the store's tables, read through one read-only connection."""

    def __init__(self, path):
        self.path = path
        self.connection = None
        self.data_version = None
        self.digest = None
        self.lock = threading.Lock()

    def current(self):
        """{table: (row count, sha256 of its rows)}, recomputed only after another connection committed."""
        with self.lock:
            connection = self._connect()
            version = connection.execute("PRAGMA data_version").fetchone()[0]
            if self.digest is None or version != self.data_version:
                self.digest = self._compute(connection)
                self.data_version = version
            return self.digest

    def _connect(self):
        if self.connection is None:
            # Schemathesis runs its phases on different threads (one at a time, with one worker).
            self.connection = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        return self.connection

    @staticmethod
    def _compute(connection):
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
            if name not in _IGNORED_TABLES
        ]
        digest = {}
        # One read transaction, so the tables are read at one point in time.
        connection.execute("BEGIN")
        try:
            for table in tables:
                rows = sorted(repr(row).encode() for row in connection.execute(f'SELECT * FROM "{table}"'))
                digest[table] = (len(rows), hashlib.sha256(b"\n".join(rows)).hexdigest())
        finally:
            connection.execute("COMMIT")
        return digest


_STORE = StoreDigests(os.environ["BATON_FUZZ_STORE"])
# The digest before the request in flight, and (before, after) for recent responses, by the response's id (the
# response is kept so its id is not reused while it is here). Checks that send requests of their own run between a
# response and this module's check, so the "after" digest is taken at once, in after_call.
_before = None
_recent = OrderedDict()
_RECENT_LIMIT = 64


@schemathesis.hook
def before_call(context, case, kwargs):
    global _before
    _before = _STORE.current()


@schemathesis.hook
def after_call(context, case, response):
    _recent[id(response)] = (response, _before, _STORE.current())
    while len(_recent) > _RECENT_LIMIT:
        _recent.popitem(last=False)


@schemathesis.check
def refused_request_stores_nothing(ctx, response, case):
    """A 4xx answer leaves every table of the store as it was before the request."""
    if not 400 <= response.status_code < 500:
        return None
    entry = _recent.get(id(response))
    if entry is None or entry[0] is not response:
        raise AssertionError("No store digest was taken around this request (is BATON_FUZZ_STORE the server's store?)")
    _, before, after = entry
    changed = [
        f"{table}: {before.get(table, (0, ''))[0]} rows before, {after.get(table, (0, ''))[0]} after"
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    ]
    if changed:
        raise AssertionError(
            f"The request was refused ({response.status_code}) but changed the store: " + "; ".join(changed)
        )
    return None
