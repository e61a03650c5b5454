// A confirmation asked in a real <dialog> (modal, keyboard operable, Esc
// cancels), never with window.confirm().

import { el } from "../lib/dom.js";

let counter = 0;

/**
 * Shows a modal dialog; resolves to the `value` of the button chosen, or
 * null when it was cancelled (Esc or the cancel button).
 *
 * @param title    heading text
 * @param message  text, or an array of texts (one paragraph each)
 * @param buttons  [{ value, label, kind: "primary" | "secondary" | "danger" }];
 *                 the first is focused. A cancel button is added last.
 * @param cancelLabel  text of the cancel button
 */
export function ask({ title, message, buttons, cancelLabel, id = null }) {
  counter += 1;
  const titleId = `dialog-title-${counter}`;
  const bodyId = `dialog-body-${counter}`;
  const paragraphs = (Array.isArray(message) ? message : [message]).filter(Boolean);
  const choices = buttons.map((b) =>
    el("button", { type: "submit", value: b.value, class: `btn btn-${b.kind ?? "secondary"}`, "data-value": b.value }, b.label),
  );
  const cancel = el("button", { type: "submit", value: "", class: "btn btn-secondary", "data-value": "" }, cancelLabel);
  const dialog = el(
    "dialog",
    { class: "confirm-dialog", id, "aria-labelledby": titleId, "aria-describedby": bodyId },
    el(
      "form",
      { method: "dialog" },
      el("h2", { id: titleId, class: "dialog-title" }, title),
      el("div", { id: bodyId, class: "dialog-body" }, ...paragraphs.map((p) => el("p", {}, p))),
      el("div", { class: "btn-row dialog-actions" }, ...choices, cancel),
    ),
  );
  document.body.append(dialog);
  // Tab and Shift+Tab go round the dialog's buttons (the page behind is inert;
  // this keeps focus from leaving for the browser's own controls as well).
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    const stops = [...dialog.querySelectorAll("button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])")].filter(
      (node) => !node.disabled && !node.hidden,
    );
    if (!stops.length) return;
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      first.focus();
    }
  });
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const value = dialog.returnValue;
      dialog.remove();
      if (opener && typeof opener.focus === "function" && opener.isConnected) opener.focus();
      resolve(value ? value : null);
    });
    dialog.showModal();
    choices[0]?.focus();
  });
}
