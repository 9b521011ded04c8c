"""The page sends the host's credential with init: a host opens it as `/#credential=<jwt>` on a server run with
`--auth jwt`; the page keeps the token in sessionStorage, takes it out of the address bar, and the workflow it starts
belongs to the token's subject."""

import base64
import hashlib
import hmac
import json
import time
import urllib.request

from conftest import running_server
from pages import DeployPage

SECRET = "a-browser-test-secret-of-more-than-32-bytes"


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint(subject, expires_in=300, owners=None):
    """An HS256 token for `subject` (allowed only `owners`, when given), as a host application signs one."""
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = {"sub": subject, "exp": int(time.time()) + expires_in}
    if owners is not None:
        claims["baton_owners"] = owners
    payload = _b64url(json.dumps(claims).encode())
    signature = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64url(signature)}"


def listed_workflows(base_url, token):
    request = urllib.request.Request(base_url + "/api/workflows", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return [workflow["workflowId"] for workflow in json.load(response)["workflows"]]


def test_the_page_starts_a_workflow_with_the_hosts_token_and_hides_it(driver, owner):
    token = mint("user-browser")
    with running_server(["--auth", "jwt"], log_name="baton-serve-jwt.log", env={"BATON_JWT_SECRET": SECRET}) as server:
        page = DeployPage(driver, server.base_url)
        driver.get(f"{server.base_url}/#credential={token}")
        page.wait_until(lambda: driver.find_elements("css selector", 'input[name="apps"]'), "the catalog's apps to appear")
        assert "credential" not in driver.current_url and token not in driver.current_url, driver.current_url

        page.start(owner, apps=("app-b",))
        page.wait_for_outcome("succeeded")
        workflow_id = json.loads(page.session_entry())["workflowId"]
        assert listed_workflows(server.base_url, token) == [workflow_id], "the workflow belongs to the token's subject"
        assert listed_workflows(server.base_url, mint("someone-else")) == []

        # After a reload (no fragment any more) the tab still has the token for its next init.
        driver.refresh()
        page.wait_until(lambda: page.snapshot()["outcome"] == "succeeded", "the finished deployment to reappear")
        assert driver.execute_script("return sessionStorage.getItem('baton.credential')") == token


def test_without_a_token_the_page_says_why_it_cannot_start(driver, owner):
    with running_server(["--auth", "jwt"], log_name="baton-serve-jwt-none.log", env={"BATON_JWT_SECRET": SECRET}) as server:
        page = DeployPage(driver, server.base_url)
        page.open()
        page.choose("app-b")
        page.fill(owner=owner)
        page.deploy()
        summary = page.wait_until(
            lambda: (element := page.element("#form-error-summary")).is_displayed() and element.text, "the error summary")
        assert "could not start" in summary and "Bearer" in summary, summary

        # The host hands over a token by changing the fragment, without reloading the page; this one has expired.
        expired = mint("user-browser", expires_in=-120)
        driver.execute_script("window.location.hash = arguments[0]", f"credential={expired}")
        page.wait_until(lambda: "credential" not in driver.current_url, "the page to take the token from the fragment")
        page.choose("app-b")
        page.fill(owner=owner)
        page.deploy()
        summary = page.wait_until(
            lambda: (element := page.element("#form-error-summary")).is_displayed() and element.text, "the error summary")
        assert "expired" in summary, summary


def test_an_owner_the_token_may_not_deploy_into_is_marked_beside_its_field(driver, owner):
    token = mint("user-browser", owners=["acme"])
    with running_server(["--auth", "jwt"], log_name="baton-serve-jwt-owner.log", env={"BATON_JWT_SECRET": SECRET}) as server:
        page = DeployPage(driver, server.base_url)
        driver.get(f"{server.base_url}/#credential={token}")
        page.wait_until(lambda: driver.find_elements("css selector", 'input[name="apps"]'), "the catalog's apps to appear")
        page.choose("app-b")
        page.fill(owner=owner)
        page.deploy()
        beside = page.wait_until(lambda: page.error_for("config.github.owner"), "the error beside the owner field")
        assert "may deploy into" in beside, beside
        assert "acme" in page.element("#form-error-summary").text, "the summary names what is allowed"
        assert listed_workflows(server.base_url, token) == [], "nothing was stored"
