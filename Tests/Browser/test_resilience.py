"""A lost connection is retried with backoff and a visible notice, and the deployment still completes."""

import time


def set_offline(driver, offline):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1,
    })


def test_a_lost_connection_shows_a_notice_is_retried_and_the_deployment_completes(page, server, owner):
    page.start(owner, apps=("app-b",))
    page.wait_until(lambda: any(a["state"] == "running" for a in page.snapshot()["actions"]), "an action to run")
    set_offline(page.driver, True)
    notice = page.wait_until(lambda: page.snapshot()["notice"], "the connection notice", timeout=15)
    assert notice.startswith("Connection problem: the network failed. Trying again in"), notice
    time.sleep(3)
    later = page.snapshot()
    assert later["outcome"] == "deploying" and later["notice"], later
    set_offline(page.driver, False)

    final = page.wait_for_outcome("succeeded", "interrupted", "failed", timeout=60)
    assert final["outcome"] == "succeeded", final
    assert final["notice"] is None
    assert all(a["state"] == "succeeded" for a in final["actions"])
    repositories = [r for r in server.sandbox_state()["repositories"] if r["fullName"].startswith(owner + "/")]
    assert len(repositories) == 1
