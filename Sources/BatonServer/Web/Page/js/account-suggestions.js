// What the connected accounts offer the form: the GitHub owner field suggests the connected login and its
// organizations (one without the Baton GitHub App installed is marked, and choosing it shows the link to install the
// App), and the Vercel team field suggests the connected user's teams (left empty, the personal account is used).

import { h } from './dom.js';

export class AccountSuggestions {
  /** @param {HTMLFormElement} form the `#deploy-form` element of index.html */
  constructor(form) {
    this.owner = form.querySelector('#github-owner');
    this.ownerList = form.querySelector('#github-owner-suggestions');
    this.installHint = form.querySelector('#github-owner-install');
    this.team = form.querySelector('#vercel-team');
    this.teamList = form.querySelector('#vercel-team-suggestions');
    this.teamHelp = form.querySelector('#vercel-team-help');
    this.teamHelpText = this.teamHelp.textContent;
    this.owners = [];
    this.installUrl = null;
    this.owner.addEventListener('input', () => this.#showInstallHint());
  }

  /** Offers what `connections` (`GET /api/connections`'s answer) holds; nothing for a provider not connected. */
  update(connections) {
    const github = connections.github?.connected ? connections.github : null;
    const owners = Array.isArray(github?.owners) ? github.owners : [];
    this.owners = owners.filter((owner) => typeof owner?.login === 'string');
    this.installUrl = /^https?:\/\//i.test(github?.installUrl ?? '') ? github.installUrl : null;
    offer(this.owner, this.ownerList, this.owners.map((owner) => h('option', {
      value: owner.login, label: owner.installed === false ? 'GitHub App not installed' : null,
    })));
    this.#showInstallHint();

    const vercel = connections.vercel?.connected ? connections.vercel : null;
    const teams = Array.isArray(vercel?.teams) ? vercel.teams.filter((team) => typeof team?.id === 'string') : [];
    offer(this.team, this.teamList, teams.map((team) => h('option', {
      value: team.id, label: [team.name, team.slug].filter(Boolean).join(' · ') || null,
    })));
    this.teamHelp.textContent = vercel && typeof vercel.username === 'string'
      ? `Leave empty for the personal account (${vercel.username}'s when deploying into your own accounts).`
      : this.teamHelpText;
  }

  /** Under the owner field: the link to install the App when the chosen owner does not have it. */
  #showInstallHint() {
    const chosen = this.owner.value.trim().toLowerCase();
    const owner = this.owners.find((candidate) => candidate.login.toLowerCase() === chosen);
    if (!owner || owner.installed !== false) {
      this.installHint.hidden = true;
      this.installHint.replaceChildren();
      return;
    }
    this.installHint.replaceChildren(
      `The Baton GitHub App is not installed on ${owner.login}. `,
      this.installUrl
        ? h('a', {
          href: this.installUrl, target: '_blank', rel: 'noopener noreferrer', class: 'font-medium underline',
        }, 'Install it')
        : 'Install it',
      ' for that account, then deploy.',
    );
    this.installHint.hidden = false;
  }
}

/** Fills `list` (a `<datalist>`) with `options` and points `input` at it, or detaches it when there are none. */
function offer(input, list, options) {
  list.replaceChildren(...options);
  if (options.length) input.setAttribute('list', list.id);
  else input.removeAttribute('list');
}
