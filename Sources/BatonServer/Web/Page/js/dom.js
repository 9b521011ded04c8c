// Small helpers for building DOM without a framework.

/**
 * Creates an element: `h('p', { class: 'text-sm', 'data-state': 'pending' }, 'text', child)`.
 * Attributes whose value is `null`, `undefined` or `false` are left out; `true` sets an empty attribute.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Sets `element.hidden` and returns the element. */
export function show(element, visible) {
  element.hidden = !visible;
  return element;
}

/** A string usable inside an id attribute. */
export function idPart(text) {
  return String(text).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** An http(s) URL inside prose; trailing punctuation (`.`, `;`, `)`…) is left out by `linkify`. */
const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/**
 * `text` as nodes for `element.append(...)`: plain text as text nodes, every http(s) URL in it as a link that opens
 * in a new tab. Server text never goes through innerHTML.
 */
export function linkify(text, { linkClass = '' } = {}) {
  const nodes = [];
  let from = 0;
  for (const match of String(text).matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    if (!url.includes('.', url.indexOf('//'))) continue;
    if (match.index > from) nodes.push(document.createTextNode(text.slice(from, match.index)));
    nodes.push(h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: linkClass }, url));
    from = match.index + url.length;
  }
  if (from < text.length) nodes.push(document.createTextNode(text.slice(from)));
  return nodes;
}
