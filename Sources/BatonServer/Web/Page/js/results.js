// The results: each app's deployment URL (and repository and domain) as links, and the DNS records table
// (type, name, value) with a copy button per value. Shown as soon as the first app has results.

import { h, show } from './dom.js';

export class DeploymentResults {
  /** @param {HTMLElement} root the `#deployment-results` element of index.html */
  constructor(root, { announce }) {
    this.root = root;
    this.announce = announce;
    this.links = root.querySelector('#result-links');
    this.dnsSection = root.querySelector('#dns-section');
    this.dnsCaption = root.querySelector('#dns-caption');
    this.dnsBody = root.querySelector('#dns-records tbody');
    this.shown = '';
  }

  /** Shows the outputs of `runner`'s succeeded actions. */
  update(runner) {
    const apps = runner.apps.map((app) => {
      const outputs = (actionId) => {
        const status = runner.status(app.id, actionId);
        return status.state === 'succeeded' ? (status.outputs ?? {}) : null;
      };
      const deployment = outputs('deploy');
      const domain = outputs('assign-domain');
      return {
        id: app.id,
        name: app.name,
        repository: outputs('fork-repository')?.url ?? null,
        url: typeof deployment?.url === 'string' ? deployment.url : null,
        domain: typeof domain?.domain === 'string' ? domain.domain : null,
        records: Array.isArray(outputs('present-dns')?.records) ? outputs('present-dns').records : [],
      };
    }).filter((app) => app.url || app.records.length);
    const signature = JSON.stringify(apps);
    if (signature === this.shown) return;
    this.shown = signature;
    show(this.root, apps.length > 0);
    this.links.replaceChildren(...apps.map((app) => h('li', { 'data-app-id': app.id, class: 'text-sm' },
      h('p', { class: 'font-medium' }, app.name),
      h('ul', { class: 'mt-1 space-y-0.5' },
        app.url ? linkLine('Deployment', link(app.url, 'deployment-link')) : null,
        app.domain ? linkLine('Domain', link(`https://${app.domain}`, 'domain-link')) : null,
        app.repository ? linkLine('Repository', link(app.repository, 'repository-link')) : null))));
    const rows = apps.flatMap((app) => app.records.map((record) => ({ app, record })));
    show(this.dnsSection, rows.length > 0);
    const domain = runner.config?.domain;
    this.dnsCaption.textContent = domain
      ? `Create these records at the DNS provider of ${domain}, then the domains go live.`
      : 'Create these records at your DNS provider.';
    this.dnsBody.replaceChildren(...rows.map(({ app, record }) => this.#row(app, record)));
  }

  #row(app, record) {
    const value = h('code', { class: 'dns-value break-all font-mono text-xs' }, String(record.value ?? ''));
    const button = h('button', {
      type: 'button', class: 'copy-button rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-indigo-300',
      'aria-label': `Copy the value of the ${record.type} record ${record.name}`,
    }, 'Copy');
    button.addEventListener('click', () => this.#copy(button, value));
    return h('tr', { 'data-app-id': app.id, 'data-record-type': record.type, 'data-record-name': record.name },
      h('td', { class: 'py-2 pr-3 font-mono text-xs' }, String(record.type ?? '')),
      h('td', { class: 'py-2 pr-3 font-mono text-xs' }, String(record.name ?? '')),
      h('td', { class: 'py-2 pr-3' }, value),
      h('td', { class: 'py-2 text-right' }, button));
  }

  async #copy(button, value) {
    const text = value.textContent;
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      // Without clipboard permission, copy the selected text the older way.
      const selection = window.getSelection();
      const range = document.createRange();
      range.selectNodeContents(value);
      selection.removeAllRanges();
      selection.addRange(range);
      copied = document.execCommand('copy');
    }
    button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
    button.dataset.copied = String(copied);
    this.announce(copied ? `Copied ${text}.` : `Selected ${text}; press Control C to copy it.`);
    clearTimeout(button.resetTimer);
    button.resetTimer = setTimeout(() => { button.textContent = 'Copy'; delete button.dataset.copied; }, 2500);
  }
}

function linkLine(label, anchor) {
  return h('li', { class: 'flex flex-wrap gap-x-2' }, h('span', { class: 'text-slate-500' }, label), anchor);
}

function link(url, className) {
  return h('a', {
    href: url, target: '_blank', rel: 'noopener noreferrer',
    class: `${className} min-w-0 [overflow-wrap:anywhere] text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:text-indigo-900`,
  }, url);
}
