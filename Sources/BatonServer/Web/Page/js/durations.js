// Durations for people: the elapsed time of a running action ("12 s", "1:23", "1:02:03") and the time left before
// it gives up ("40 s", "4 min", "2 h"). Both come from server timestamps read with the browser's clock.

/** Whole seconds from the ISO-8601 instant `since` to `now` (ms), never negative; `null` without a valid instant. */
export function secondsSince(since, now = Date.now()) {
  const at = typeof since === 'string' ? Date.parse(since) : NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((now - at) / 1000));
}

/** Whole seconds from `now` (ms) to the ISO-8601 instant `until`, never negative; `null` without a valid instant. */
export function secondsUntil(until, now = Date.now()) {
  const at = typeof until === 'string' ? Date.parse(until) : NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "12 s" under a minute, then "1:23", then "1:02:03". */
export function formatElapsed(seconds) {
  if (seconds < 60) return `${seconds} s`;
  const pad = (value) => String(value).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}

/** "40 s" under a minute, "4 min" under two hours (rounded up), then "3 h". */
export function formatRemaining(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** An ISO-8601 duration for `<time datetime>`: `PT83S`. */
export function isoDuration(seconds) {
  return `PT${seconds}S`;
}
