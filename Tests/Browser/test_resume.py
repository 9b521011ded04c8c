"""Reloading mid-way resumes the deployment from sessionStorage, and nothing is created twice."""

import json


def test_a_reload_mid_way_resumes_and_completes_with_one_of_everything_per_app(page, server, owner):
    domain = f"{owner}.example.org"
    page.open(concurrency=1)  # one app after another, so the reload lands with app-a done and app-c not started
    page.start(owner, domain=domain)
    saved = json.loads(page.session_entry())
    assert set(saved) == {"workflowId", "token", "config"}
    assert saved["config"]["github"]["owner"] == owner
    assert "postgres://" not in page.session_entry(), "env values are never stored in the browser"
    progress = page.driver.execute_script("return sessionStorage.getItem('baton.progress')")
    assert json.loads(progress)["workflowId"] == saved["workflowId"] and "postgres://" not in progress

    # Reload while app-b is under way: app-a done, app-b running, app-c not started.
    page.wait_until(
        lambda: (lambda s: s["apps"][0]["state"] == "succeeded" and any(
            a["app"] == "app-b" and a["state"] == "running" for a in s["actions"]))(page.snapshot()),
        "app-b to be under way")
    page.driver.refresh()
    page.wait_until(lambda: page.snapshot()["apps"], "the resumed deployment to show")
    resumed = page.snapshot()
    assert resumed["apps"][0]["state"] == "succeeded", resumed["apps"]
    assert resumed["apps"][2]["state"] == "pending", resumed["apps"]
    assert page.element("#github-owner").get_attribute("value") == owner
    assert page.element("#domain").get_attribute("value") == domain

    final = page.wait_for_outcome("succeeded", "failed", "interrupted")
    assert final["outcome"] == "succeeded", final
    assert all(a["state"] == "succeeded" for a in final["actions"]) and len(final["actions"]) == 16
    assert page.driver.find_elements("css selector", "#dns-records tbody tr").__len__() == 3

    state = server.sandbox_state()
    mine = lambda items, key, test: sorted(item[key] for item in items if test(item))  # noqa: E731
    assert mine(state["repositories"], "fullName", lambda r: r["fullName"].startswith(owner + "/")) == \
        [f"{owner}/app-{x}" for x in "abc"]
    projects = {p["id"]: p["name"] for p in state["projects"] if p["name"].startswith(owner + "-")}
    assert sorted(projects.values()) == [f"{owner}-app-{x}" for x in "abc"]
    deployments = [d for d in state["deployments"] if d["projectId"] in projects]
    assert sorted(projects[d["projectId"]] for d in deployments) == [f"{owner}-app-{x}" for x in "abc"], deployments
    assert mine(state["domains"], "name", lambda d: d["projectId"] in projects) == [f"{x}.{domain}" for x in "abc"]

    # A reload after the end shows the finished deployment again.
    page.driver.refresh()
    again = page.wait_for_outcome("succeeded")
    assert all(a["state"] == "succeeded" for a in again["actions"])
