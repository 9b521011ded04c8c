// The DeploymentProgress component: each app an item of a list, the current app expanded to show its actions,
// completed apps collapsed to one line (a click expands them again). Every app item carries data-app-id and
// data-state, every action item data-app-id, data-action-id and data-state. Changes are announced through an
// aria-live region, and the current action is kept in view inside the component (at most 500 px tall).

import { h, idPart, show } from './dom.js';
import { chevronIcon, stateIcon } from './icons.js';

const STATE_WORDS = {
  pending: 'not started', running: 'in progress', succeeded: 'completed', failed: 'failed', canceled: 'canceled',
};

export class DeploymentProgress {
  /**
   * @param {HTMLElement} root the `#deployment-progress` element of index.html
   * @param {{onRetry: (appId: string, actionId: string) => void, onCancel: () => void, onContinue: () => void}} handlers
   */
  constructor(root, { onRetry, onCancel, onContinue }) {
    this.root = root;
    this.onRetry = onRetry;
    this.list = root.querySelector('#progress-apps');
    this.summary = root.querySelector('#progress-summary');
    this.empty = root.querySelector('#progress-empty');
    this.announcer = root.querySelector('#progress-announcer');
    this.header = root.querySelector('#progress-heading').parentElement.parentElement;
    this.cancelButton = root.querySelector('#cancel-button');
    this.errorBox = root.querySelector('#deployment-error');
    this.errorMessage = root.querySelector('#deployment-error-message');
    this.resumeButton = root.querySelector('#resume-button');
    this.cancelButton.addEventListener('click', () => onCancel());
    this.resumeButton.addEventListener('click', () => onContinue());
    /** The workflow the list was built for. */
    this.workflowId = null;
    /** Apps the person expanded or collapsed by hand: id → expanded. */
    this.expandedByHand = new Map();
    /** Elements by app id and by `app/action`. */
    this.appItems = new Map();
    this.actionItems = new Map();
    /** The states last shown, to announce changes only. */
    this.shownStates = new Map();
    this.shownOutcome = null;
    this.focusKey = null;
  }

  /** Shows `runner` (a DeploymentRunner). */
  update(runner) {
    if (runner.workflowId !== this.workflowId || this.appItems.size !== runner.apps.length) this.#build(runner);
    const announcements = [];
    runner.apps.forEach((app, appIndex) => {
      const appState = runner.appState(app);
      const isCurrent = appIndex === runner.currentAppIndex;
      const expanded = isCurrent || (this.expandedByHand.get(app.id) ?? false);
      this.#updateApp(app, appState, isCurrent, expanded, runner);
      app.actions.forEach((action, actionIndex) => {
        const status = runner.status(app.id, action.id);
        const isCurrentAction = isCurrent && actionIndex === runner.currentActionIndex;
        this.#updateAction(app, action, status, isCurrentAction, runner);
        const key = `${app.id}/${action.id}`;
        const previous = this.shownStates.get(key);
        if (previous !== undefined && previous !== status.state) {
          announcements.push(`${app.name}, ${action.title}: ${STATE_WORDS[status.state] ?? status.state}.`);
        }
        this.shownStates.set(key, status.state);
      });
    });
    this.#updateHeader(runner, announcements);
    if (announcements.length) this.announcer.textContent = announcements.join(' ');
    this.#keepCurrentInView(runner);
  }

  #build(runner) {
    this.workflowId = runner.workflowId;
    this.expandedByHand.clear();
    this.appItems.clear();
    this.actionItems.clear();
    this.shownStates.clear();
    this.shownOutcome = null;
    this.focusKey = null;
    const items = runner.apps.map((app) => {
      const listId = `progress-actions-${idPart(app.id)}`;
      const icon = h('span', { class: 'app-icon flex' });
      const toggle = h('button', {
        type: 'button', 'aria-expanded': 'false', 'aria-controls': listId,
        class: 'group flex min-w-0 flex-1 items-center gap-2 text-left focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-300 rounded',
      }, chevronIcon(), h('span', { class: 'truncate font-medium' }, app.name));
      toggle.addEventListener('click', () => {
        if (toggle.dataset.current === 'true') return;
        const expanded = toggle.getAttribute('aria-expanded') === 'true';
        this.expandedByHand.set(app.id, !expanded);
        this.#setExpanded(app.id, !expanded);
        this.focusKey = null;
      });
      const count = h('span', { class: 'app-count shrink-0 text-xs tabular-nums text-slate-500' });
      const actions = h('ol', {
        id: listId, role: 'list', 'aria-label': `${app.name} steps`, 'data-app-id': app.id, hidden: true,
        class: 'mt-2 space-y-1 border-l border-slate-200 pl-4 ml-2.5',
      }, app.actions.map((action) => this.#buildAction(app, action)));
      const item = h('li', { 'data-app-id': app.id, 'data-state': 'pending', class: 'px-5 py-3' },
        h('div', { class: 'flex items-center gap-3' }, icon, toggle, count),
        actions);
      this.appItems.set(app.id, { item, icon, toggle, count, actions });
      return item;
    });
    this.list.replaceChildren(...items);
  }

  #buildAction(app, action) {
    const icon = h('span', { class: 'action-icon flex pt-0.5' });
    const message = h('p', { class: 'action-message text-xs text-slate-500 [overflow-wrap:anywhere]', hidden: true });
    const error = h('p', { class: 'action-error text-sm text-red-700 [overflow-wrap:anywhere]', hidden: true });
    const retry = h('button', {
      type: 'button', class: 'retry-button mt-1 rounded-md bg-red-600 px-2.5 py-1 text-xs font-semibold text-white hover:bg-red-500 focus:outline-none focus:ring-2 focus:ring-red-300',
      'aria-label': `Retry ${action.title} for ${app.name}`, hidden: true,
    }, 'Retry');
    retry.addEventListener('click', () => {
      retry.disabled = true;
      this.onRetry(app.id, action.id);
    });
    const item = h('li', {
      'data-app-id': app.id, 'data-action-id': action.id, 'data-state': 'pending', class: 'flex gap-3 rounded-md px-2 py-1.5',
    }, icon, h('div', { class: 'min-w-0 flex-1' }, h('p', { class: 'text-sm' }, action.title), message, error, retry));
    this.actionItems.set(`${app.id}/${action.id}`, { item, icon, message, error, retry });
    return item;
  }

  #updateApp(app, state, isCurrent, expanded, runner) {
    const parts = this.appItems.get(app.id);
    if (!parts) return;
    if (parts.item.dataset.state !== state) {
      parts.item.dataset.state = state;
      parts.icon.replaceChildren(stateIcon(state, { forApp: true }));
    } else if (!parts.icon.firstChild) {
      parts.icon.replaceChildren(stateIcon(state, { forApp: true }));
    }
    parts.item.classList.toggle('bg-amber-50/40', isCurrent && state === 'running');
    parts.toggle.dataset.current = String(isCurrent);
    parts.toggle.setAttribute('aria-disabled', String(isCurrent));
    const done = app.actions.filter((action) => runner.status(app.id, action.id).state === 'succeeded').length;
    parts.count.textContent = `${done} of ${app.actions.length} steps`;
    this.#setExpanded(app.id, expanded);
  }

  #setExpanded(appId, expanded) {
    const parts = this.appItems.get(appId);
    parts.toggle.setAttribute('aria-expanded', String(expanded));
    parts.actions.hidden = !expanded;
    parts.item.dataset.expanded = String(expanded);
  }

  #updateAction(app, action, status, isCurrent, runner) {
    const parts = this.actionItems.get(`${app.id}/${action.id}`);
    if (!parts) return;
    const state = status.state;
    if (parts.item.dataset.state !== state || !parts.icon.firstChild) {
      parts.item.dataset.state = state;
      parts.icon.replaceChildren(stateIcon(state));
    }
    parts.item.dataset.attempt = String(status.attempt ?? 0);
    if (isCurrent) parts.item.setAttribute('aria-current', 'step');
    else parts.item.removeAttribute('aria-current');
    parts.item.classList.toggle('bg-amber-50', state === 'running');
    parts.item.classList.toggle('bg-red-50', state === 'failed');
    const message = state === 'pending' || state === 'failed' ? '' : (status.message ?? '');
    parts.message.textContent = message;
    show(parts.message, message !== '');
    const failure = state === 'failed' ? (status.error?.message ?? status.message ?? 'The step failed.') : '';
    parts.error.textContent = failure;
    show(parts.error, failure !== '');
    show(parts.retry, state === 'failed' && !runner.isDeploying);
    if (state !== 'failed' || runner.isDeploying) parts.retry.disabled = false;
  }

  #updateHeader(runner, announcements) {
    const hasPlan = runner.apps.length > 0;
    show(this.empty, !hasPlan);
    const { done, total } = runner.counts;
    const current = runner.apps[runner.currentAppIndex];
    const currentAction = current?.actions[runner.currentActionIndex];
    let text;
    switch (runner.outcome) {
      case 'deploying':
        text = currentAction ? `${current.name}: ${currentAction.title} (${done} of ${total} steps done)` : 'Reading the deployment…';
        break;
      case 'succeeded': text = `All ${runner.apps.length} app${runner.apps.length === 1 ? '' : 's'} deployed (${total} steps).`; break;
      case 'failed': text = currentAction ? `${current.name}: ${currentAction.title} failed. Retry it or cancel.` : 'A step failed.'; break;
      case 'canceled': text = `Canceled after ${done} of ${total} steps.`; break;
      case 'interrupted': text = 'Stopped: see the message below.'; break;
      default: text = 'Nothing is being deployed yet.';
    }
    this.summary.textContent = text;
    this.root.dataset.state = runner.outcome;
    this.root.dataset.deploying = String(runner.isDeploying);
    this.root.dataset.currentAppIndex = String(runner.currentAppIndex);
    this.root.dataset.currentActionIndex = String(runner.currentActionIndex);
    show(this.cancelButton, runner.workflowId !== null && (runner.isDeploying || runner.outcome === 'failed'));
    show(this.errorBox, runner.problem !== null);
    this.errorMessage.textContent = runner.problem?.message ?? '';
    show(this.resumeButton, runner.problem?.canContinue === true && runner.workflowId !== null);
    if (runner.outcome !== this.shownOutcome) {
      if (this.shownOutcome !== null && runner.outcome !== 'deploying' && runner.outcome !== 'idle') announcements.push(text);
      this.shownOutcome = runner.outcome;
    }
  }

  /** Scrolls the component (never the page) so the current action stays visible, when it or the layout changed. */
  #keepCurrentInView(runner) {
    const app = runner.apps[runner.currentAppIndex];
    const action = app?.actions[runner.currentActionIndex];
    const key = action ? `${app.id}/${action.id}/${runner.status(app.id, action.id).state}/${[...this.expandedByHand].join()}` : null;
    if (key === null || key === this.focusKey) return;
    this.focusKey = key;
    const item = this.actionItems.get(`${app.id}/${action.id}`)?.item;
    if (!item || item.offsetParent === null) return;
    const box = this.root;
    const headerHeight = this.header.offsetHeight;
    const top = item.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    const bottom = top + item.offsetHeight;
    if (top - headerHeight < box.scrollTop) {
      box.scrollTop = Math.max(0, top - headerHeight - 8);
    } else if (bottom > box.scrollTop + box.clientHeight) {
      box.scrollTop = bottom - box.clientHeight + Math.min(56, box.clientHeight / 4);
    }
  }
}
