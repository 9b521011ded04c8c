"""An injected build failure shows its message beside a red cross; Retry completes the deployment; Cancel stops one."""


def test_a_failed_build_shows_its_message_and_retry_completes_it(page, server, owner):
    server.set_faults({"failDeployment": f"{owner}-app-b"})
    page.start(owner, apps=("app-a", "app-b"))

    failed = page.wait_for_outcome("failed", "succeeded", "interrupted")
    assert failed["outcome"] == "failed", failed
    deploy = next(a for a in failed["actions"] if a["app"] == "app-b" and a["action"] == "deploy")
    assert deploy["state"] == "failed" and deploy["icon"] == "cross" and deploy["visible"]
    assert "ERROR" in deploy["error"] and deploy["retryVisible"], deploy
    assert [a["state"] for a in failed["apps"]] == ["succeeded", "failed"]
    assert failed["spinners"] == []
    assert "cross" in failed["visibleIcons"]
    assert page.element("#cancel-button").is_displayed()
    assert failed["formDisabled"] is True

    page.element('li[data-app-id="app-b"][data-action-id="deploy"] button.retry-button').click()
    final = page.wait_for_outcome("succeeded", "failed", "interrupted")
    assert final["outcome"] == "succeeded", final
    deploy = next(a for a in final["actions"] if a["app"] == "app-b" and a["action"] == "deploy")
    assert deploy["state"] == "succeeded" and deploy["attempt"] == 2 and deploy["error"] == ""
    assert not page.element("#cancel-button").is_displayed()
    assert "retry" not in page.element("#deployment-progress").text.lower()


def test_cancel_stops_the_workflow(page, owner):
    page.start(owner, apps=("app-b", "app-c"))
    page.wait_until(lambda: any(a["state"] == "running" for a in page.snapshot()["actions"]), "an action to run")
    page.element("#cancel-button").click()
    final = page.wait_for_outcome("canceled", "succeeded")
    assert final["outcome"] == "canceled"
    states = [a["state"] for a in final["actions"]]
    assert "canceled" in states and "running" not in states and "pending" not in states, states
    assert "canceled" in final["visibleIcons"]
    assert final["formDisabled"] is False and not page.element("#cancel-button").is_displayed()
