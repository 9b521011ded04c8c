"""Layout at 1280 px (progress in the second column, at most 500 px tall, scrolling with the current action in
view) and at 390 px (stacked), with screenshots of both under artifacts/browser/."""

RECTS_SCRIPT = """
const rect = (element) => { const r = element.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width, height: r.height}; };
const progress = document.getElementById('deployment-progress');
return {
  viewport: innerWidth,
  form: rect(document.getElementById('deploy-form').closest('section')),
  progress: rect(progress),
  results: rect(document.getElementById('deployment-results')),
  clientHeight: progress.clientHeight, scrollHeight: progress.scrollHeight, overflowY: getComputedStyle(progress).overflowY,
  pageOverflowsSideways: document.documentElement.scrollWidth > innerWidth,
};
"""


def test_layout_at_1280_and_390_pixels_with_screenshots(page, owner, artifacts):
    # One app after another: app-a is finished (and collapsed) while app-b runs.
    page.open(concurrency=1)
    page.start(owner, domain=f"{owner}.net")

    # While app-b runs, expand finished app-a by hand: the list outgrows 500 px, and from the next step on the
    # component scrolls itself so the current action stays in view.
    page.wait_until(lambda: page.snapshot()["apps"][1]["state"] == "running", "app-b to start")
    page.toggle_app("app-a")
    at_toggle = page.snapshot()
    current_at_toggle = (at_toggle["currentAppIndex"], at_toggle["currentActionIndex"])
    checked = []

    def check(snapshot):
        running = [a for a in snapshot["actions"] if a["state"] == "running"]
        if not running or snapshot["outcome"] != "deploying":
            return
        if (snapshot["currentAppIndex"], snapshot["currentActionIndex"]) == current_at_toggle:
            return
        assert running[0]["inView"], f"{running[0]} is out of view in the progress component"
        if not checked:
            assert snapshot["apps"][0]["expanded"], "app-a stays expanded as the person left it"
            page.screenshot(artifacts / "page-1280-deploying.png", 1280)
        checked.append(running[0]["action"])

    final = page.wait_for_outcome("succeeded", "failed", "interrupted", on_sample=check)
    assert final["outcome"] == "succeeded"
    assert checked, "the current action was checked while app-a was expanded"

    # 1280 px: the progress is the second column, beside the form, at most 500 px tall and scrolling.
    for app in ("app-b", "app-c"):
        page.toggle_app(app)
    assert all(a["expanded"] for a in page.snapshot()["apps"])
    wide = page.driver.execute_script(RECTS_SCRIPT)
    assert wide["viewport"] == 1280
    assert wide["progress"]["left"] >= wide["form"]["right"], wide
    assert abs(wide["progress"]["top"] - wide["form"]["top"]) < 2, wide
    assert wide["progress"]["height"] <= 500 and wide["clientHeight"] <= 500, wide
    assert wide["scrollHeight"] > wide["clientHeight"] and wide["overflowY"] == "auto", wide
    assert wide["results"]["top"] >= wide["progress"]["bottom"], wide
    assert not wide["pageOverflowsSideways"]
    page.screenshot(artifacts / "page-1280.png", 1280)

    # 390 px: one column, the progress below the form.
    page.set_viewport(390, 844)
    narrow = page.driver.execute_script(RECTS_SCRIPT)
    assert narrow["viewport"] == 390
    assert narrow["progress"]["top"] >= narrow["form"]["bottom"], narrow
    assert abs(narrow["progress"]["left"] - narrow["form"]["left"]) < 2, narrow
    assert narrow["progress"]["width"] > 330 and narrow["form"]["width"] > 330, narrow
    assert narrow["progress"]["height"] <= 500, narrow
    assert narrow["results"]["top"] >= narrow["progress"]["bottom"], narrow
    assert not narrow["pageOverflowsSideways"], "nothing sticks out sideways at 390 px"
    page.screenshot(artifacts / "page-390.png", 390)
    for name in ("page-1280-deploying.png", "page-1280.png", "page-390.png"):
        assert (artifacts / name).stat().st_size > 10_000, name
