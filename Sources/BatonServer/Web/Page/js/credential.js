// The host's credential: an API key or a short-lived JWT that the host application gives the page so that `init`
// runs as its user on a server started with `--auth api-key` or `--auth jwt`.
//
// The host opens the page as `https://baton.example.com/#credential=<token>`. A fragment is never sent to a server
// (so it stays out of access logs and Referer headers); the page moves it into this tab's sessionStorage and removes it
// from the address bar at once, so it is not kept in history or bookmarks. Only `init` sends it: the workflow's own
// token drives the rest. To renew an expiring token, the host sets a new fragment (the page reads it on `hashchange`)
// or opens the page again.

const KEY = 'baton.credential';
const PARAMETER = 'credential';

/** Takes a credential from the URL fragment, if there is one, and remembers it for this tab. */
export function takeCredentialFromFragment(location = window.location, history = window.history) {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const credential = fragment.get(PARAMETER);
  if (credential === null) return;
  try {
    if (credential) sessionStorage.setItem(KEY, credential);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled: the credential is lost with the fragment below; init then answers 401, which the page shows.
  }
  fragment.delete(PARAMETER);
  const rest = fragment.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
}

/** The credential the host gave this tab, or `null`. */
export function hostCredential() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
