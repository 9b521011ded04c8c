"""A page object for Baton's deploy page: fills the form, reads the DeploymentProgress component's DOM state."""

import base64
import pathlib
import re
import time

from selenium.webdriver.common.by import By

# Everything a test asserts about the progress component, read in one script so the values belong to one moment.
SNAPSHOT_SCRIPT = """
const root = document.getElementById('deployment-progress');
const visible = (element) => element.getClientRects().length > 0;
const shown = (element) => (element && visible(element) ? element.textContent : '');
const icon = (element) => element.querySelector('[data-icon]')?.getAttribute('data-icon') ?? null;
const boxTop = root.getBoundingClientRect().top;
const header = root.querySelector('#progress-heading').parentElement.parentElement;
const viewTop = boxTop + header.offsetHeight;
const viewBottom = boxTop + root.clientHeight;
return {
  outcome: root.dataset.state,
  deploying: root.dataset.deploying,
  currentAppIndex: Number(root.dataset.currentAppIndex),
  currentActionIndex: Number(root.dataset.currentActionIndex),
  apps: [...root.querySelectorAll('li[data-app-id]:not([data-action-id])')].map((item) => ({
    app: item.dataset.appId, state: item.dataset.state, icon: icon(item.firstElementChild),
    expanded: visible(item.querySelector('ol')),
  })),
  actions: [...root.querySelectorAll('li[data-action-id]')].map((item) => {
    const rect = item.getBoundingClientRect();
    return {
      app: item.dataset.appId, action: item.dataset.actionId, state: item.dataset.state, icon: icon(item),
      visible: visible(item), attempt: Number(item.dataset.attempt ?? 0),
      inView: visible(item) && rect.top >= viewTop - 1 && rect.bottom <= viewBottom + 1,
      error: item.querySelector('.action-error')?.textContent ?? '',
      retryVisible: visible(item.querySelector('.retry-button')),
      retryTitle: item.querySelector('.retry-button')?.title ?? '',
      retryable: item.querySelector('.retry-button')?.dataset.retryable ?? '',
      message: visible(item.querySelector('.action-message')) ? item.querySelector('.action-message').textContent : '',
      // The error's fix (shown under a failure), and the links made of its URLs.
      fix: shown(item.querySelector('.action-fix')),
      fixLinks: [...item.querySelectorAll('.action-fix a')].map((a) => ({href: a.href, text: a.textContent, target: a.target, rel: a.rel})),
      // The time since the running attempt started, as shown ("12 s", "1:23") and in seconds; the row's tooltip.
      elapsed: shown(item.querySelector('.action-elapsed')),
      elapsedSeconds: visible(item.querySelector('.action-elapsed')) ? Number(item.querySelector('.action-elapsed').dataset.seconds) : null,
      title: item.title,
      // A deployment's readyState (Vercel's word and the page's words) and its "Build log" link.
      readyState: visible(item.querySelector('.ready-state')) ? item.querySelector('.ready-state').dataset.readyState : null,
      readyStateText: shown(item.querySelector('.ready-state')),
      inspectorUrl: visible(item.querySelector('a.build-log')) ? item.querySelector('a.build-log').href : null,
      buildLog: visible(item.querySelector('a.build-log'))
        ? {text: item.querySelector('a.build-log').textContent, target: item.querySelector('a.build-log').target, rel: item.querySelector('a.build-log').rel}
        : null,
    };
  }),
  visibleIcons: [...root.querySelectorAll('[data-icon]')].filter(visible).map((element) => element.getAttribute('data-icon')),
  spinners: [...root.querySelectorAll('[data-icon="spinner"]')].filter(visible).map((element) => ({
    animation: getComputedStyle(element).animationName,
    label: element.getAttribute('aria-label'),
    action: element.closest('li[data-action-id]')?.dataset.actionId ?? null,
  })),
  button: { text: document.getElementById('deploy-button').textContent.trim(), disabled: document.getElementById('deploy-button').disabled },
  formDisabled: document.getElementById('deploy-fields').disabled,
  notice: document.getElementById('connection-notice').hidden ? null : document.getElementById('connection-notice').textContent,
  // After Cancel: the notice about provider work still being stopped (null when hidden).
  stopping: visible(document.getElementById('stopping-notice')) ? {
    text: document.getElementById('stopping-notice-text').textContent,
    stalled: document.getElementById('stopping-notice').dataset.stalled === 'true',
    title: document.getElementById('stopping-notice').title,
  } : null,
  cancelButton: {text: document.getElementById('cancel-button').textContent.trim(), visible: visible(document.getElementById('cancel-button')),
                 disabled: document.getElementById('cancel-button').disabled},
  announcement: document.getElementById('progress-announcer').textContent,
};
"""

# The panel of the person's own accounts and what it offers the form, read in one script.
CONNECTIONS_SCRIPT = """
const visible = (element) => Boolean(element) && element.getClientRects().length > 0;
const panel = document.getElementById('connections');
const status = document.getElementById('connections-status');
const row = (provider) => {
  const item = panel.querySelector(`[data-connection="${provider}"]`);
  return {
    visible: visible(item), connected: item.dataset.connected === 'true',
    account: item.querySelector('[data-account]')?.dataset.account ?? null,
    accountText: item.querySelector('[data-account]')?.textContent ?? null,
    connectButton: visible(item.querySelector('[data-connect]')) ? item.querySelector('[data-connect]').textContent.trim() : null,
    disconnectButton: visible(item.querySelector('[data-disconnect]')),
  };
};
const options = (input) => input.list ? [...input.list.options].map((option) => ({value: option.value, label: option.label})) : [];
const hint = document.getElementById('github-owner-install');
return {
  visible: visible(panel),
  github: row('github'), vercel: row('vercel'),
  status: visible(status) ? {text: status.textContent, tone: status.dataset.tone, role: status.getAttribute('role')} : null,
  note: visible(document.getElementById('connections-note')) ? document.getElementById('connections-note').textContent : null,
  ownerSuggestions: options(document.getElementById('github-owner')),
  teamSuggestions: options(document.getElementById('vercel-team')),
  teamHelp: document.getElementById('vercel-team-help').textContent,
  installHint: visible(hint) ? {text: hint.textContent, links: [...hint.querySelectorAll('a')].map((a) => a.href)} : null,
};
"""


class DeployPage:
    def __init__(self, driver, base_url):
        self.driver = driver
        self.base_url = base_url

    # Navigation and viewport

    def instrument(self, source):
        """Runs the script `source` before the page's own, on every load from now on (to watch what the page does)."""
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})

    def open(self, concurrency=None):
        """Opens the page; `concurrency` sets how many apps it drives at once (`?concurrency=N`; its default when None)."""
        self.driver.get(self.base_url + "/" + ("" if concurrency is None else f"?concurrency={concurrency}"))
        self.wait_until(lambda: self.driver.find_elements(By.CSS_SELECTOR, 'input[name="apps"]'), "the catalog's apps to appear")

    def set_viewport(self, width, height):
        """Makes the page's viewport exactly `width` × `height` CSS pixels."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
        })

    def screenshot(self, path, width):
        """A screenshot of the whole page at `width` CSS pixels (beyond the viewport, scrolled to the top)."""
        self.set_viewport(width, 900)
        self.driver.execute_script("window.scrollTo(0, 0)")
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        pathlib.Path(path).write_bytes(base64.b64decode(shot["data"]))

    # The form

    def element(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def choose(self, *apps):
        for app in apps:
            checkbox = self.element(f'input[name="apps"][value="{app}"]')
            if not checkbox.is_selected():
                checkbox.click()

    def fill(self, owner=None, team=None, domain=None, env=None):
        for field, value in (("#github-owner", owner), ("#vercel-team", team), ("#domain", domain)):
            if value is not None:
                self.element(field).clear()
                self.element(field).send_keys(value)
        for (app, key), value in (env or {}).items():
            field = self.element(f'input[data-app-id="{app}"][data-env-key="{key}"]')
            field.clear()
            if len(value) > 512:  # typing 16 KiB takes long; set it and tell the page
                self.driver.execute_script(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", field, value)
            else:
                field.send_keys(value)

    def deploy(self):
        self.element("#deploy-button").click()

    def start(self, owner, apps=("app-a", "app-b", "app-c"), domain=None, team=None):
        """Fills the form for `apps` (with the required DATABASE_URL of app-a) and presses Deploy."""
        self.choose(*apps)
        env = {("app-a", "DATABASE_URL"): "postgres://user:secret@db.example.com/app"} if "app-a" in apps else {}
        self.fill(owner=owner, team=team, domain=domain, env=env)
        self.deploy()
        self.wait_until(lambda: self.snapshot()["outcome"] != "idle", "the deployment to start")

    def error_for(self, path):
        """The visible error text shown for `path` (`config.github.owner`, `envVars.app-a.DATABASE_URL`), or None."""
        for element in self.driver.find_elements(By.CSS_SELECTOR, "[data-error-for]"):
            if element.get_attribute("data-error-for") == path:
                return element.text if element.is_displayed() else None
        raise AssertionError(f"no error slot for {path}")

    # The person's own accounts

    def connections(self):
        """The accounts panel (per provider: shown, connected, the account, its buttons), its status line and note, and
        what the owner and team fields suggest."""
        return self.driver.execute_script(CONNECTIONS_SCRIPT)

    def wait_for_connections(self):
        """Waits until the page has read `GET /api/connections` and shows a Connect button or an account per provider."""
        return self.wait_until(
            lambda: (c := self.connections())["visible"] and all(c[p]["connectButton"] or c[p]["connected"] for p in ("github", "vercel")) and c,
            "the accounts panel")

    def connect(self, provider, user):
        """Connects `provider` ("github" or "vercel") through the sandbox's consent page as `user` (a sandbox GitHub
        login or Vercel username), and waits for the page to be back, showing that account."""
        self._consent(provider, f'[data-sandbox-user="{user}"]')
        return self.wait_until(lambda: (c := self.connections())[provider]["account"] == user and c, f"{provider} to show {user}")

    def deny(self, provider):
        """Starts connecting `provider` and presses the consent page's deny button; waits for the page to be back."""
        self._consent(provider, "[data-sandbox-deny]")
        return self.wait_until(lambda: (c := self.connections())["status"] and c, "the outcome of the denied connection")

    def _consent(self, provider, button_css):
        self.element(f'[data-connect="{provider}"]').click()
        self.wait_until(lambda: self.driver.find_elements(By.CSS_SELECTOR, button_css), f"{provider}'s consent page")
        self.element(button_css).click()
        self.wait_until(lambda: self.driver.find_elements(By.CSS_SELECTOR, 'input[name="apps"]'), "the page to be back")

    def disconnect(self, provider):
        self.element(f'[data-disconnect="{provider}"]').click()
        return self.wait_until(lambda: (c := self.connections())[provider]["connectButton"] and c, f"{provider}'s Connect button")

    # The progress component

    def snapshot(self):
        return self.driver.execute_script(SNAPSHOT_SCRIPT)

    def action(self, action_id):
        """The snapshot's first action with the id `action_id`."""
        return next(a for a in self.snapshot()["actions"] if a["action"] == action_id)

    def start_one_app_until_its_fork_runs(self, owner, app, timeout=30):
        """Opens the page in a 1280 × 900 viewport, deploys `app` alone for `owner`, and waits until its fork is running."""
        self.set_viewport(1280, 900)
        self.open()
        self.start(owner, apps=(app,))
        self.wait_until(lambda: self.action("fork-repository")["state"] == "running", "the fork to run", timeout=timeout)

    def wait_until(self, condition, what, timeout=60, interval=0.1):
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}")
            time.sleep(interval)

    def wait_for_outcome(self, *outcomes, timeout=90, on_sample=None):
        """Samples the component until its outcome is one of `outcomes`; `on_sample` checks every snapshot."""
        def reached():
            snapshot = self.snapshot()
            if on_sample:
                on_sample(snapshot)
            return snapshot if snapshot["outcome"] in outcomes else None
        return self.wait_until(reached, f"the deployment to become {' or '.join(outcomes)}", timeout=timeout, interval=0.05)

    def toggle_app(self, app):
        self.element(f'li[data-app-id="{app}"]:not([data-action-id]) button[aria-expanded]').click()

    def session_entry(self):
        return self.driver.execute_script("return sessionStorage.getItem('baton.deployment')")


def app_sequences_ok(snapshot):
    """Whether each app's action states read, in its list order: succeeded…, at most one running, then pending…
    (apps driven at once each have their own). Returns (ok, the states app by app)."""
    states = {}
    for action in snapshot["actions"]:
        states[action["app"]] = states.get(action["app"], "") + {"succeeded": "S", "running": "R", "pending": "P"}.get(action["state"], "?")
    return all(re.fullmatch(r"S*R?P*", line) for line in states.values()), states
