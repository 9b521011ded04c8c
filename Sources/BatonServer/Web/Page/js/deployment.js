// The client-driven deployment loop: init, then up to `maxConcurrentApps` apps at once (the next waiting app takes
// the place of one that ends), and for each app its actions in order: trigger, then status with a long poll until
// the action is done, then the next. A failed action stops its own app; the others go on, and Retry puts that app
// back in line. The server decides; this loop only walks the plan.
//
// Answers may arrive out of order (a late long poll, a retried request whose first try also arrived, a whole-workflow
// read that lags behind, a reload mid-way): every action status carries the server's `sequence`, which grows with
// each change of that action, and the page keeps, per action, the status with the highest one it has seen. Those are
// kept in sessionStorage too, so a reload starts from what was shown and a lagging read cannot move it back.

import { ApiError, ConnectionError } from './api.js';
import { clearDeployment, loadProgress, saveDeployment, saveProgress } from './session.js';

/** How long one `status` request may wait for a change (the server caps it by its request budget). */
export const STATUS_WAIT_MS = 4000;

/** After Cancel, while provider work is still being stopped: how long between whole-workflow status requests, and
 * how many the page sends by itself before it waits for the person to ask again. */
export const CANCELLATION_CHECK_MS = 2000;
export const CANCELLATION_CHECKS = 10;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many apps the page drives at once unless told otherwise (`?concurrency=N`). A browser opens at most six
 * connections to one server over HTTP/1.1; each app driven holds one (its long poll), so four leave room for Cancel
 * and a reload's reads. */
export const DEFAULT_CONCURRENT_APPS = 4;
/** The most apps the page drives at once, whatever it is told. */
export const MAX_CONCURRENT_APPS = 16;

/** How many `trigger` answers in a row may leave an action not started before the loop gives up on it. */
const TRIGGERS_BEFORE_GIVING_UP = 3;

/** Whether `candidate` may replace `known` (both statuses of one action): not when the server's `sequence` says it
 * is older. A status without a sequence (from a server before it had one) is taken as it comes. */
export function isNewer(candidate, known) {
  if (!known) return true;
  if (typeof candidate.sequence !== 'number' || typeof known.sequence !== 'number') return true;
  return candidate.sequence >= known.sequence;
}

/** What the page shows of an action's status, as one comparable string (object members in name order: the server's
 * JSON does not keep one order). */
function shownPart(status) {
  const { state, message, attempt, error, progress, startedAt, deadlineAt, outputs } = status;
  const sorted = (value) => (value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.keys(value).sort().map((name) => [name, sorted(value[name])]))
    : Array.isArray(value) ? value.map(sorted) : value);
  return JSON.stringify(sorted([state, message, attempt, error, progress, startedAt, deadlineAt, outputs]));
}

/** The state of a group of actions, summarised the way the server does. */
export function summarize(states) {
  if (states.includes('canceled')) return 'canceled';
  if (states.includes('failed')) return 'failed';
  if (states.length > 0 && states.every((state) => state === 'succeeded')) return 'succeeded';
  return states.some((state) => state !== 'pending') ? 'running' : 'pending';
}

export class DeploymentRunner {
  #api;
  #onChange;
  #generation = 0;
  /** The generation of the latest cancellation follow-up. */
  #followingSince = 0;
  /** Provider work still being stopped, by `app/action`, each as listed by the newest answer about that action. */
  #stopping = new Map();
  /** The drive under way: `{generation, waiting: [appIndex], workers: Set<Promise>, halt}` (null when none). */
  #pool = null;
  /** The apps being driven now: app index → the index of the action each is at. */
  #inFlight = new Map();
  /** Failed actions the person asked to retry (`app/action`): their app's driver triggers them once. */
  #retries = new Set();
  /** Where the loop was last: `[appIndex, actionIndex]`, shown after it stopped (canceled, interrupted). */
  #last = [-1, -1];

  /**
   * @param {object} api the ApiClient
   * @param {(runner: DeploymentRunner) => void} onChange called once per change of what is shown
   * @param {{maxConcurrentApps?: number}} options how many apps are driven at once (1 to ``MAX_CONCURRENT_APPS``)
   */
  constructor(api, onChange = () => {}, { maxConcurrentApps = DEFAULT_CONCURRENT_APPS } = {}) {
    this.#api = api;
    this.#onChange = onChange;
    this.maxConcurrentApps = Math.min(MAX_CONCURRENT_APPS, Math.max(1, Math.floor(maxConcurrentApps) || 1));
    this.#reset();
  }

  #reset() {
    /** The workflow followed, its token, and the config it was started with (no env values). */
    this.workflowId = null;
    this.token = null;
    this.config = null;
    /** The plan from init: `[{id, name, actions: [{id, title, dependsOn}]}]`. */
    this.apps = [];
    /** The latest status of each action, by `app/action`. */
    this.statuses = new Map();
    /** Whether the loop is running. */
    this.isDeploying = false;
    this.#inFlight = new Map();
    this.#retries = new Set();
    this.#last = [-1, -1];
    /** `idle`, `deploying`, `succeeded`, `failed` (waiting for Retry), `canceled` or `interrupted` (see `problem`). */
    this.outcome = 'idle';
    /** Why the loop stopped when it could not go on: `{message, canContinue}`. */
    this.problem = null;
    /** Whether a `cancel` request is under way. */
    this.isCanceling = false;
    /** Provider work of the canceled workflow still being stopped, as the last whole-workflow answer listed it:
     * `[{app, action, message}]`; whether the page is asking about it, and whether it stopped asking by itself. */
    this.pendingCancellations = [];
    this.#stopping = new Map();
    this.checkingCancellations = false;
    this.cancellationsStalled = false;
  }

  /** The latest status of an action (pending until the server said otherwise). */
  status(appId, actionId) {
    return this.statuses.get(`${appId}/${actionId}`) ?? { app: appId, action: actionId, state: 'pending', message: '', outputs: {}, error: null };
  }

  /** The summarised state of an app. */
  appState(app) {
    return summarize(app.actions.map((action) => this.status(app.id, action.id).state));
  }

  /** Where the loop is: the first app it drives (lowest index) and that app's action; when it stopped on failures, the
   * first failed action; when it was stopped otherwise, where it was; -1 when none (and once all succeeded). */
  get currentAppIndex() { return this.currentPosition[0]; }
  get currentActionIndex() { return this.currentPosition[1]; }

  /** Both at once: `[appIndex, actionIndex]`. */
  get currentPosition() {
    if (this.#inFlight.size > 0) {
      const appIndex = Math.min(...this.#inFlight.keys());
      return [appIndex, this.#inFlight.get(appIndex)];
    }
    if (this.outcome === 'succeeded' || this.outcome === 'idle') return [-1, -1];
    const failed = this.failedActions[0];
    return failed ? [failed.appIndex, failed.actionIndex] : [...this.#last];
  }

  /** The apps being driven now, by index, each with the index of its action: `[[appIndex, actionIndex]]`, in order. */
  get drivenApps() {
    return [...this.#inFlight].sort((a, b) => a[0] - b[0]);
  }

  /** The action app `appIndex` is at: the one being driven, else the one it stopped at failed; -1 when neither. */
  activeActionIndex(appIndex) {
    if (this.#inFlight.has(appIndex)) return this.#inFlight.get(appIndex);
    const app = this.apps[appIndex];
    return app ? app.actions.findIndex((action) => this.status(app.id, action.id).state === 'failed') : -1;
  }

  /** Whether app `appIndex` is being driven now. */
  isDriven(appIndex) {
    return this.#inFlight.has(appIndex);
  }

  /** The failed actions of apps not being driven, in plan order: `[{appIndex, actionIndex}]`. */
  get failedActions() {
    const failed = [];
    this.apps.forEach((app, appIndex) => {
      if (this.#inFlight.has(appIndex)) return;
      app.actions.forEach((action, actionIndex) => {
        if (this.status(app.id, action.id).state === 'failed') failed.push({ appIndex, actionIndex });
      });
    });
    return failed;
  }

  /** How many actions succeeded, and how many there are. */
  get counts() {
    let done = 0;
    let total = 0;
    for (const app of this.apps) {
      for (const action of app.actions) {
        total += 1;
        if (this.status(app.id, action.id).state === 'succeeded') done += 1;
      }
    }
    return { done, total };
  }

  /** Whether a workflow is followed and not finished: the form stays locked until it succeeds or is canceled. */
  get isActive() {
    return this.workflowId !== null && (this.isDeploying || this.outcome === 'failed' || this.outcome === 'interrupted');
  }

  /**
   * Starts a deployment: `init` with `request` (`{config, envVars}`), then drives it.
   * Throws the init's `ApiError` (validation problems carry `details`) without changing anything.
   */
  async start(request) {
    const created = await this.#api.initialize(request);
    this.#generation += 1;
    this.#reset();
    this.workflowId = created.workflowId;
    this.token = created.token;
    this.config = request.config;
    this.apps = created.apps.map((app) => ({
      id: app.id, name: app.name, actions: app.actions.map((action) => ({ id: action.id, title: action.title, dependsOn: action.dependsOn ?? [] })),
    }));
    saveDeployment({ workflowId: this.workflowId, token: this.token, config: this.config });
    this.#save();
    return this.#drive();
  }

  /** Follows a deployment started before a reload: reads the whole workflow, then goes on where it stands. */
  async resume(saved) {
    const generation = ++this.#generation;
    this.#reset();
    this.workflowId = saved.workflowId;
    this.token = saved.token;
    this.config = saved.config ?? null;
    // What this tab showed before the reload, at once; the whole-workflow read below can only move it forward.
    const shown = loadProgress(this.workflowId);
    if (shown) {
      this.apps = shown.apps;
      for (const status of shown.statuses) this.statuses.set(`${status.app}/${status.action}`, status);
    }
    this.isDeploying = true;
    this.outcome = 'deploying';
    this.#notify();
    let workflow;
    try {
      workflow = await this.#ask({ mode: 'status' }, generation);
    } catch (error) {
      if (generation === this.#generation) await this.#stop(error);
      return;
    }
    // A cancel, retry or new deployment started while the read was under way: its answer is newer than this one.
    if (workflow === null) return;
    this.apps = workflow.apps.map((app) => ({
      id: app.id, name: app.name, actions: app.actions.map((action) => ({ id: action.action, title: action.title, dependsOn: [] })),
    }));
    this.#recordWorkflow(workflow);
    if (workflow.state === 'canceled') {
      this.#finish('canceled');
      return this.#followCancellations();
    }
    return this.#drive(generation);
  }

  /** Starts a new attempt of a failed action, then drives its app on. While other apps are being driven, the app
   * joins them (first in line); otherwise the loop starts again with it and goes on with the rest of the plan. */
  async retry(appId, actionId) {
    if (!this.workflowId || this.isCanceling) return;
    const appIndex = this.apps.findIndex((app) => app.id === appId);
    if (appIndex < 0 || this.#inFlight.has(appIndex)) return;
    this.#retries.add(`${appId}/${actionId}`);
    const pool = this.#pool;
    if (this.isDeploying && pool && pool.generation === this.#generation && !pool.closed) {
      if (!pool.waiting.includes(appIndex)) pool.waiting.unshift(appIndex);
      this.#fill(pool);
      this.#notify();
      return;
    }
    if (this.isDeploying) return;
    return this.#drive(++this.#generation, appIndex);
  }

  /** Goes on after the loop was interrupted (lost connection): reads the workflow again, then drives it. */
  async continue() {
    if (this.isDeploying || !this.workflowId) return;
    return this.resume({ workflowId: this.workflowId, token: this.token, config: this.config });
  }

  /** Cancels the workflow on the server; the loop stops. Provider work still being stopped is then asked about
   * again (every ``CANCELLATION_CHECK_MS``) until the server lists none. */
  async cancel() {
    if (!this.workflowId || this.isCanceling) return;
    const generation = ++this.#generation;
    this.isCanceling = true;
    this.#notify();
    try {
      const workflow = await this.#ask({ mode: 'cancel' }, generation);
      if (workflow === null) return;
      this.#recordWorkflow(workflow);
      this.isCanceling = false;
      this.#finish('canceled');
    } catch (error) {
      this.isCanceling = false;
      if (generation === this.#generation) await this.#stop(error);
      return;
    }
    return this.#followCancellations();
  }

  /** Asks again, after the page stopped asking by itself, whether the canceled work has stopped. */
  checkCancellations() {
    if (this.checkingCancellations || this.pendingCancellations.length === 0) return undefined;
    return this.#followCancellations();
  }

  /** While the last answer lists pending cancellations: asks for the whole workflow's status (each answer lets the
   * server try to stop them again) every ``CANCELLATION_CHECK_MS``, at most ``CANCELLATION_CHECKS`` times. */
  async #followCancellations() {
    const generation = this.#generation;
    if (this.pendingCancellations.length === 0) return;
    this.checkingCancellations = true;
    this.#followingSince = generation;
    this.cancellationsStalled = false;
    this.#notify();
    for (let check = 0; check < CANCELLATION_CHECKS && this.pendingCancellations.length > 0; check += 1) {
      await sleep(CANCELLATION_CHECK_MS);
      if (generation !== this.#generation) return this.#stopFollowing(generation);
      try {
        const workflow = await this.#ask({ mode: 'status' }, generation);
        if (workflow === null) return this.#stopFollowing(generation);
        this.#recordWorkflow(workflow);
      } catch {
        // The notice stays; the next check (or Check again) asks once more.
        if (generation !== this.#generation) return this.#stopFollowing(generation);
      }
      this.#notify();
    }
    this.checkingCancellations = false;
    this.cancellationsStalled = this.pendingCancellations.length > 0;
    this.#notify();
  }

  /** The follow-up of `generation` ends because the page moved on; it no longer counts as asking, unless the page
   * started following again since (that follow-up owns the flag). */
  #stopFollowing(generation) {
    if (this.#followingSince <= generation) this.checkingCancellations = false;
  }

  /** Drives every app not yet succeeded, up to ``maxConcurrentApps`` at once (app `first` first in line), then says
   * how it ended: succeeded, failed (some app stopped on a failed action), canceled, or interrupted. */
  async #drive(generation = ++this.#generation, first = -1) {
    this.isDeploying = true;
    this.outcome = 'deploying';
    this.problem = null;
    this.#inFlight = new Map();
    const waiting = this.apps.map((_, appIndex) => appIndex)
      .filter((appIndex) => appIndex !== first && this.appState(this.apps[appIndex]) !== 'succeeded');
    if (first >= 0) waiting.unshift(first);
    const pool = { generation, waiting, workers: new Set(), halt: null, closed: false, settle: null };
    const settled = new Promise((resolve) => {
      pool.settle = () => {
        pool.closed = true;
        resolve();
      };
    });
    this.#pool = pool;
    this.#notify();
    this.#fill(pool);
    if (pool.workers.size === 0) pool.settle();
    await settled;
    if (generation !== this.#generation) return;
    this.#pool = null;
    // A halt ends the drive at once: the drivers still under way drop their next answer and stop.
    if (pool.halt) this.#generation += 1;
    if (pool.halt?.error) return this.#stop(pool.halt.error);
    const states = this.apps.map((app) => this.appState(app));
    if (pool.halt || states.includes('canceled')) return this.#finish('canceled');
    if (states.includes('failed')) return this.#finish('failed');
    this.#finish('succeeded');
  }

  /** Starts drivers until `pool` has ``maxConcurrentApps`` of them or no app is waiting. */
  #fill(pool) {
    while (pool.workers.size < this.maxConcurrentApps && pool.waiting.length > 0 && !pool.closed) {
      const worker = this.#work(pool).finally(() => {
        pool.workers.delete(worker);
        if (pool.workers.size === 0) pool.settle();
      });
      pool.workers.add(worker);
    }
  }

  /** One driver: takes the next waiting app and drives it to its end, until none waits or the drive halts. */
  async #work(pool) {
    while (!pool.closed && pool.generation === this.#generation) {
      const appIndex = pool.waiting.shift();
      if (appIndex === undefined) return;
      try {
        const end = await this.#driveApp(appIndex, pool.generation);
        if (end === 'canceled') this.#halt(pool, { canceled: true });
      } catch (error) {
        if (pool.generation === this.#generation) this.#halt(pool, { error });
      } finally {
        if (pool.generation === this.#generation) {
          if (this.#inFlight.has(appIndex)) this.#last = [appIndex, this.#inFlight.get(appIndex)];
          this.#inFlight.delete(appIndex);
          this.#notify();
        }
      }
    }
  }

  /** Ends `pool`'s drive for `reason` (`{canceled}` or `{error}`), unless it already ended. */
  #halt(pool, reason) {
    if (pool.halt || pool.closed) return;
    pool.halt = reason;
    pool.settle();
  }

  /** Drives app `appIndex` through its actions in order; returns how it stopped: `succeeded`, `failed` (an action
   * failed and was not to be retried), `canceled`, or `null` when the page moved on. Throws when an action would not
   * start or a request failed for good. */
  async #driveApp(appIndex, generation) {
    const app = this.apps[appIndex];
    for (let actionIndex = 0; actionIndex < app.actions.length; actionIndex += 1) {
      if (generation !== this.#generation) return null;
      const action = app.actions[actionIndex];
      const key = `${app.id}/${action.id}`;
      let status = this.status(app.id, action.id);
      if (status.state === 'succeeded') continue;
      if (status.state === 'canceled') return 'canceled';
      if (status.state === 'failed' && !this.#retries.has(key)) return 'failed';
      this.#inFlight.set(appIndex, actionIndex);
      this.#notify();
      if (status.state === 'failed') {
        this.#retries.delete(key);
        const answer = await this.#ask({ mode: 'trigger', app: app.id, action: action.id }, generation);
        if (answer === null) return null;
        this.#record(answer);
        status = this.status(app.id, action.id);
      }
      // Each answer is recorded, then the loop goes by the newest status of *this* action, whatever the answer was.
      for (let triggers = 0; status.state === 'pending' && triggers < TRIGGERS_BEFORE_GIVING_UP; triggers += 1) {
        const answer = await this.#ask({ mode: 'trigger', app: app.id, action: action.id }, generation);
        if (answer === null) return null;
        this.#record(answer);
        status = this.status(app.id, action.id);
      }
      while (status.state === 'running') {
        if (generation !== this.#generation) return null;
        const askedAt = performance.now();
        const answer = await this.#ask({ mode: 'status', app: app.id, action: action.id, waitMs: STATUS_WAIT_MS }, generation);
        if (answer === null) return null;
        this.#record(answer);
        const next = this.status(app.id, action.id);
        const unchanged = next.state === status.state && next.attempt === status.attempt;
        if (unchanged && performance.now() - askedAt < 250) await sleep(Math.min(answer.pollAfterMs ?? 1000, 2000));
        status = next;
      }
      if (generation !== this.#generation) return null;
      if (status.state === 'failed') return 'failed';
      if (status.state === 'canceled') return 'canceled';
      if (status.state !== 'succeeded') {
        throw new Error(`${app.name}: "${action.title}" did not start (it is ${status.state}).`);
      }
    }
    return 'succeeded';
  }

  #finish(outcome) {
    this.isDeploying = false;
    this.#inFlight = new Map();
    this.outcome = outcome;
    this.#notify();
  }

  async #stop(error) {
    const generation = this.#generation;
    this.isDeploying = false;
    this.#inFlight = new Map();
    if (error instanceof ApiError && error.code === 'workflow_canceled') {
      try {
        const workflow = await this.#ask({ mode: 'status' }, generation);
        if (workflow === null) return;
        this.#recordWorkflow(workflow);
      } catch {
        // The actions keep the states last seen.
        if (generation !== this.#generation) return;
      }
      this.#finish('canceled');
      return this.#followCancellations();
    }
    if (error instanceof ApiError && (error.code === 'workflow_not_found' || error.code === 'unauthorized')) {
      clearDeployment();
      this.#reset();
      this.outcome = 'interrupted';
      this.problem = { message: `The deployment this page was following is gone (${error.message}) Start a new one.`, canContinue: false };
    } else if (error instanceof ConnectionError) {
      this.outcome = 'interrupted';
      this.problem = { message: `Lost contact with Baton's server: ${error.message} The deployment is kept; try again when the connection is back.`, canContinue: true };
    } else {
      this.outcome = 'interrupted';
      this.problem = { message: error.message, canContinue: !(error instanceof ApiError && error.code === 'definition_changed') };
    }
    this.#notify();
  }

  #call(body) {
    return this.#api.deploy({ ...body, workflowId: this.workflowId }, this.token);
  }

  /** Sends `body` for the workflow followed and returns the answer, or `null` when the page moved on while it was
   * under way (a new deployment, a resume, a retry or a cancel began: generation `generation` is over). A late answer
   * is thus never recorded: it may be about another workflow, whose sequences say nothing about this one's. */
  async #ask(body, generation) {
    const answer = await this.#call(body);
    return generation === this.#generation ? answer : null;
  }

  /** Takes in one action's status (unless an answer already seen is as new) and returns the answer as it came. The
   * list is redrawn only when something changed, not on every poll. */
  #record(status) {
    if (this.#keep(status)) {
      this.#save();
      this.#notify();
    }
    return status;
  }

  /** Takes in a whole-workflow status: each action where it is newer than what is shown, and whether that action's
   * provider work is still being stopped only from an answer at least as new as the action's status shown (setting
   * or ending a stop changes the action, so a lagging read cannot bring back or drop the notice). */
  #recordWorkflow(workflow) {
    const listed = new Map((Array.isArray(workflow.pendingCancellations) ? workflow.pendingCancellations : [])
      .map((entry) => [`${entry.app}/${entry.action}`, entry]));
    let changed = false;
    for (const app of workflow.apps) {
      for (const action of app.actions) {
        const key = `${action.app}/${action.action}`;
        if (!isNewer(action, this.statuses.get(key))) continue;
        changed = this.#keep(action) || changed;
        if (listed.has(key)) this.#stopping.set(key, listed.get(key));
        else this.#stopping.delete(key);
      }
    }
    if (changed) this.#save();
    this.pendingCancellations = [...this.#stopping.values()];
  }

  /** Stores `status` as its action's latest unless the one known is as new (the same `sequence` is the same
   * change); whether what is shown of it changed. The server counts every change of an action, also those nothing
   * shows (each check of a fork still being copied): a status that differs from the known one only there just moves
   * the known one's `sequence` on, keeping it (the same object) so the list is not redrawn for it. */
  #keep(status) {
    const key = `${status.app}/${status.action}`;
    const known = this.statuses.get(key);
    if (!isNewer(status, known)) return false;
    if (known && typeof status.sequence === 'number' && status.sequence === known.sequence) return false;
    if (known && shownPart(known) === shownPart(status)) {
      known.sequence = status.sequence;
      return false;
    }
    this.statuses.set(key, status);
    return true;
  }

  /** Remembers what is shown for a reload of this tab. */
  #save() {
    if (this.workflowId) saveProgress(this.workflowId, { apps: this.apps, statuses: [...this.statuses.values()] });
  }

  #notify() {
    this.#onChange(this);
  }
}
