// Baton's page: loads the catalog, renders the form, offers the person's own GitHub and Vercel accounts, drives
// deployments and shows their progress.

import { AccountSuggestions } from './account-suggestions.js';
import { ApiClient, ApiError } from './api.js';
import { takeConnectReturn } from './connect-return.js';
import { ConnectionsPanel } from './connections.js';
import { hostCredential, takeCredentialFromFragment } from './credential.js';
import { DeploymentRunner } from './deployment.js';
import { DeployForm } from './form.js';
import { DeploymentProgress } from './progress.js';
import { DeploymentResults } from './results.js';
import { loadDeployment } from './session.js';

const notice = document.getElementById('connection-notice');
const announcer = document.getElementById('progress-announcer');

takeCredentialFromFragment();
const connectReturn = takeConnectReturn();
// A host renews an expiring token by changing the fragment (of an iframe's src, say) without reloading the page.
window.addEventListener('hashchange', () => takeCredentialFromFragment());
const api = new ApiClient({
  credential: hostCredential,
  onRetry({ attempt, of, delayMs, reason }) {
    notice.textContent = `Connection problem: ${reason}. Trying again in ${Math.max(1, Math.round(delayMs / 1000))} s (retry ${attempt} of ${of}).`;
    notice.hidden = false;
  },
  onRecovered() {
    notice.hidden = true;
    notice.textContent = '';
  },
});

let form = null;
const suggestions = new AccountSuggestions(document.getElementById('deploy-form'));
const connections = new ConnectionsPanel(document.getElementById('connections'), {
  api,
  onChange: (answer) => suggestions.update(answer),
});
if (connectReturn) connections.showReturn(connectReturn);
const progress = new DeploymentProgress(document.getElementById('deployment-progress'), {
  onRetry: (appId, actionId) => runner.retry(appId, actionId),
  onCancel: () => runner.cancel(),
  onContinue: () => runner.continue(),
  onCheckCancellations: () => runner.checkCancellations(),
});
const results = new DeploymentResults(document.getElementById('deployment-results'), {
  announce: (text) => { announcer.textContent = text; },
});
// `?concurrency=N` sets how many apps are driven at once (1 drives them one after another, at most 16); anything but
// a whole number from 1 up leaves the default.
const askedConcurrency = new URLSearchParams(window.location.search).get('concurrency') ?? '';
const concurrency = /^[1-9][0-9]*$/.test(askedConcurrency) ? Number(askedConcurrency) : null;
const runner = new DeploymentRunner(api, render, concurrency === null ? {} : { maxConcurrentApps: concurrency });

function render() {
  progress.update(runner);
  results.update(runner);
  if (!form) return;
  form.setDisabled(runner.isActive);
  if (runner.isDeploying) {
    const { done, total } = runner.counts;
    form.setButtonLabel(total ? `Deploying… ${done} of ${total} steps` : 'Deploying…');
  } else if (runner.isActive) {
    form.setButtonLabel('Waiting: retry or cancel the failed step');
  } else {
    form.setButtonLabel(runner.outcome === 'succeeded' ? 'Deploy again' : 'Deploy');
  }
}

async function submit(event) {
  event.preventDefault();
  if (runner.isActive) return;
  form.clearIssues();
  const missing = form.missingRequired();
  if (missing.length) {
    form.showIssues(missing);
    return;
  }
  form.setDisabled(true);
  form.setButtonLabel('Starting…');
  try {
    // With both accounts connected, the apps go into them; otherwise into the server's.
    const accounts = connections.accounts();
    await runner.start(accounts ? { ...form.request(), accounts } : form.request());
  } catch (error) {
    if (error instanceof ApiError && error.code === 'validation_failed') {
      form.showIssues(error.details, { fromServer: true });
    } else {
      // A refusal that names fields (an owner or team the credential may not deploy into) marks them too.
      form.showError(error.message, error instanceof ApiError ? error.details : []);
    }
    // The server no longer has a connection the page showed (it expired, or was removed in another tab).
    if (error instanceof ApiError && error.code === 'account_not_connected') connections.load();
    render();
  }
}

async function boot() {
  connections.load();
  const formElement = document.getElementById('deploy-form');
  let catalog;
  try {
    catalog = await api.catalog();
  } catch (error) {
    document.getElementById('app-choices').textContent = `The catalog could not be loaded: ${error.message} Reload the page to try again.`;
    return;
  }
  form = new DeployForm(formElement, catalog);
  formElement.addEventListener('submit', submit);
  render();
  const saved = loadDeployment();
  if (saved) {
    form.fill(saved.config);
    await runner.resume(saved);
  }
}

boot();
