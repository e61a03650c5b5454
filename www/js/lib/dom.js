// Small DOM helpers. Text always goes in through textContent.

/**
 * el("p", { class: "x", id: "y", hidden: true }, "text", childNode, ...)
 * Attribute values of false/null/undefined are left out; true sets an empty
 * attribute. Children may be strings (added as text) or nodes.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing element #${id}`);
  return node;
}

/** Show `message` in an error paragraph (or hide it when empty) and mark the inputs. */
export function setError(errorNode, message, inputs = []) {
  const text = message ? String(message) : "";
  errorNode.textContent = text;
  errorNode.hidden = !text;
  for (const input of inputs) {
    if (!input) continue;
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
}

/** Run `fn` once input has paused for `ms` milliseconds. */
export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
