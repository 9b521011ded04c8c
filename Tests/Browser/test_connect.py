"""Deploying into the person's own GitHub and Vercel accounts: the page connects both through the sandbox's consent
pages (real redirects, the server's HttpOnly cookie), offers the connected owners and teams, and starts the workflow
with `"accounts": {"github": "connected", "vercel": "connected"}`; the repositories and projects land in those
accounts, a token expiring mid-workflow is refreshed, and refusals are shown beside the fields they concern."""

import json

# The sandbox's Vercel user alice; the server's own (shared) account is SbxUser00000000000000001.
ALICE_VERCEL_ACCOUNT = "SbxUserAlice000000000001"
APPS = ("app-a", "app-b", "app-c")


def connect_both(page):
    """Connects GitHub as octo-alice and Vercel as alice; checks the note shown while only one is connected."""
    page.wait_for_connections()
    github = page.connect("github", "octo-alice")
    assert github["status"]["tone"] == "success" and "GitHub" in github["status"]["text"], github["status"]
    assert github["note"] and "Both GitHub and Vercel" in github["note"], "one connection alone is not enough"
    assert "?" not in page.driver.current_url, "the outcome is taken out of the address bar"
    both = page.connect("vercel", "alice")
    assert both["note"] is None
    return both


def deploy_and_wait(page, owner, team=None):
    """Deploys APPS into `owner` (and `team`) and waits until every action of every app is done."""
    page.start(owner, apps=APPS, team=team)
    final = page.wait_for_outcome("succeeded", "failed", "interrupted", "canceled", timeout=180)
    failed = [(a["app"], a["action"], a["error"], a["fix"]) for a in final["actions"] if a["state"] != "succeeded"]
    assert final["outcome"] == "succeeded", failed
    assert final["actions"] and all(a["state"] == "succeeded" and a["icon"] == "check" for a in final["actions"]), final["actions"]
    return final


def projects_of(state, names):
    return {project["name"]: project for project in state["projects"] if project["name"] in names}


def test_both_accounts_connected_receive_the_repositories_and_projects(page, server, artifacts):
    connected = connect_both(page)
    page.screenshot(artifacts / "page-connected-1280.png", 1280)
    assert connected["github"]["accountText"] == "GitHub: octo-alice" and connected["github"]["disconnectButton"], connected["github"]
    assert connected["vercel"]["accountText"] == "Vercel: alice" and connected["vercel"]["disconnectButton"], connected["vercel"]
    assert connected["ownerSuggestions"] == [
        {"value": "octo-alice", "label": ""}, {"value": "alice-labs", "label": ""},
        {"value": "alice-archive", "label": "GitHub App not installed"}], connected["ownerSuggestions"]
    assert [t["value"] for t in connected["teamSuggestions"]] == ["team_alicelabs"], connected["teamSuggestions"]
    assert "alice" in connected["teamHelp"], "left empty, the team field means alice's personal account"

    # The page never holds a provider token: the connection is an HttpOnly cookie, nothing is stored.
    stored = page.driver.execute_script(
        "return {cookie: document.cookie, session: JSON.stringify({...sessionStorage}), local: JSON.stringify({...localStorage})}")
    assert stored["cookie"] == "", stored
    for prefix in ("ghu_", "ghr_", "vca_", "vcr_"):
        assert prefix not in stored["session"] + stored["local"], stored

    deploy_and_wait(page, "octo-alice")

    state = server.sandbox_state()
    repositories = sorted(r["fullName"] for r in state["repositories"] if r["fullName"].split("/")[1] in APPS
                          and r["fullName"].startswith("octo-alice/"))
    assert repositories == [f"octo-alice/{app}" for app in APPS], state["repositories"]
    projects = projects_of(state, {f"octo-alice-{app}" for app in APPS})
    assert len(projects) == 3, state["projects"]
    assert {project["accountId"] for project in projects.values()} == {ALICE_VERCEL_ACCOUNT}, projects
    assert {project["repo"] for project in projects.values()} == {f"octo-alice/{app}" for app in APPS}, projects
    assert state["oauth"]["codeExchanges"] >= 2, state["oauth"]
    assert not any(key in json.dumps(state) for key in ("ghu_", "vca_")), "the sandbox's state shows no token"

    # Disconnecting GitHub takes its suggestions away and leaves Vercel alone with the note.
    after = page.disconnect("github")
    assert after["ownerSuggestions"] == [] and after["vercel"]["connected"], after
    assert after["note"], after


def test_a_token_expiring_mid_workflow_is_refreshed_and_the_workflow_completes(page, server):
    try:
        # Tokens issued from now on live 3 s; a build takes 5 s, so the workflow outlives the first tokens.
        server.set_faults({"oauthAccessTokenSeconds": 3, "buildSeconds": 5})
        refreshes_before = server.sandbox_state()["oauth"]["refreshes"]
        connect_both(page)
        deploy_and_wait(page, "alice-labs", team="team_alicelabs")
        state = server.sandbox_state()
    finally:
        server.set_faults({})
    assert state["oauth"]["refreshes"] > refreshes_before, state["oauth"]
    repositories = sorted(r["fullName"] for r in state["repositories"] if r["fullName"].startswith("alice-labs/"))
    assert repositories == [f"alice-labs/{app}" for app in APPS], state["repositories"]
    projects = projects_of(state, {f"alice-labs-{app}" for app in APPS})
    assert {project["accountId"] for project in projects.values()} == {"team_alicelabs"}, projects


def test_an_owner_outside_the_connected_account_is_refused_beside_the_owner_field(page, server):
    connect_both(page)
    page.choose("app-b")
    page.fill(owner="octo-bob")
    page.deploy()
    beside = page.wait_until(lambda: page.error_for("config.github.owner"), "the error beside the owner field")
    assert beside.startswith("GitHub owner"), beside
    assert page.element("#github-owner").get_attribute("aria-invalid") == "true"
    assert page.element("#form-error-summary").is_displayed()
    assert page.snapshot()["outcome"] == "idle" and page.session_entry() is None
    assert not any(r["fullName"].startswith("octo-bob/") for r in server.sandbox_state()["repositories"])

    # An organization of the account without the GitHub App: the field says so, with the link to install it.
    page.fill(owner="alice-archive")
    hint = page.wait_until(lambda: page.connections()["installHint"], "the install hint")
    assert "not installed on alice-archive" in hint["text"], hint
    assert len(hint["links"]) == 1 and "/installations/new" in hint["links"][0], hint
    # Deploying there anyway is refused beside the owner field too, naming where to install the App.
    page.deploy()
    page.wait_until(lambda: page.error_for("config.github.owner") and "install" in page.error_for("config.github.owner").lower(),
                    "the refusal beside the owner field")
    page.fill(owner="alice-labs")
    assert page.connections()["installHint"] is None


def test_denying_the_consent_returns_to_the_page_with_the_error(page):
    page.wait_for_connections()
    denied = page.deny("github")
    assert denied["status"]["tone"] == "error" and denied["status"]["role"] == "alert", denied["status"]
    assert "GitHub was not connected" in denied["status"]["text"] and "denied" in denied["status"]["text"], denied["status"]
    assert not denied["github"]["connected"] and denied["github"]["connectButton"] == "Connect GitHub", denied["github"]
    assert denied["ownerSuggestions"] == [] and denied["note"] is None
    assert page.driver.current_url.rstrip("/") == page.base_url, "the error is taken out of the address bar"
