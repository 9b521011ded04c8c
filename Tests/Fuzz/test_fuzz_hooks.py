"""The fuzz hooks' own tests (scripts/fuzz-api runs them first): a refused request that stores is caught."""

import sqlite3
from types import SimpleNamespace

from live_workflows import MOST_WAIT_MS, LiveWorkflows
from store_digests import StoreDigests


def make_store(tmp_path):
    path = tmp_path / "baton.sqlite"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE workflows (id TEXT PRIMARY KEY, version INTEGER)")
    connection.execute("CREATE TABLE grdb_migrations (identifier TEXT)")
    connection.execute("INSERT INTO workflows VALUES ('wf_1', 1)")
    return path, connection


def test_a_new_row_an_updated_row_and_no_change(tmp_path):
    path, writer = make_store(tmp_path)
    digests = StoreDigests(str(path))
    first = digests.current()
    assert StoreDigests.changes(first, digests.current()) == []

    writer.execute("INSERT INTO workflows VALUES ('wf_2', 1)")
    second = digests.current()
    assert StoreDigests.changes(first, second) == ["workflows: 1 rows before, 2 after"]

    writer.execute("UPDATE workflows SET version = 2 WHERE id = 'wf_2'")
    assert StoreDigests.changes(second, digests.current()) == ["workflows: 2 rows before, 2 after"]


def test_grdb_bookkeeping_is_not_baton_data(tmp_path):
    path, writer = make_store(tmp_path)
    digests = StoreDigests(str(path))
    before = digests.current()
    writer.execute("INSERT INTO grdb_migrations VALUES ('v9')")
    assert StoreDigests.changes(before, digests.current()) == []


def init_response():
    body = {"workflowId": "wf_real", "token": "bt_real", "apps": [{"id": "app-a", "actions": [{"id": "deploy"}]}]}
    return SimpleNamespace(json=lambda: body)


def test_aims_a_status_at_a_real_workflow_with_its_token():
    pool = LiveWorkflows(seed=1)
    pool.record(init_response())
    aimed = 0
    for _ in range(200):
        case = SimpleNamespace(body={"mode": "status", "workflowId": "x", "app": "y", "action": "z", "waitMs": 99999}, headers=None)
        pool.aim(case)
        if case.body["workflowId"] == "wf_real":
            aimed += 1
            assert case.headers == {"Authorization": "Bearer bt_real"}
            assert case.body["waitMs"] <= MOST_WAIT_MS
    assert 100 < aimed < 200


def test_leaves_init_and_odd_bodies_alone():
    pool = LiveWorkflows(seed=1)
    pool.record(init_response())
    for body in ({"mode": "init"}, ["status"], "status", {"mode": 3}):
        case = SimpleNamespace(body=body, headers=None)
        pool.aim(case)
        assert case.headers is None
