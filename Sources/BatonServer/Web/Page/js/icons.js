// Baton's status icons, drawn as inline SVG. Every icon carries a text label (role="img" + aria-label + <title>)
// and a data-icon attribute naming it, so tests and tools can find them.

const SVG = 'http://www.w3.org/2000/svg';

function svg(name, label, classes, parts) {
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 20 20');
  icon.setAttribute('role', 'img');
  icon.setAttribute('aria-label', label);
  icon.setAttribute('data-icon', name);
  icon.setAttribute('class', `size-5 shrink-0 ${classes}`);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = label;
  icon.append(title);
  for (const [tag, attributes] of parts) {
    const part = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes)) part.setAttribute(key, value);
    icon.append(part);
  }
  return icon;
}

/** A green disc with a check mark: completed. */
export function checkIcon(label = 'Completed') {
  return svg('check', label, 'text-emerald-600', [
    ['circle', { cx: '10', cy: '10', r: '9', fill: 'currentColor' }],
    ['path', { d: 'm6 10.4 2.6 2.6L14 7.4', fill: 'none', stroke: '#fff', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }],
  ]);
}

/** An amber ring with a turning arc: in progress (animated). */
export function spinnerIcon(label = 'In progress') {
  return svg('spinner', label, 'text-amber-500 animate-spin motion-reduce:animate-[spin_3s_linear_infinite]', [
    ['circle', { cx: '10', cy: '10', r: '7.5', fill: 'none', stroke: 'currentColor', 'stroke-opacity': '0.25', 'stroke-width': '2.5' }],
    ['path', { d: 'M10 2.5a7.5 7.5 0 0 1 7.5 7.5', fill: 'none', stroke: 'currentColor', 'stroke-width': '2.5', 'stroke-linecap': 'round' }],
  ]);
}

/** A still amber ring half filled: an app whose steps are under way (its running step has the spinner). */
export function partialIcon(label = 'In progress') {
  return svg('partial', label, 'text-amber-500', [
    ['circle', { cx: '10', cy: '10', r: '7.5', fill: 'none', stroke: 'currentColor', 'stroke-width': '2.5' }],
    ['path', { d: 'M10 5a5 5 0 0 1 0 10z', fill: 'currentColor' }],
  ]);
}

/** A small gray dot: not started. */
export function dotIcon(label = 'Not started') {
  return svg('dot', label, 'text-slate-300', [
    ['circle', { cx: '10', cy: '10', r: '4', fill: 'currentColor' }],
  ]);
}

/** A red disc with a cross: failed. */
export function crossIcon(label = 'Failed') {
  return svg('cross', label, 'text-red-600', [
    ['circle', { cx: '10', cy: '10', r: '9', fill: 'currentColor' }],
    ['path', { d: 'm7 7 6 6m0-6-6 6', fill: 'none', stroke: '#fff', 'stroke-width': '2', 'stroke-linecap': 'round' }],
  ]);
}

/** A gray ring struck through: canceled. */
export function canceledIcon(label = 'Canceled') {
  return svg('canceled', label, 'text-slate-400', [
    ['circle', { cx: '10', cy: '10', r: '7.5', fill: 'none', stroke: 'currentColor', 'stroke-width': '2' }],
    ['path', { d: 'm5 15 10-10', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round' }],
  ]);
}

/** A decorative 20×20 icon (hidden from assistive technology) drawn as round-ended 2px strokes along `paths`. */
function strokedIcon(classes, paths) {
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 20 20');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('class', classes);
  for (const d of paths) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '2');
    path.setAttribute('stroke-linecap', 'round');
    path.setAttribute('stroke-linejoin', 'round');
    icon.append(path);
  }
  return icon;
}

/** A chevron for expandable rows; it turns with the `group-aria-expanded` variant of its button. */
export function chevronIcon() {
  return strokedIcon('size-4 shrink-0 text-slate-400 transition-transform group-aria-expanded:rotate-90', ['m8 5 5 5-5 5']);
}

/** A small arrow out of a box, after links that open in a new tab (decorative: the link says so in words). */
export function externalIcon() {
  return strokedIcon('size-3 shrink-0', ['M11 4h5v5', 'm16 4-7 7', 'M14 12v3a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h3']);
}

/** The icon for an action or app state. Apps under way get the still `partial` icon so only the running step spins. */
export function stateIcon(state, { forApp = false } = {}) {
  switch (state) {
    case 'succeeded': return checkIcon();
    case 'running': return forApp ? partialIcon() : spinnerIcon();
    case 'failed': return crossIcon();
    case 'canceled': return canceledIcon();
    default: return dotIcon();
  }
}
