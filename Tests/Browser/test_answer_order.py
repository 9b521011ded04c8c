"""Answers that arrive out of order never move the progress back: the page keeps each action's newest status by the
server's `sequence`, through a run and across a reload, and an answer about a workflow it no longer follows is
never recorded."""

import json
import pathlib

from conftest import running_server
from pages import DeployPage
from reordering_proxy import ReorderingProxy

ORDER_CHECK = (pathlib.Path(__file__).parent / "progress_order_check.js").read_text()


def test_older_answers_released_after_newer_ones_never_move_an_action_back(driver, owner):
    # A short request budget: forks and builds outlast a request, so actions are answered `running` before
    # `succeeded`, and the proxy has older answers to hand back.
    with running_server(["--request-budget", "1s"], log_name="baton-serve-answer-order.log") as server, \
            ReorderingProxy(server.base_url, release_every=3) as proxy:
        page = DeployPage(driver, proxy.base_url)
        page.instrument(ORDER_CHECK)
        page.set_viewport(1280, 900)
        # One app after another, so that the reload below lands between app-a's end and app-b's.
        page.open(concurrency=1)
        domain = f"{owner}.example.org"
        page.start(owner, domain=domain)

        # Reload while app-b is under way: the whole-workflow read after it is the proxy's early one, in which
        # app-a's first action is still running and nothing after it has started.
        page.wait_until(
            lambda: (lambda s: s["apps"][0]["state"] == "succeeded" and any(
                a["app"] == "app-b" and a["state"] == "running" for a in s["actions"]))(page.snapshot()),
            "app-b to be under way")
        before_reload = page.snapshot()
        page.driver.refresh()
        page.wait_until(lambda: page.snapshot()["apps"], "the resumed deployment to show")
        assert page.snapshot()["apps"][0]["state"] == "succeeded", "the reload kept app-a's progress"

        final = page.wait_for_outcome("succeeded", "failed", "interrupted", timeout=120)
        record = json.loads(driver.execute_script("return sessionStorage.getItem('__progressOrder')"))
        progress = driver.execute_script("return sessionStorage.getItem('baton.progress')")

    assert final["outcome"] == "succeeded", final
    assert all(a["state"] == "succeeded" for a in final["actions"]) and len(final["actions"]) == 16
    action_releases = [r for r in proxy.releases if r["about"] != "workflow"]
    assert len(action_releases) >= 3, f"older action answers were handed back after newer ones: {proxy.releases}"
    assert any(r["about"] == "workflow" for r in proxy.releases), "the reload read the early whole-workflow answer"
    assert record["moments"] >= 30, f"the check saw the list change {record['moments']} times"
    assert record["violations"] == [], record["violations"]
    assert before_reload["apps"][0]["state"] == "succeeded"
    assert "secret@db.example.com" not in (progress or ""), "env values never reach the browser's storage"

    errors = [entry for entry in driver.get_log("browser")
              if entry["level"] == "SEVERE" and "Failed to load resource" not in entry["message"]]
    assert not errors, f"the page logged errors: {errors}"


def test_a_late_answer_about_a_canceled_workflow_does_not_stop_the_next_one(driver, owner):
    # Slow answers (3 s after their effect) and a fork that takes a minute: Cancel lands while the page's long poll of
    # the first workflow is still out, and that poll answers after the second deployment has begun.
    with running_server(log_name="baton-serve-cancel-then-deploy.log") as server:
        server.set_faults({"forkSeconds": 60, "responseDelayMs": 3000})
        page = DeployPage(driver, server.base_url)
        page.instrument(ORDER_CHECK)
        page.start_one_app_until_its_fork_runs(owner, "app-b")
        first = json.loads(page.session_entry())["workflowId"]
        page.element("#cancel-button").click()
        page.wait_until(lambda: page.snapshot()["outcome"] == "canceled", "the cancel", timeout=30)

        # Forks are quick again, answers still slow: the second workflow's first trigger is out when the late answer
        # about the first workflow arrives.
        server.set_faults({"forkSeconds": 1})
        page.fill(owner=owner + "x")
        page.deploy()
        page.wait_until(lambda: json.loads(page.session_entry())["workflowId"] != first, "the second workflow")
        final = page.wait_for_outcome("succeeded", "failed", "interrupted", "canceled", timeout=120)
        record = json.loads(driver.execute_script("return sessionStorage.getItem('__progressOrder')"))

    assert final["outcome"] == "succeeded", final
    assert all(a["state"] == "succeeded" for a in final["actions"]), final["actions"]
    assert record["violations"] == [], record["violations"]
