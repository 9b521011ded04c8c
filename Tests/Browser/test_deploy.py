"""A three-app deployment with a domain, driven by the page (several apps at once), watched at every moment."""

import re

from pages import app_sequences_ok


def test_three_apps_with_a_domain_reach_all_green_checks_and_show_the_dns_records(page, server, owner):
    domain = f"{owner}.com"
    page.start(owner, domain=domain)

    first = page.snapshot()
    assert first["formDisabled"] is True and first["button"]["disabled"] is True
    assert first["button"]["text"].startswith("Deploying"), first["button"]

    observed = {"one_spinner": set(), "samples": 0, "most_apps_at_once": 0}

    def check(snapshot):
        if snapshot["outcome"] != "deploying":
            return
        observed["samples"] += 1
        ok, states = app_sequences_ok(snapshot)
        assert ok, f"action states out of order: {states}"
        running = [a for a in snapshot["actions"] if a["state"] == "running"]
        running_apps = {a["app"] for a in running}
        # Apps are driven at once (by default up to 4), each one action at a time: one spinner per running app.
        assert len(snapshot["spinners"]) == len(running) == len(running_apps) <= 4, (snapshot["spinners"], states)
        observed["most_apps_at_once"] = max(observed["most_apps_at_once"], len(running_apps))
        # Every action's icon matches its state, whether or not its app is expanded.
        for action in snapshot["actions"]:
            expected = {"succeeded": "check", "running": "spinner", "pending": "dot"}[action["state"]]
            assert action["icon"] == expected, action
        assert all(s["animation"] == "spin" for s in snapshot["spinners"]), snapshot["spinners"]
        assert {s["action"] for s in snapshot["spinners"]} == {a["action"] for a in running}, snapshot["spinners"]
        for action in running:
            assert action["visible"], f"{action} is shown (its app is expanded)"
            assert snapshot["button"]["disabled"] and snapshot["formDisabled"]
            # What a person sees in that app: checks before its one spinner, gray dots after it.
            mine = [a for a in snapshot["actions"] if a["app"] == action["app"]]
            icons = "".join({"check": "C", "spinner": "S", "dot": "D"}.get(a["icon"], "") for a in mine)
            assert re.fullmatch(r"C*SD*", icons), f"{action['app']} shows {icons}"
            if "C" in icons and "D" in icons:
                observed["one_spinner"].add((action["app"], action["action"]))

    final = page.wait_for_outcome("succeeded", "failed", "interrupted", "canceled", on_sample=check)
    assert final["outcome"] == "succeeded", final
    assert observed["samples"] > 20
    assert observed["most_apps_at_once"] >= 2, "the page drives several apps at once by default"
    # Intermediate moments with checks before the spinner and dots after it were seen in every app.
    assert {app for app, _ in observed["one_spinner"]} == {"app-a", "app-b", "app-c"}, observed["one_spinner"]

    assert [a["state"] for a in final["apps"]] == ["succeeded"] * 3
    assert [a["icon"] for a in final["apps"]] == ["check"] * 3
    assert all(a["state"] == "succeeded" and a["icon"] == "check" for a in final["actions"])
    assert len(final["actions"]) == 16
    assert final["spinners"] == [] and set(final["visibleIcons"]) == {"check"}
    assert final["formDisabled"] is False and final["button"]["text"] == "Deploy again"
    assert "deployed" in final["announcement"]

    # Completed apps are collapsed to one line; a click expands one again, another click collapses it.
    assert [a["expanded"] for a in final["apps"]] == [False, False, False]
    page.toggle_app("app-b")
    expanded = page.snapshot()
    assert [a["expanded"] for a in expanded["apps"]] == [False, True, False]
    assert sum(a["visible"] for a in expanded["actions"]) == 5
    page.toggle_app("app-b")
    assert [a["expanded"] for a in page.snapshot()["apps"]] == [False, False, False]

    # Results: a deployment link per app and the DNS records with a copy button each.
    links = page.driver.execute_script(
        "return [...document.querySelectorAll('#result-links a.deployment-link')].map(a => a.href)")
    assert links == [f"https://{owner}-app-{x}.vercel.app/" for x in "abc"], links
    rows = page.driver.execute_script("""
        return [...document.querySelectorAll('#dns-records tbody tr')].map(row => ({
          cells: [...row.cells].slice(0, 3).map(cell => cell.textContent.trim()),
          visible: row.getClientRects().length > 0, button: row.querySelector('button.copy-button')?.textContent.trim()}))""")
    assert [row["cells"][:2] for row in rows] == [["CNAME", "a"], ["CNAME", "b"], ["CNAME", "c"]], rows
    assert all(row["visible"] and row["button"] == "Copy" and row["cells"][2].startswith("cname.") for row in rows), rows
    page.driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": server.base_url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    page.element("#dns-records tbody tr:nth-child(2) button.copy-button").click()
    page.wait_until(lambda: page.element("#dns-records tbody tr:nth-child(2) button.copy-button").text == "Copied", "Copied")
    copied = page.driver.execute_async_script("navigator.clipboard.readText().then(arguments[0], () => arguments[0](null))")
    assert copied == rows[1]["cells"][2]

    # The sandbox holds one repository, project and domain per app, made by this deployment.
    state = server.sandbox_state()
    assert sorted(r["fullName"] for r in state["repositories"] if r["fullName"].startswith(owner + "/")) == \
        [f"{owner}/app-{x}" for x in "abc"]
    assert sorted(d["name"] for d in state["domains"] if d["name"].endswith(domain)) == [f"{x}.{domain}" for x in "abc"]


def test_the_page_keeps_state_in_its_loop_and_announces_progress(page, owner):
    page.start(owner, apps=("app-c",))
    seen_current = set()

    def check(snapshot):
        if snapshot["outcome"] == "deploying" and snapshot["currentAppIndex"] >= 0:
            assert snapshot["deploying"] == "true"
            seen_current.add((snapshot["currentAppIndex"], snapshot["currentActionIndex"]))

    final = page.wait_for_outcome("succeeded", "failed", "interrupted", on_sample=check)
    assert final["outcome"] == "succeeded"
    assert final["deploying"] == "false" and final["currentAppIndex"] == -1
    # The loop walked app-c's actions in order: fork, project, deploy (no env, no domain).
    assert {index for _, index in seen_current} >= {0, 2}
    attributes = page.driver.execute_script("""
        const region = document.querySelector('#deployment-progress [aria-live]');
        const lists = [...document.querySelectorAll('#deployment-progress ol')].map(list => list.getAttribute('role'));
        const unlabeled = [...document.querySelectorAll('#deployment-progress svg[role="img"]')].filter(svg => !svg.getAttribute('aria-label'));
        return {live: region?.getAttribute('aria-live'), lists, unlabeled: unlabeled.length};""")
    assert attributes == {"live": "polite", "lists": ["list", "list"], "unlabeled": 0}
