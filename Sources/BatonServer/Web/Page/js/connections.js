// The person's own GitHub and Vercel accounts: a Connect button per provider the server offers (it starts the
// provider's sign-in and goes to its consent page), the account once connected with a Disconnect button, and a note
// while only one is connected (both are needed; until then the server's accounts are used). The server keeps the
// tokens behind an HttpOnly cookie: the page sees only account names, never a token, and never touches the cookie.
// With no provider offered, the panel stays hidden and the page looks as it always did.

import { h } from './dom.js';
import { describeConnectReturn, providerName } from './connect-return.js';

export const PROVIDERS = ['github', 'vercel'];

const STATUS_CLASSES = {
  success: 'rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900',
  error: 'rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800',
};

/** The account name of a connected provider's answer: GitHub's login, Vercel's username. */
export function accountName(provider, connection) {
  return provider === 'github' ? connection.login : connection.username;
}

export class ConnectionsPanel {
  /**
   * @param {HTMLElement} root the `#connections` element of index.html
   * @param {object} options
   * @param {import('./api.js').ApiClient} options.api
   * @param {(connections: object) => void} options.onChange called with `GET /api/connections`'s answer (`{}` when
   *   there is none) whenever it was read
   * @param {(url: string) => void} options.navigate goes to a provider's consent page
   */
  constructor(root, { api, onChange = () => {}, navigate = (url) => window.location.assign(url) }) {
    this.root = root;
    this.api = api;
    this.onChange = onChange;
    this.navigate = navigate;
    this.status = root.querySelector('#connections-status');
    this.note = root.querySelector('#connections-note');
    this.connections = {};
  }

  /** Reads the connections and shows them; the panel stays hidden when the server offers none (or cannot say). */
  async load() {
    try {
      const answer = await this.api.connections();
      this.connections = answer && typeof answer === 'object' ? answer : {};
    } catch {
      this.connections = {};
    }
    this.#render();
    this.onChange(this.connections);
  }

  /** Whether `provider` is connected. */
  isConnected(provider) {
    return this.connections[provider]?.connected === true;
  }

  /** The `accounts` member of `init` when both providers are connected, else `null` (the server's accounts then). */
  accounts() {
    if (!PROVIDERS.every((provider) => this.isConnected(provider))) return null;
    return Object.fromEntries(PROVIDERS.map((provider) => [provider, 'connected']));
  }

  /** Says how the sign-in the page just came back from went (`takeConnectReturn`'s outcome). */
  showReturn(outcome) {
    this.#say(describeConnectReturn(outcome), outcome.error === null ? 'success' : 'error');
  }

  #say(message, tone) {
    this.status.textContent = message;
    this.status.className = STATUS_CLASSES[tone];
    this.status.setAttribute('role', tone === 'error' ? 'alert' : 'status');
    this.status.dataset.tone = tone;
    this.status.hidden = false;
  }

  #render() {
    const offered = PROVIDERS.filter((provider) => this.connections[provider]?.available === true);
    this.root.hidden = offered.length === 0;
    for (const provider of PROVIDERS) {
      const row = this.root.querySelector(`[data-connection="${provider}"]`);
      row.hidden = !offered.includes(provider);
      row.dataset.connected = String(this.isConnected(provider));
      row.querySelector('.connection-state').replaceChildren(...this.#rowContent(provider));
    }
    const connected = offered.filter((provider) => this.isConnected(provider));
    this.note.hidden = connected.length !== 1;
  }

  #rowContent(provider) {
    const name = providerName(provider);
    const connection = this.connections[provider];
    if (connection?.available !== true) return [];
    if (!connection.connected) {
      const button = h('button', {
        type: 'button', 'data-connect': provider,
        class: 'rounded-lg bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 focus:outline-none focus:ring-2 focus:ring-indigo-300 disabled:cursor-not-allowed disabled:bg-slate-400',
      }, `Connect ${name}`);
      button.addEventListener('click', () => this.#connect(provider, button));
      return [button];
    }
    const account = accountName(provider, connection) ?? '';
    const button = h('button', {
      type: 'button', 'data-disconnect': provider, 'aria-label': `Disconnect ${name} (${account})`,
      class: 'rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-indigo-300 disabled:opacity-60',
    }, 'Disconnect');
    button.addEventListener('click', () => this.#disconnect(provider, button));
    return [
      h('span', { class: 'text-sm', 'data-account': account },
        h('span', { class: 'font-medium' }, `${name}:`), ` ${account}`),
      button,
    ];
  }

  async #connect(provider, button) {
    button.disabled = true;
    button.textContent = 'Connecting…';
    try {
      const { authorizeUrl } = await this.api.connect(provider) ?? {};
      const target = typeof authorizeUrl === 'string' ? new URL(authorizeUrl, window.location.href) : null;
      if (target?.protocol !== 'https:' && target?.protocol !== 'http:') {
        throw new Error('the server gave no address to sign in at.');
      }
      this.navigate(target.href);
    } catch (error) {
      this.#say(`${providerName(provider)} could not be connected: ${error.message}`, 'error');
      this.#render();
    }
  }

  async #disconnect(provider, button) {
    button.disabled = true;
    try {
      await this.api.disconnect(provider);
      this.#say(`${providerName(provider)} is disconnected.`, 'success');
    } catch (error) {
      this.#say(`${providerName(provider)} could not be disconnected: ${error.message}`, 'error');
    }
    await this.load();
  }
}
