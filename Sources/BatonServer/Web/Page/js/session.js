// Remembers the deployment this tab follows, so a reload resumes it: the workflow id, its bearer token and the
// non-secret config (to show in the form again), and the progress last shown (the plan and each action's newest
// status, so a reload neither blanks the list nor lets an older answer move it back). Env values are never stored;
// statuses hold none.

const KEY = 'baton.deployment';
const PROGRESS_KEY = 'baton.progress';

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

/** Forgets the deployment and its progress. */
export function clearDeployment() {
  try {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing to forget.
  }
}

/** Saves the progress shown of `workflowId`: `{apps, statuses}` (the plan, and the newest status of each action). */
export function saveProgress(workflowId, { apps, statuses }) {
  try {
    sessionStorage.setItem(PROGRESS_KEY, JSON.stringify({ workflowId, apps, statuses }));
  } catch {
    // Without it, a reload starts from the server's answer alone.
  }
}

/** The progress this tab showed of `workflowId` before a reload, `{apps, statuses}`, or `null`. */
export function loadProgress(workflowId) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(PROGRESS_KEY) ?? 'null');
    if (saved && saved.workflowId === workflowId && Array.isArray(saved.apps) && Array.isArray(saved.statuses)) {
      const apps = saved.apps.filter((app) => app && typeof app.id === 'string' && Array.isArray(app.actions));
      const statuses = saved.statuses.filter((status) => status && typeof status.app === 'string' && typeof status.action === 'string');
      return { apps, statuses };
    }
  } catch {
    // A damaged entry is ignored: the server's answer alone is shown.
  }
  return null;
}
