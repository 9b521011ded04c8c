// The DeploymentProgress component: each app an item of a list, the apps being driven (and those stopped on a failed
// action) expanded to show their actions, completed apps collapsed to one line (a click expands them again). Only the
// apps whose statuses changed are redrawn, so a change costs the same in a workflow of 3 apps or 200. Every app item
// carries data-app-id and data-state, every action item data-app-id, data-action-id and data-state. Changes are announced through an
// aria-live region, and the current action is kept in view inside the component (at most 500 px tall).
//
// An action row also shows: while running, the time since its attempt started (counted by the page each second from
// the last known `startedAt`; the time left before it gives up is in the row's tooltip); when failed, the error's
// `fix` under its message (URLs as links); for a deployment, Vercel's `readyState` in words and a "Build log" link.
// After Cancel, provider work still being stopped (`pendingCancellations`) is shown in a notice until it is done.

import { h, idPart, linkify, show } from './dom.js';
import { formatElapsed, formatRemaining, isoDuration, secondsSince, secondsUntil } from './durations.js';
import { chevronIcon, externalIcon, stateIcon } from './icons.js';

const STATE_WORDS = {
  pending: 'not started', running: 'in progress', succeeded: 'completed', failed: 'failed', canceled: 'canceled',
};

/** Vercel's `readyState` of a deployment, in words. */
const READY_STATE_WORDS = {
  QUEUED: 'Queued for a build slot', INITIALIZING: 'Preparing the build', BUILDING: 'Building',
  READY: 'Built; assigning the domain', ERROR: 'Build failed', CANCELED: 'Build canceled',
};
/** The `readyState`s a deployment ends in: the only ones still true once the action stopped running. */
const FINAL_READY_STATES = new Set(['READY', 'ERROR', 'CANCELED']);

const LINK_CLASSES = 'text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:text-indigo-900';

/** How often the elapsed times are redrawn. */
const TICK_MS = 1000;

export class DeploymentProgress {
  /**
   * @param {HTMLElement} root the `#deployment-progress` element of index.html
   * @param {{onRetry: (appId: string, actionId: string) => void, onCancel: () => void, onContinue: () => void}} handlers
   */
  constructor(root, { onRetry, onCancel, onContinue, onCheckCancellations = () => {} }) {
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
    this.stoppingNotice = root.querySelector('#stopping-notice');
    this.stoppingText = root.querySelector('#stopping-notice-text');
    this.stoppingDetails = root.querySelector('#stopping-notice-details');
    this.checkAgainButton = root.querySelector('#check-stopping-button');
    this.cancelButton.addEventListener('click', () => onCancel());
    this.resumeButton.addEventListener('click', () => onContinue());
    this.checkAgainButton.addEventListener('click', () => onCheckCancellations());
    /** The workflow the list was built for. */
    this.workflowId = null;
    /** Apps the person expanded or collapsed by hand: id → expanded. */
    this.expandedByHand = new Map();
    /** Elements by app id and by `app/action`. */
    this.appItems = new Map();
    this.actionItems = new Map();
    /** The states last shown, to announce changes only. */
    this.shownStates = new Map();
    /** What each app was last drawn from (its statuses, by identity, and how it was shown), to skip unchanged apps. */
    this.drawn = new Map();
    this.shownOutcome = null;
    this.focusKey = null;
    /** The timer redrawing elapsed times while an action runs. */
    this.ticker = null;
  }

  /** Shows `runner` (a DeploymentRunner). */
  update(runner) {
    if (runner.workflowId !== this.workflowId || this.appItems.size !== runner.apps.length) this.#build(runner);
    const announcements = [];
    // Where the loop is, worked out once per update (not once per app: it may scan every action).
    const [currentAppIndex, currentActionIndex] = runner.currentPosition;
    runner.apps.forEach((app, appIndex) => {
      const activeAction = runner.activeActionIndex(appIndex);
      const isCurrent = activeAction >= 0 || appIndex === currentAppIndex;
      const expanded = isCurrent || (this.expandedByHand.get(app.id) ?? false);
      const currentAction = activeAction >= 0 ? activeAction : appIndex === currentAppIndex ? currentActionIndex : -1;
      const driven = runner.isDriven(appIndex);
      // The statuses known (by identity: the runner replaces one only when it changed), not the pending stand-ins.
      const known = app.actions.map((action) => runner.statuses.get(`${app.id}/${action.id}`) ?? null);
      const basis = [isCurrent, expanded, currentAction, runner.isDeploying, driven, ...known];
      const drawn = this.drawn.get(app.id);
      if (drawn && drawn.length === basis.length && drawn.every((part, index) => part === basis[index])) return;
      this.drawn.set(app.id, basis);
      this.#updateApp(app, runner.appState(app), isCurrent, expanded, runner);
      app.actions.forEach((action, actionIndex) => {
        const status = runner.status(app.id, action.id);
        this.#updateAction(app, action, status, actionIndex === currentAction, driven, runner);
        const key = `${app.id}/${action.id}`;
        const previous = this.shownStates.get(key);
        if (previous !== undefined && previous !== status.state) {
          announcements.push(`${app.name}, ${action.title}: ${STATE_WORDS[status.state] ?? status.state}.`);
        }
        this.shownStates.set(key, status.state);
      });
    });
    this.#updateHeader(runner, announcements);
    this.#updateStoppingNotice(runner);
    if (announcements.length) this.announcer.textContent = announcements.join(' ');
    this.#keepCurrentInView(runner);
    this.#tick();
  }

  #build(runner) {
    this.workflowId = runner.workflowId;
    this.expandedByHand.clear();
    this.appItems.clear();
    this.actionItems.clear();
    this.shownStates.clear();
    this.drawn.clear();
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
        this.drawn.delete(app.id);
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
    const elapsed = h('time', { class: 'action-elapsed shrink-0 text-xs tabular-nums text-slate-500', hidden: true });
    const message = h('p', { class: 'action-message text-xs text-slate-500 [overflow-wrap:anywhere]', hidden: true });
    const error = h('p', { class: 'action-error text-sm text-red-700 [overflow-wrap:anywhere]', hidden: true });
    const fix = h('p', { class: 'action-fix mt-0.5 text-xs text-slate-600 [overflow-wrap:anywhere]', hidden: true });
    const readyState = h('span', {
      class: 'ready-state rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700 ring-1 ring-inset ring-slate-200', hidden: true,
    });
    const buildLog = h('a', {
      class: `build-log inline-flex items-center gap-0.5 ${LINK_CLASSES}`, target: '_blank', rel: 'noopener noreferrer', hidden: true,
    }, 'Build log', externalIcon(), h('span', { class: 'sr-only' }, ' (opens in a new tab)'));
    const deployment = h('p', { class: 'action-deployment mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs', hidden: true },
      readyState, buildLog);
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
    }, icon, h('div', { class: 'min-w-0 flex-1' },
      h('div', { class: 'flex items-baseline justify-between gap-3' }, h('p', { class: 'min-w-0 text-sm' }, action.title), elapsed),
      message, error, fix, deployment, retry));
    this.actionItems.set(`${app.id}/${action.id}`, {
      item, icon, elapsed, message, error, fix, deployment, readyState, buildLog, retry,
      /** The instants the ticker counts from, and what was last drawn from the server's text. */
      startedAt: null, deadlineAt: null, shownFix: null,
    });
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

  #updateAction(app, action, status, isCurrent, appDriven, runner) {
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
    this.#updateFix(parts, state === 'failed' ? (status.error?.fix ?? '') : '');
    this.#updateDeployment(parts, state, status.progress);
    const retryable = status.error?.retryable;
    parts.retry.dataset.retryable = String(retryable ?? '');
    parts.retry.title = retryable === false
      ? 'Do what the message says first; retrying it unchanged fails again'
      : 'Start it again; retrying it unchanged may succeed';
    // A failed action of an app that is not being driven can be retried, while other apps go on or after the loop.
    const canRetry = state === 'failed' && !appDriven;
    show(parts.retry, canRetry);
    if (!canRetry) parts.retry.disabled = false;
    // The ticker draws the elapsed time and the tooltip from these.
    parts.startedAt = state === 'running' ? (status.startedAt ?? null) : null;
    parts.deadlineAt = state === 'running' ? (status.deadlineAt ?? null) : null;
    if (parts.startedAt === null) {
      show(parts.elapsed, false);
      parts.elapsed.textContent = '';
      parts.elapsed.removeAttribute('datetime');
      delete parts.elapsed.dataset.seconds;
      parts.item.removeAttribute('title');
    }
  }

  /** The error's `fix`, visually secondary, its URLs as links (built from text nodes, never HTML). */
  #updateFix(parts, fix) {
    if (parts.shownFix === fix) return;
    parts.shownFix = fix;
    parts.fix.replaceChildren(...linkify(fix, { linkClass: `${LINK_CLASSES} [overflow-wrap:anywhere]` }));
    show(parts.fix, fix !== '');
  }

  /** A deployment's `readyState` in words and its "Build log" link, while running and after failing. */
  #updateDeployment(parts, state, progress) {
    const facts = progress && typeof progress === 'object' ? progress : {};
    const shown = state === 'running' || state === 'failed';
    const readyState = typeof facts.readyState === 'string' ? facts.readyState : null;
    // Once the action stopped, only a final readyState is still true (an earlier one may be the last seen).
    const words = shown && readyState && (state === 'running' || FINAL_READY_STATES.has(readyState))
      ? (READY_STATE_WORDS[readyState] ?? readyState.toLowerCase())
      : null;
    const url = shown && typeof facts.inspectorUrl === 'string' && /^https?:\/\//.test(facts.inspectorUrl) ? facts.inspectorUrl : null;
    parts.readyState.textContent = words ?? '';
    if (words) parts.readyState.dataset.readyState = readyState;
    else delete parts.readyState.dataset.readyState;
    show(parts.readyState, words !== null);
    if (url) parts.buildLog.href = url;
    else parts.buildLog.removeAttribute('href');
    show(parts.buildLog, url !== null);
    show(parts.deployment, words !== null || url !== null);
  }

  /** Redraws the elapsed time (and the time left, in the tooltip) of every running action; runs while there are any. */
  #tick() {
    const now = Date.now();
    let running = false;
    for (const parts of this.actionItems.values()) {
      if (parts.startedAt === null) continue;
      const elapsed = secondsSince(parts.startedAt, now);
      if (elapsed === null) continue;
      running = true;
      const text = formatElapsed(elapsed);
      if (parts.elapsed.textContent !== text) {
        parts.elapsed.textContent = text;
        parts.elapsed.setAttribute('datetime', isoDuration(elapsed));
        parts.elapsed.dataset.seconds = String(elapsed);
      }
      show(parts.elapsed, true);
      const left = secondsUntil(parts.deadlineAt, now);
      const title = `Running for ${text}` + (left === null ? '' : left > 0 ? `; gives up in ${formatRemaining(left)}` : '; giving up now');
      if (parts.item.title !== title) parts.item.title = title;
    }
    if (running && this.ticker === null) {
      this.ticker = setInterval(() => this.#tick(), TICK_MS);
    } else if (!running && this.ticker !== null) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  /** After Cancel: the provider work still being stopped, until a status answer has none left. */
  #updateStoppingNotice(runner) {
    const pending = runner.pendingCancellations ?? [];
    show(this.stoppingNotice, pending.length > 0);
    this.stoppingNotice.dataset.stalled = String(runner.cancellationsStalled === true);
    if (pending.length === 0) {
      this.stoppingText.textContent = '';
      this.stoppingDetails.replaceChildren();
      show(this.checkAgainButton, false);
      return;
    }
    const builds = pending.filter((item) => item.action === 'deploy').length;
    const others = pending.filter((item) => item.action !== 'deploy');
    const parts = [];
    if (builds > 0) parts.push(`Stopping ${builds} Vercel build${builds === 1 ? '' : 's'}…`);
    if (others.length > 0) {
      parts.push(builds === 0 && others.length === 1 ? others[0].message : `Stopping the work of ${others.length} more step${others.length === 1 ? '' : 's'}…`);
    }
    this.stoppingText.textContent = parts.join(' ');
    this.stoppingNotice.title = pending.map((item) => `${item.app}, ${item.action}: ${item.message}`).join('\n');
    // Once the page stopped asking by itself, say why and offer to ask again.
    const stalled = runner.cancellationsStalled === true;
    const details = stalled ? pending.map((item) => h('li', {}, item.message)) : [];
    this.stoppingDetails.replaceChildren(...details);
    show(this.stoppingDetails, details.length > 0);
    show(this.checkAgainButton, stalled);
    this.checkAgainButton.disabled = runner.checkingCancellations === true;
  }

  #updateHeader(runner, announcements) {
    const hasPlan = runner.apps.length > 0;
    show(this.empty, !hasPlan);
    const { done, total } = runner.counts;
    const current = runner.apps[runner.currentAppIndex];
    const currentAction = current?.actions[runner.currentActionIndex];
    const driven = runner.drivenApps.length;
    const failed = runner.failedActions.length;
    let text;
    switch (runner.outcome) {
      case 'deploying':
        if (driven > 1) text = `Deploying ${driven} apps at once (${done} of ${total} steps done${failed ? `; ${failed} failed` : ''})`;
        else text = currentAction ? `${current.name}: ${currentAction.title} (${done} of ${total} steps done)` : 'Reading the deployment…';
        break;
      case 'succeeded': text = `All ${runner.apps.length} app${runner.apps.length === 1 ? '' : 's'} deployed (${total} steps).`; break;
      case 'failed':
        if (failed > 1) text = `${failed} steps failed (${done} of ${total} steps done). Retry them or cancel.`;
        else text = currentAction ? `${current.name}: ${currentAction.title} failed. Retry it or cancel.` : 'A step failed.';
        break;
      case 'canceled': text = `Canceled after ${done} of ${total} steps.`; break;
      case 'interrupted': text = 'Stopped: see the message below.'; break;
      default: text = 'Nothing is being deployed yet.';
    }
    this.summary.textContent = text;
    this.root.dataset.state = runner.outcome;
    this.root.dataset.deploying = String(runner.isDeploying);
    this.root.dataset.currentAppIndex = String(runner.currentAppIndex);
    this.root.dataset.currentActionIndex = String(runner.currentActionIndex);
    this.root.dataset.drivenApps = String(driven);
    show(this.cancelButton, runner.workflowId !== null && (runner.isDeploying || runner.outcome === 'failed'));
    this.cancelButton.disabled = runner.isCanceling === true;
    this.cancelButton.textContent = runner.isCanceling === true ? 'Canceling…' : 'Cancel';
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
