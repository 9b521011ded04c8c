// Injected by the browser tests into every document before the page's own scripts (never shipped): watches the
// progress list and writes to sessionStorage, so the record survives a reload, every moment at which
//   - an action's item went from succeeded to any other state,
//   - an action's item showed an earlier attempt than before, or
//   - an app showed more than one running action.
// `__progressOrder.states` holds the state and attempt last seen by `workflow/app/action` (the workflow the page
// follows, from its own sessionStorage entry); `.violations` the problems; `.moments` how many changes were checked.
(() => {
  const KEY = '__progressOrder';
  const load = () => {
    try {
      return JSON.parse(sessionStorage.getItem(KEY)) ?? { states: {}, violations: [], moments: 0 };
    } catch {
      return { states: {}, violations: [], moments: 0 };
    }
  };
  const check = () => {
    const list = document.getElementById('progress-apps');
    if (!list) return;
    const record = load();
    let workflow = '?';
    try {
      workflow = JSON.parse(sessionStorage.getItem('baton.deployment'))?.workflowId ?? '?';
    } catch {
      // No deployment followed yet.
    }
    const running = {};
    let seen = 0;
    for (const item of list.querySelectorAll('li[data-action-id]')) {
      const key = `${workflow}/${item.dataset.appId}/${item.dataset.actionId}`;
      const state = item.dataset.state;
      const attempt = Number(item.dataset.attempt ?? 0);
      const before = record.states[key];
      seen += 1;
      if (before?.state === 'succeeded' && state !== 'succeeded') {
        record.violations.push(`${key} went from succeeded to ${state}`);
      }
      if (before && attempt < before.attempt) {
        record.violations.push(`${key} went from attempt ${before.attempt} back to ${attempt}`);
      }
      record.states[key] = { state, attempt };
      if (state === 'running') (running[item.dataset.appId] ??= []).push(item.dataset.actionId);
    }
    for (const [app, actions] of Object.entries(running)) {
      if (actions.length > 1) record.violations.push(`${app} showed ${actions.join(', ')} running at once`);
    }
    if (seen === 0) return;
    record.moments += 1;
    sessionStorage.setItem(KEY, JSON.stringify(record));
  };
  const observe = () => {
    new MutationObserver(check).observe(document.documentElement, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'],
    });
  };
  if (document.documentElement) observe();
  else document.addEventListener('readystatechange', observe, { once: true });
})();
