"""Required fields are checked in the page; the server's validation errors appear beside the fields they name."""


def described_by(page, field_css):
    """The ids an input's aria-describedby names: its error message must be one of them."""
    return page.element(field_css).get_attribute("aria-describedby").split()


def test_required_fields_are_checked_before_anything_is_sent(page, server):
    before = server.sandbox_state()["calls"]
    page.choose("app-a")
    page.deploy()
    assert page.error_for("config.github.owner") == "GitHub owner is required"
    assert page.error_for("envVars.app-a.DATABASE_URL").startswith("DATABASE_URL is required by App A")
    assert page.error_for("config.domain") is None
    assert page.element("#github-owner").get_attribute("aria-invalid") == "true"
    assert page.element("#env-app-a-DATABASE_URL").get_attribute("aria-invalid") == "true"
    assert "github-owner-error" in described_by(page, "#github-owner")
    # The masked input of the required env var is marked and described.
    field = page.element("#env-app-a-DATABASE_URL")
    assert field.get_attribute("type") == "password" and field.get_attribute("aria-required") == "true"
    assert page.element("#env-app-a-DATABASE_URL-description").text == "Connection string of the app's database."
    assert page.snapshot()["outcome"] == "idle" and page.session_entry() is None
    assert server.sandbox_state()["calls"] == before

    # No app chosen at all.
    page.element('input[name="apps"][value="app-a"]').click()
    page.fill(owner="acme")
    page.deploy()
    assert page.error_for("config.apps").startswith("Apps must name at least one app")
    assert page.error_for("config.github.owner") is None

    # Env inputs follow the chosen apps: app-c declares none, app-b only an optional one.
    page.choose("app-b")
    visible = page.driver.execute_script(
        "return [...document.querySelectorAll('[data-env-app]')].filter(e => !e.hidden).map(e => e.dataset.envApp)")
    assert visible == ["app-b"]
    assert page.element("#env-app-b-API_KEY").get_attribute("aria-required") is None


def test_the_servers_validation_errors_appear_beside_their_fields(page, owner):
    # Each value passes the page's own check (non-empty) but not the server's.
    page.choose("app-a", "app-b")
    page.fill(owner="-not-a-login-", team="team-with-dashes", domain="not_a_domain",
              env={("app-a", "DATABASE_URL"): "x" * (16 * 1024 + 1)})
    page.deploy()
    page.wait_until(lambda: page.error_for("config.github.owner"), "the server's errors")
    assert page.error_for("config.github.owner").startswith("GitHub owner must be a GitHub login")
    assert page.error_for("config.vercel.teamId").startswith("Vercel team must be a Vercel team id")
    assert page.error_for("config.domain").startswith("Domain must be a valid DNS name")
    assert page.error_for("envVars.app-a.DATABASE_URL") == "DATABASE_URL must be at most 16384 bytes"
    for field in ("#github-owner", "#vercel-team", "#domain", "#env-app-a-DATABASE_URL"):
        assert page.element(field).get_attribute("aria-invalid") == "true", field
        error_id = field[1:] + "-error"
        assert error_id in described_by(page, field)
        # Beside the field: the message sits in the same block as its input, right below it.
        same_block = page.driver.execute_script(
            "const input = document.querySelector(arguments[0]); const error = document.getElementById(arguments[1]);"
            "return input.closest('div.space-y-1').contains(error) && error.getBoundingClientRect().top >= input.getBoundingClientRect().bottom;",
            field, error_id)
        assert same_block, field
    summary = page.element("#form-error-summary")
    assert summary.is_displayed() and summary.text.startswith("The server found 4 problems.")
    assert page.snapshot()["outcome"] == "idle" and page.session_entry() is None
    assert page.snapshot()["formDisabled"] is False

    # Fixing the fields clears the errors on the next try, and the deployment starts.
    page.fill(owner=owner, team="", domain="", env={("app-a", "DATABASE_URL"): "postgres://db"})
    page.deploy()
    page.wait_until(lambda: page.snapshot()["outcome"] != "idle", "the deployment to start")
    assert page.error_for("config.github.owner") is None and not summary.is_displayed()
    page.element("#cancel-button").click()
    page.wait_for_outcome("canceled")
