// The deploy form: the catalog's apps as checkboxes, the GitHub owner, the optional Vercel team and domain, and
// for each chosen app its declared env vars (masked). Required fields are checked before sending; the server's
// validation errors are shown beside the fields their paths name (`config.github.owner`, `envVars.app-a.KEY`).

import { h, idPart } from './dom.js';

const INPUT_CLASSES = 'block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 '
  + 'focus:outline-none focus:ring-2 focus:ring-indigo-200 aria-[invalid=true]:border-red-500 disabled:bg-slate-100';

export class DeployForm {
  /**
   * @param {HTMLFormElement} form the `#deploy-form` element of index.html
   * @param {{apps: Array}} catalog the answer of `GET /api/catalog`
   */
  constructor(form, catalog) {
    this.form = form;
    this.apps = catalog.apps;
    this.fields = form.querySelector('#deploy-fields');
    this.button = form.querySelector('#deploy-button');
    this.summary = form.querySelector('#form-error-summary');
    this.owner = form.querySelector('#github-owner');
    this.team = form.querySelector('#vercel-team');
    this.domain = form.querySelector('#domain');
    this.#renderApps();
    this.#renderEnvFields();
    this.#syncEnvFields();
  }

  /** The app checkboxes. */
  #renderApps() {
    const choices = this.form.querySelector('#app-choices');
    choices.replaceChildren(...this.apps.map((app) => {
      const id = `app-${idPart(app.id)}`;
      const checkbox = h('input', {
        id, type: 'checkbox', name: 'apps', value: app.id,
        class: 'mt-0.5 size-4 rounded border-slate-300 text-indigo-600 accent-indigo-600 focus:ring-indigo-500',
      });
      checkbox.addEventListener('change', () => this.#syncEnvFields());
      const details = [app.template, app.framework].filter(Boolean).join(' · ');
      return h('label', {
        for: id,
        class: 'flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 px-3 py-2 hover:border-indigo-300 has-[:checked]:border-indigo-400 has-[:checked]:bg-indigo-50',
      },
      checkbox,
      h('span', { class: 'min-w-0' },
        h('span', { class: 'block text-sm font-medium' }, app.name),
        h('span', { class: 'block truncate text-xs text-slate-500' }, details)));
    }));
  }

  /** One group of env inputs per app that declares any; shown while the app is checked. */
  #renderEnvFields() {
    const container = this.form.querySelector('#env-fields');
    container.replaceChildren(...this.apps.filter((app) => app.env.length > 0).map((app) => {
      const appError = h('p', {
        id: `env-${idPart(app.id)}-error`, 'data-error-for': `envVars.${app.id}`, 'data-label': app.name, hidden: true,
        class: 'text-sm text-red-700',
      });
      return h('fieldset', {
        'data-env-app': app.id, hidden: true, class: 'space-y-3 rounded-lg border border-slate-200 p-4',
      },
      h('legend', { class: 'px-1 text-sm font-medium' }, `${app.name}: environment variables`),
      ...app.env.map((variable) => this.#envField(app, variable)),
      appError);
    }));
  }

  #envField(app, variable) {
    const id = `env-${idPart(app.id)}-${idPart(variable.key)}`;
    const input = h('input', {
      id, type: 'password', name: `envVars.${app.id}.${variable.key}`, autocomplete: 'off', spellcheck: 'false',
      'data-app-id': app.id, 'data-env-key': variable.key, 'data-required': variable.required ? 'true' : 'false',
      'aria-required': variable.required ? 'true' : null, 'aria-describedby': `${id}-description ${id}-error`,
      class: `${INPUT_CLASSES} pr-16 font-mono`,
    });
    const toggle = h('button', {
      type: 'button', 'aria-controls': id, 'aria-pressed': 'false', 'aria-label': `Show the value of ${variable.key}`,
      class: 'absolute inset-y-0 right-0 rounded-r-lg px-3 text-xs font-medium text-indigo-700 hover:bg-indigo-50 focus:outline-none focus:ring-2 focus:ring-indigo-200',
    }, 'Show');
    toggle.addEventListener('click', () => {
      const reveal = input.type === 'password';
      input.type = reveal ? 'text' : 'password';
      toggle.textContent = reveal ? 'Hide' : 'Show';
      toggle.setAttribute('aria-pressed', String(reveal));
      toggle.setAttribute('aria-label', `${reveal ? 'Hide' : 'Show'} the value of ${variable.key}`);
    });
    return h('div', { class: 'space-y-1' },
      h('label', { for: id, class: 'flex flex-wrap items-baseline gap-x-2 text-sm' },
        h('code', { class: 'font-mono font-medium' }, variable.key),
        variable.required
          ? h('span', { class: 'text-xs text-red-700' }, '(required)')
          : h('span', { class: 'text-xs text-slate-500' }, '(optional)')),
      h('div', { class: 'relative' }, input, toggle),
      h('p', { id: `${id}-description`, class: 'text-xs text-slate-500' }, variable.description),
      h('p', {
        id: `${id}-error`, 'data-error-for': `envVars.${app.id}.${variable.key}`, 'data-label': variable.key, hidden: true,
        class: 'text-sm text-red-700',
      }));
  }

  /** Shows the env inputs of the checked apps only. */
  #syncEnvFields() {
    const chosen = new Set(this.chosenApps());
    for (const group of this.form.querySelectorAll('[data-env-app]')) group.hidden = !chosen.has(group.dataset.envApp);
  }

  /** The ids of the checked apps, in catalog order. */
  chosenApps() {
    return [...this.form.querySelectorAll('input[name="apps"]:checked')].map((checkbox) => checkbox.value);
  }

  /** The `init` request: `{config, envVars}`. Empty optional fields are left out. */
  request() {
    const apps = this.chosenApps();
    const config = { apps, github: { owner: this.owner.value.trim() } };
    const team = this.team.value.trim();
    if (team) config.vercel = { teamId: team };
    const domain = this.domain.value.trim();
    if (domain) config.domain = domain;
    const envVars = {};
    for (const input of this.form.querySelectorAll('input[data-env-key]')) {
      const appId = input.dataset.appId;
      if (!apps.includes(appId) || input.value === '') continue;
      (envVars[appId] ??= {})[input.dataset.envKey] = input.value;
    }
    return { config, envVars };
  }

  /** The problems found before sending: required fields left empty. Same shape as the server's `details`. */
  missingRequired() {
    const issues = [];
    const apps = this.chosenApps();
    if (apps.length === 0) issues.push({ path: 'config.apps', message: 'must name at least one app: choose one or more' });
    if (this.owner.value.trim() === '') issues.push({ path: 'config.github.owner', message: 'is required' });
    for (const input of this.form.querySelectorAll('input[data-env-key][data-required="true"]')) {
      if (!apps.includes(input.dataset.appId) || input.value !== '') continue;
      const app = this.apps.find((candidate) => candidate.id === input.dataset.appId);
      issues.push({ path: `envVars.${input.dataset.appId}.${input.dataset.envKey}`, message: `is required by ${app?.name ?? input.dataset.appId}` });
    }
    return issues;
  }

  /** Shows each issue beside the field its path names; issues no field claims go to the summary at the top. */
  showIssues(issues, { fromServer = false } = {}) {
    this.clearIssues();
    const unplaced = this.#placeIssues(issues);
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const where = unplaced.length === issues.length ? '' : ' Each is shown beside its field.';
    const intro = fromServer ? `The server found ${count}.${where}` : `Please fix ${count} before deploying.${where}`;
    this.summary.replaceChildren(
      h('p', { class: 'font-medium' }, intro),
      unplaced.length ? h('ul', { class: 'mt-1 list-disc pl-5' }, unplaced.map((issue) => h('li', {}, issue.path ? `${issue.path}: ${issue.message}` : issue.message))) : null,
    );
    this.summary.hidden = false;
    const first = this.form.querySelector('[aria-invalid="true"]');
    (first ?? this.summary).focus?.();
  }

  /** Shows a problem that concerns no field (the server could not be reached, say) at the top of the form. */
  showError(message, issues = []) {
    this.clearIssues();
    this.#placeIssues(issues);
    this.summary.replaceChildren(h('p', { class: 'font-medium' }, 'The deployment could not start.'), h('p', {}, message));
    this.summary.hidden = false;
  }

  /** Shows each issue beside the field its path names; returns the issues no field shows. */
  #placeIssues(issues) {
    const unplaced = [];
    for (const issue of issues) {
      const slot = this.#errorSlot(issue.path);
      if (!slot) {
        unplaced.push(issue);
        continue;
      }
      const line = `${slot.dataset.label} ${issue.message}`;
      slot.textContent = slot.hidden ? line : `${slot.textContent} ${line}`;
      slot.hidden = false;
      this.#inputFor(slot)?.setAttribute('aria-invalid', 'true');
    }
    return unplaced;
  }

  /** Hides every error message. */
  clearIssues() {
    this.summary.hidden = true;
    this.summary.replaceChildren();
    for (const slot of this.form.querySelectorAll('[data-error-for]')) {
      slot.hidden = true;
      slot.textContent = '';
    }
    for (const input of this.form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  }

  /** The error element for `path`, or for the nearest field above it (`config.apps[2]` → `config.apps`). */
  #errorSlot(path) {
    let candidate = String(path);
    while (candidate) {
      const slot = [...this.form.querySelectorAll('[data-error-for]')].find((element) => element.dataset.errorFor === candidate);
      if (slot && !slot.closest('[hidden]:not([data-error-for])')) return slot;
      const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
      candidate = cut > 0 ? candidate.slice(0, cut) : '';
    }
    return null;
  }

  #inputFor(slot) {
    const id = slot.id.replace(/-error$/, '');
    const element = document.getElementById(id);
    return element instanceof HTMLInputElement ? element : null;
  }

  /** Locks or unlocks every field and the button. */
  setDisabled(disabled) {
    this.fields.disabled = disabled;
    this.button.disabled = disabled;
    this.form.setAttribute('aria-busy', String(disabled));
  }

  /** Sets the button's label (it shows progress while deploying). */
  setButtonLabel(label) {
    if (this.button.textContent !== label) this.button.textContent = label;
  }

  /** Fills the non-secret fields from a saved config (after a reload). */
  fill(config) {
    if (!config) return;
    const apps = new Set(config.apps ?? []);
    for (const checkbox of this.form.querySelectorAll('input[name="apps"]')) checkbox.checked = apps.has(checkbox.value);
    this.owner.value = config.github?.owner ?? '';
    this.team.value = config.vercel?.teamId ?? '';
    this.domain.value = config.domain ?? '';
    this.#syncEnvFields();
  }
}
