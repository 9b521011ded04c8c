"""The page drives several apps at once, never more than its concurrency; a failed app stops alone and its Retry joins
the apps still running; the list is redrawn when something changed, not on every poll."""

from pages import app_sequences_ok

# Counts what the page asks and what it redraws: `status` requests sent, and changes to the progress list other than
# the elapsed-time ticker (the running time and the row's tooltip, redrawn each second by design).
REDRAW_COUNTER = """
window.__baton = {statusRequests: 0, redraws: 0, last: []};
const originalFetch = window.fetch;
window.fetch = function (input, init) {
  if (typeof init?.body === 'string' && init.body.includes('"mode":"status"')) window.__baton.statusRequests += 1;
  return originalFetch.apply(this, arguments);
};
document.addEventListener('DOMContentLoaded', () => {
  const list = document.getElementById('progress-apps');
  new MutationObserver((records) => {
    const redraws = records.filter((record) => {
      const element = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      if (element?.closest('.action-elapsed')) return false;
      return !(record.type === 'attributes' && record.attributeName === 'title');
    });
    window.__baton.redraws += redraws.length;
    for (const record of redraws.slice(-3)) {
      const element = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      window.__baton.last = [...window.__baton.last.slice(-5), `${record.type} ${record.attributeName ?? ''} on ${element?.outerHTML.slice(0, 120)}`];
    }
  }).observe(list, {subtree: true, childList: true, attributes: true, characterData: true});
});
"""


def test_at_most_concurrency_apps_run_at_once_and_the_next_takes_a_finished_ones_place(page, owner):
    page.open(concurrency=2)
    page.start(owner)
    seen = {"most": 0, "c_started_with": None}

    def check(snapshot):
        ok, states = app_sequences_ok(snapshot)
        assert ok, f"action states out of order: {states}"
        running_apps = {a["app"] for a in snapshot["actions"] if a["state"] == "running"}
        assert len(running_apps) <= 2, running_apps
        seen["most"] = max(seen["most"], len(running_apps))
        app_states = {a["app"]: a["state"] for a in snapshot["apps"]}
        if app_states["app-c"] != "pending" and seen["c_started_with"] is None:
            seen["c_started_with"] = app_states

    final = page.wait_for_outcome("succeeded", "failed", "interrupted", on_sample=check)
    assert final["outcome"] == "succeeded", final
    assert seen["most"] == 2, "two apps ran at once"
    # app-c waited for a free place: it started only once app-a or app-b had finished.
    started_with = seen["c_started_with"]
    assert started_with and "succeeded" in (started_with["app-a"], started_with["app-b"]), started_with


def test_a_failed_app_stops_alone_and_its_retry_joins_the_apps_still_running(page, server, owner):
    server.set_faults({"failDeployment": f"{owner}-app-b"})
    page.open(concurrency=2)
    page.start(owner)

    # app-b's build fails while app-a runs; app-c takes app-b's place, and the deployment goes on.
    def b_failed_while_deploying():
        snapshot = page.snapshot()
        deploy = next(a for a in snapshot["actions"] if a["app"] == "app-b" and a["action"] == "deploy")
        return snapshot if deploy["state"] == "failed" and snapshot["outcome"] == "deploying" else None

    during = page.wait_until(b_failed_while_deploying, "app-b's deploy to fail while other apps go on")
    deploy = next(a for a in during["actions"] if a["app"] == "app-b" and a["action"] == "deploy")
    assert "ERROR" in deploy["error"] and deploy["retryVisible"], deploy
    assert deploy["visible"], "the failed app stays expanded"
    # The other apps are not done (between two of its actions an app shows its next one pending, not running).
    assert any(a["state"] in ("running", "pending") for a in during["actions"] if a["app"] != "app-b"), during["actions"]

    page.element('li[data-app-id="app-b"][data-action-id="deploy"] button.retry-button').click()
    final = page.wait_for_outcome("succeeded", "failed", "interrupted")
    assert final["outcome"] == "succeeded", final
    deploy = next(a for a in final["actions"] if a["app"] == "app-b" and a["action"] == "deploy")
    assert deploy["state"] == "succeeded" and deploy["attempt"] == 2, deploy
    assert all(a["state"] == "succeeded" for a in final["actions"])

    # One of each resource per app, the failed build and its retry being two deployments of app-b.
    state = server.sandbox_state()
    projects = {p["id"]: p["name"] for p in state["projects"] if p["name"].startswith(owner + "-")}
    deployments = sorted(projects[d["projectId"]] for d in state["deployments"] if d["projectId"] in projects)
    assert deployments == [f"{owner}-app-a", f"{owner}-app-b", f"{owner}-app-b", f"{owner}-app-c"], deployments


def test_the_list_is_redrawn_on_changes_not_on_polls(driver, owner):
    from conftest import running_server
    from pages import DeployPage

    # A fork that takes 12 s: the page polls it several times, and nothing about it changes in between.
    with running_server(log_name="baton-serve-redraws.log") as server:
        server.set_faults({"forkSeconds": 12})
        page = DeployPage(driver, server.base_url)
        page.instrument(REDRAW_COUNTER)
        page.start_one_app_until_its_fork_runs(owner, "app-c")
        fork = lambda: page.action("fork-repository")  # noqa: E731
        page.wait_until(lambda: fork()["elapsedSeconds"] is not None and fork()["elapsedSeconds"] >= 1, "a second to pass")
        before = driver.execute_script("return {...window.__baton}")
        page.wait_until(lambda: fork()["elapsedSeconds"] >= 9, "the fork to run for 9 s", timeout=30)
        after = driver.execute_script("return {...window.__baton}")
        assert fork()["state"] == "running"
        assert after["statusRequests"] - before["statusRequests"] >= 2, (before, after)
        assert after["redraws"] == before["redraws"], f"the list was redrawn while nothing changed: {before} → {after}"
        final = page.wait_for_outcome("succeeded", "failed", "interrupted", timeout=60)
        assert final["outcome"] == "succeeded", final
        assert driver.execute_script("return window.__baton.redraws") > after["redraws"]
