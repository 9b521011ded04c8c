"""What an action row tells beyond its state: a failure's fix and the build log of a failed deployment, the elapsed
time and Vercel's readyState of a running one, and after Cancel the provider work still being stopped."""

import base64
import re
import time

import pytest
from selenium.webdriver.common.by import By


@pytest.fixture
def faults(server):
    """The sandbox's faults and knobs, returned to the server's start-up values after the test."""
    yield server
    server.set_faults({})


def row(snapshot, app, action="deploy"):
    return next(a for a in snapshot["actions"] if a["app"] == app and a["action"] == action)


def deployments_of(server, project_name):
    """The sandbox's deployments of the Vercel project named `project_name`."""
    state = server.sandbox_state()
    ids = {p["id"] for p in state["projects"] if p["name"] == project_name}
    return [d for d in state["deployments"] if d["projectId"] in ids]


def progress_screenshots(page, artifacts, name):
    """The whole page and the progress component alone, at 1280 and at 390 px; the viewport is 1280 × 900 after."""
    for width in (1280, 390):
        page.set_viewport(width, 900)
        # Let the page lay itself out at the new width before measuring and capturing it.
        page.driver.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]))")
        sizes = page.driver.execute_script("return {inner: innerWidth, scroll: document.documentElement.scrollWidth}")
        assert sizes["inner"] == width and sizes["scroll"] <= width, f"the page overflows sideways at {width} px: {sizes}"
        page.screenshot(artifacts / f"{name}-{width}.png", width)
        box = page.driver.execute_script(
            "const r = document.getElementById('deployment-progress').getBoundingClientRect();"
            "return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height, scale: 1};")
        shot = page.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": box, "captureBeyondViewport": True})
        (artifacts / f"{name}-{width}-progress.png").write_bytes(base64.b64decode(shot["data"]))
    page.set_viewport(1280, 900)


def test_a_failed_build_shows_its_message_fix_and_build_log_and_retry_starts_attempt_2(page, faults, owner, artifacts):
    faults.set_faults({"failDeployment": f"{owner}-app-b"})
    page.start(owner, apps=("app-b",))

    failed = page.wait_for_outcome("failed", "succeeded", "interrupted")
    assert failed["outcome"] == "failed", failed
    deploy = row(failed, "app-b")
    assert deploy["state"] == "failed" and deploy["attempt"] == 1, deploy
    assert "ERROR" in deploy["error"], deploy
    # The server's fix, under the message: read the build log (its URL a link opening in a new tab), then retry.
    assert "build log" in deploy["fix"].lower(), deploy
    [fix_link] = deploy["fixLinks"]
    inspector = deploy["inspectorUrl"]
    assert inspector and inspector.startswith("https://vercel.com/"), deploy
    assert fix_link["href"] == inspector and fix_link["text"] == inspector, deploy
    assert fix_link["target"] == "_blank" and "noopener" in fix_link["rel"], fix_link
    assert deploy["buildLog"]["text"].startswith("Build log") and deploy["buildLog"]["target"] == "_blank", deploy
    assert "noopener" in deploy["buildLog"]["rel"]
    # The deployment the link names is the one that failed.
    [deployment] = deployments_of(faults, f"{owner}-app-b")
    assert deployment["readyState"] == "ERROR"
    assert inspector.rstrip("/").endswith(deployment["id"].removeprefix("dpl_")), (inspector, deployment["id"])
    # A readyState still "in progress" is not shown on a failed row: only a final one (ERROR) would be true.
    assert deploy["readyState"] in (None, "ERROR"), deploy
    if deploy["readyState"] == "ERROR":
        assert deploy["readyStateText"] == "Build failed"
    # Retryable: the button says so; a failed row counts no time.
    assert deploy["retryVisible"] and deploy["retryable"] == "true" and "may succeed" in deploy["retryTitle"], deploy
    assert deploy["elapsed"] == "" and deploy["elapsedSeconds"] is None and deploy["title"] == "", deploy
    # The fix is visually secondary to the message: smaller and not red.
    styles = page.driver.execute_script("""
        const item = document.querySelector('li[data-app-id="app-b"][data-action-id="deploy"]');
        const style = (css) => { const s = getComputedStyle(item.querySelector(css)); return {size: parseFloat(s.fontSize), color: s.color}; };
        return {error: style('.action-error'), fix: style('.action-fix')};""")
    assert styles["fix"]["size"] < styles["error"]["size"] and styles["fix"]["color"] != styles["error"]["color"], styles
    progress_screenshots(page, artifacts, "action-failed")

    # The "Build log" link opens the inspector URL in a new tab (the sandbox's URL does not load here: no network).
    main_window = page.driver.current_window_handle
    page.element('li[data-app-id="app-b"][data-action-id="deploy"] a.build-log').click()
    page.wait_until(lambda: len(page.driver.window_handles) == 2, "the build log to open in a new tab", timeout=10)
    [log_window] = [handle for handle in page.driver.window_handles if handle != main_window]
    page.driver.switch_to.window(log_window)
    opened = page.wait_until(
        lambda: (page.driver.execute_cdp_cmd("Page.getNavigationHistory", {})["entries"] or [{}])[-1].get("url"),
        "the new tab to navigate", timeout=10)
    assert opened == inspector, opened
    page.driver.close()
    page.driver.switch_to.window(main_window)

    # Retry starts attempt 2 with a fresh start time, and it succeeds.
    page.element('li[data-app-id="app-b"][data-action-id="deploy"] button.retry-button').click()
    seen = []

    def watch(snapshot):
        deploy = row(snapshot, "app-b")
        if deploy["state"] == "running" and deploy["elapsedSeconds"] is not None:
            seen.append(deploy)

    final = page.wait_for_outcome("succeeded", "failed", "interrupted", on_sample=watch)
    assert final["outcome"] == "succeeded", final
    deploy = row(final, "app-b")
    assert deploy["state"] == "succeeded" and deploy["attempt"] == 2, deploy
    assert deploy["error"] == "" and deploy["fix"] == "" and deploy["fixLinks"] == [], deploy
    assert deploy["inspectorUrl"] is None and deploy["readyState"] is None and deploy["elapsed"] == "", deploy
    assert seen and all(sample["attempt"] == 2 for sample in seen), seen
    assert min(sample["elapsedSeconds"] for sample in seen) <= 1, "attempt 2 counts from its own start"
    assert seen[-1]["inspectorUrl"] != inspector, "attempt 2 follows a new deployment"


def test_a_running_deploy_shows_its_elapsed_time_its_ready_state_and_its_build_log(page, faults, owner, artifacts):
    faults.set_faults({"buildSeconds": 8})
    page.start(owner, apps=("app-c",))
    running = page.wait_until(
        lambda: (lambda d: d if d["state"] == "running" and d["readyState"] else None)(row(page.snapshot(), "app-c")),
        "the deployment to run", timeout=30)
    time.sleep(1.6)
    later = row(page.snapshot(), "app-c")
    assert later["state"] == "running", later

    # The elapsed time, counted by the page each second from startedAt: it grew between the two snapshots.
    for sample in (running, later):
        assert re.fullmatch(r"\d+ s", sample["elapsed"]), sample
        assert sample["elapsed"] == f"{sample['elapsedSeconds']} s"
    assert later["elapsedSeconds"] > running["elapsedSeconds"], (running, later)
    # The time left before the attempt gives up is in the row's tooltip.
    assert re.fullmatch(r"Running for \d+ s; gives up in \d+ min", later["title"]), later["title"]

    words = {"QUEUED": "Queued for a build slot", "INITIALIZING": "Preparing the build", "BUILDING": "Building",
             "READY": "Built; assigning the domain"}
    assert later["readyStateText"] == words[later["readyState"]], later
    assert later["inspectorUrl"].startswith("https://vercel.com/") and later["buildLog"]["target"] == "_blank", later
    assert later["message"], "the server's message stays beside the page's own details"
    progress_screenshots(page, artifacts, "action-running")

    ready_states = set()

    def watch(snapshot):
        deploy = row(snapshot, "app-c")
        if deploy["state"] == "running":
            ready_states.add(deploy["readyState"])
            assert deploy["readyStateText"] == words[deploy["readyState"]], deploy

    final = page.wait_for_outcome("succeeded", "failed", "interrupted", on_sample=watch, timeout=60)
    assert final["outcome"] == "succeeded", final
    assert "BUILDING" in ready_states, ready_states
    deploy = row(final, "app-c")
    # Once done, the row is quiet again: no clock, no tooltip, no readyState.
    assert deploy["elapsed"] == "" and deploy["title"] == "" and deploy["readyState"] is None, deploy
    # Every action showed its time while it ran; none counts any more.
    assert all(a["elapsed"] == "" for a in final["actions"])


def test_cancel_during_a_long_build_cancels_the_vercel_deployment(page, faults, owner):
    faults.set_faults({"buildSeconds": 600})
    page.start(owner, apps=("app-c",))
    page.wait_until(lambda: (lambda d: d["state"] == "running" and d["readyState"])(row(page.snapshot(), "app-c")),
                    "the deployment to build", timeout=30)
    page.element("#cancel-button").click()

    final = page.wait_for_outcome("canceled", "succeeded", "failed", "interrupted", timeout=30)
    assert final["outcome"] == "canceled", final
    deploy = row(final, "app-c")
    assert deploy["state"] == "canceled" and deploy["icon"] == "canceled", deploy
    assert deploy["elapsed"] == "" and deploy["retryVisible"] is False, deploy
    done = page.wait_until(lambda: (lambda s: s if s["stopping"] is None else None)(page.snapshot()),
                           "no pending cancellation to be left", timeout=30)
    assert done["outcome"] == "canceled" and not done["cancelButton"]["visible"], done
    [deployment] = deployments_of(faults, f"{owner}-app-c")
    assert deployment["readyState"] == "CANCELED", deployment


def test_cancel_shows_the_builds_still_being_stopped_until_they_are(page, faults, owner, artifacts):
    """Vercel failing every request at the moment of Cancel: the build cannot be stopped within the cancel request,
    so the page says it is still stopping it and asks again until the server lists nothing pending."""
    faults.set_faults({"buildSeconds": 600})
    page.start(owner, apps=("app-c",))
    page.wait_until(lambda: (lambda d: d["state"] == "running" and d["readyState"])(row(page.snapshot(), "app-c")),
                    "the deployment to build", timeout=30)
    faults.set_faults({"failureRate": 1})
    page.element("#cancel-button").click()
    canceling = page.snapshot()
    # Until the cancel request answers, the button says so and cannot be pressed twice.
    assert canceling["outcome"] == "canceled" or (
        canceling["cancelButton"]["text"] == "Canceling…" and canceling["cancelButton"]["disabled"]), canceling

    stopping = page.wait_until(lambda: page.snapshot()["stopping"], "the notice about the build being stopped", timeout=30)
    assert stopping["text"] == "Stopping 1 Vercel build…", stopping
    assert "app-c, deploy:" in stopping["title"], stopping
    snapshot = page.snapshot()
    assert snapshot["outcome"] == "canceled" and row(snapshot, "app-c")["state"] == "canceled", snapshot
    [deployment] = deployments_of(faults, f"{owner}-app-c")
    assert deployment["readyState"] in ("QUEUED", "INITIALIZING", "BUILDING"), "Vercel failed every request: still going"
    page.driver.execute_script("window.scrollTo(0, 0)")
    page.element("#deployment-progress").screenshot(str(artifacts / "cancel-stopping-1280-progress.png"))

    # Vercel answers again: the page's next whole-workflow status lets the server stop the build, and the notice goes.
    faults.set_faults({"failureRate": 0})
    page.wait_until(lambda: page.snapshot()["stopping"] is None, "the notice to go", timeout=30)
    [deployment] = deployments_of(faults, f"{owner}-app-c")
    assert deployment["readyState"] == "CANCELED", deployment
    assert page.element("#progress-announcer").get_attribute("aria-live") == "polite"
    assert not page.driver.find_elements(By.CSS_SELECTOR, "#check-stopping-button:not([hidden])")
