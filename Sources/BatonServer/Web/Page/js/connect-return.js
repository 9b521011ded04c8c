// The return from a provider's consent page. The server's callback sends the browser back to the page as
// `/?connected=github` or `/?connect_error=<code>&provider=github`; the page takes that from the query, says what
// happened, and removes it from the address bar at once (a reload or a bookmark must not say it again).

const PARAMETERS = ['connected', 'connect_error', 'provider'];
const PROVIDERS = { github: 'GitHub', vercel: 'Vercel' };

/** What the callback's error codes mean, in words; any other code is shown as it is. */
const REASONS = {
  access_denied: 'access was denied on its page',
  state_mismatch: 'the sign-in expired or was started in another tab',
  exchange_failed: 'it did not accept the sign-in',
};

/** The name people know `provider` by (`github` → `GitHub`). */
export function providerName(provider) {
  return PROVIDERS[provider] ?? provider;
}

/**
 * Takes the outcome of a connection from the query, if there is one, and removes it from the address bar.
 * Returns `{provider, error}` (`error` is the callback's code, or `null` when the connection succeeded), or `null`.
 */
export function takeConnectReturn(location = window.location, history = window.history) {
  const query = new URLSearchParams(location.search);
  const connected = query.get('connected');
  const error = query.get('connect_error');
  if (connected === null && error === null) return null;
  const outcome = error === null
    ? { provider: connected, error: null }
    : { provider: query.get('provider') ?? '', error: error || 'unknown_error' };
  for (const name of PARAMETERS) query.delete(name);
  const rest = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  return outcome;
}

/** A sentence saying how the connection of `outcome` (from `takeConnectReturn`) went. */
export function describeConnectReturn({ provider, error }) {
  const name = provider ? providerName(provider) : 'The provider';
  if (error === null) return `${name} is connected.`;
  const reason = REASONS[error] ?? `the error was ${error}`;
  return `${name} was not connected: ${reason}. Try again with its Connect button.`;
}
