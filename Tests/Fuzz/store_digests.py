"""Digests of the tables of Baton's SQLite store, to tell whether a request changed anything."""

import hashlib
import sqlite3
import threading

# GRDB's own bookkeeping is not Baton's data.
_IGNORED_TABLES = ("grdb_migrations",)


class StoreDigests:
    """{table: (row count, sha256 of its rows)} of the store, read through one read-only connection.

    A digest is recomputed only when SQLite's `PRAGMA data_version` says another connection committed since the last
    one: a refused request normally commits nothing, so most reads cost one pragma.
    """

    def __init__(self, path):
        self.path = path
        self.connection = None
        self.data_version = None
        self.digest = None
        self.lock = threading.Lock()

    def current(self):
        with self.lock:
            connection = self._connect()
            version = connection.execute("PRAGMA data_version").fetchone()[0]
            if self.digest is None or version != self.data_version:
                self.digest = self._compute(connection)
                self.data_version = version
            return self.digest

    @staticmethod
    def changes(before, after):
        """The tables whose rows differ, each as "table: N rows before, M after"."""
        return [
            f"{table}: {before.get(table, (0, ''))[0]} rows before, {after.get(table, (0, ''))[0]} after"
            for table in sorted(set(before) | set(after))
            if before.get(table) != after.get(table)
        ]

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
        # One read transaction, so every table is read at the same point in time.
        connection.execute("BEGIN")
        try:
            for table in tables:
                rows = sorted(repr(row).encode() for row in connection.execute(f'SELECT * FROM "{table}"'))
                digest[table] = (len(rows), hashlib.sha256(b"\n".join(rows)).hexdigest())
        finally:
            connection.execute("COMMIT")
        return digest
