// Remembers the deployment this tab follows, so a reload resumes it: the workflow id, its bearer token and the
// non-secret config (to show in the form again). Env values are never stored.

const KEY = 'baton.deployment';

/** Saves the deployment this tab follows. */
export function saveDeployment({ workflowId, token, config }) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ workflowId, token, config }));
  } catch {
    // Storage may be full or disabled; the deployment then simply cannot be resumed after a reload.
  }
}

/** The deployment this tab followed before a reload, or `null`. */
export function loadDeployment() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (saved && typeof saved.workflowId === 'string' && typeof saved.token === 'string') return saved;
  } catch {
    // A damaged entry is forgotten below.
  }
  clearDeployment();
  return null;
}

/** Forgets the deployment. */
export function clearDeployment() {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
