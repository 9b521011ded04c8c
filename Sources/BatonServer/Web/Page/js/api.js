// The client for Baton's HTTP API: `GET /api/catalog`, `POST /api/deploy` and the connections to the person's own
// GitHub and Vercel accounts (`/api/connections`, kept by the server behind an HttpOnly cookie the page never reads).
// A network error or a 5xx answer is retried with growing delays, and the page is told so it can show a notice.

/** The delays between attempts, in milliseconds; after the last one the error is thrown. */
export const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000];

/** An answer of Baton's API other than 2xx: `{"error":{"code","message","details"}}`. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = body && typeof body === 'object' && body.error ? body.error : {};
    super(typeof error.message === 'string' ? error.message : `The server answered with status ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof error.code === 'string' ? error.code : `http_${status}`;
    this.details = Array.isArray(error.details) ? error.details : [];
  }
}

/** The server could not be reached (or kept failing) even after every retry. */
export class ConnectionError extends Error {
  constructor(message, cause) {
    super(message);
    this.name = 'ConnectionError';
    this.cause = cause;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiClient {
  /**
   * @param {object} options
   * @param {(retry: {attempt: number, delayMs: number, reason: string}) => void} options.onRetry called before waiting to retry
   * @param {() => void} options.onRecovered called once a request succeeds (or gives up) after retries
   * @param {() => string | null} options.credential the host's credential (an API key or a JWT) that `init` and
   *   the connection requests send
   */
  constructor({ onRetry = () => {}, onRecovered = () => {}, retryDelaysMs = RETRY_DELAYS_MS, credential = () => null } = {}) {
    this.onRetry = onRetry;
    this.onRecovered = onRecovered;
    this.retryDelaysMs = retryDelaysMs;
    this.credential = credential;
  }

  /** `GET /api/catalog`: the apps and their env vars. */
  catalog() {
    return this.#request('GET', '/api/catalog');
  }

  /** `POST /api/deploy` in mode `init` with `request` (`{config, envVars, accounts?}`), authorized by the host's credential, if any. */
  initialize(request) {
    return this.#request('POST', '/api/deploy', { mode: 'init', ...request }, this.credential());
  }

  /** `GET /api/connections`: per provider, whether it can be connected and, when connected, the account and its owners or teams. */
  connections() {
    return this.#request('GET', '/api/connections', undefined, this.credential());
  }

  /** `POST /api/connections/{provider}`: starts connecting `provider`; answers `{authorizeUrl}`, where the page goes next. */
  connect(provider) {
    return this.#request('POST', `/api/connections/${encodeURIComponent(provider)}`, undefined, this.credential());
  }

  /** `DELETE /api/connections/{provider}`: the server forgets that provider's tokens. */
  disconnect(provider) {
    return this.#request('DELETE', `/api/connections/${encodeURIComponent(provider)}`, undefined, this.credential());
  }

  /** `POST /api/deploy` with `body`, authorized by `token` (every mode but `init`). */
  deploy(body, token) {
    return this.#request('POST', '/api/deploy', body, token);
  }

  async #request(method, path, body, token) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    for (let attempt = 0; ; attempt += 1) {
      let failure;
      try {
        const response = await fetch(path, {
          method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
        });
        const payload = await readJSON(response);
        if (response.ok) {
          if (attempt > 0) this.onRecovered();
          return payload;
        }
        failure = new ApiError(response.status, payload);
        if (response.status < 500) {
          if (attempt > 0) this.onRecovered();
          throw failure;
        }
      } catch (error) {
        if (error instanceof ApiError && error.status < 500) throw error;
        failure = error instanceof ApiError ? error : new ConnectionError('The server could not be reached.', error);
      }
      if (attempt >= this.retryDelaysMs.length) {
        this.onRecovered();
        throw failure instanceof ConnectionError
          ? failure
          : new ConnectionError(`The server kept failing (${failure.status}): ${failure.message}`, failure);
      }
      const base = this.retryDelaysMs[attempt];
      const delayMs = Math.round(base * (0.8 + Math.random() * 0.4));
      const reason = failure instanceof ApiError ? `the server answered ${failure.status}` : 'the network failed';
      this.onRetry({ attempt: attempt + 1, of: this.retryDelaysMs.length, delayMs, reason });
      await sleep(delayMs);
    }
  }
}

async function readJSON(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
