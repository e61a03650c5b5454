// Forms inside a sandboxed <iframe>. A frame sandboxed without allow-forms
// (the README's snippet gives only allow-scripts and allow-downloads) blocks
// every form submission — and it does so before the "submit" event fires, so
// the page's own submit handlers, which never navigate (they cancel the event
// and compute), would not run at all: 保存 in the case form, 计算, and the
// buttons of every <dialog> (a <form method="dialog">) would do nothing.
//
// In a frame, this module does in script what the submission would have
// done: a click on a submit button, or Enter in a single-line field, is
// cancelled and a cancelable "submit" event is dispatched at the form instead
// (the handlers run as usual), and a dialog form closes its dialog with the
// button's value. It behaves the same whether or not the frame allows forms.
// A top-level page (served or file://) keeps the browser's own submission.

const TEXT_TYPES = new Set(["text", "search", "url", "tel", "email", "password", "number", "date", "time", "datetime-local", "month", "week"]);

function isSubmitButton(node) {
  return (node instanceof HTMLButtonElement || node instanceof HTMLInputElement) && node.type === "submit";
}

function submit(form, submitter) {
  const method = (submitter?.getAttribute("formmethod") || form.getAttribute("method") || "").toLowerCase();
  if (method === "dialog") {
    form.closest("dialog")?.close(submitter?.value ?? "");
    return;
  }
  form.dispatchEvent(new SubmitEvent("submit", { bubbles: true, cancelable: true, submitter: submitter ?? null }));
}

/** Installs the stand-in for form submission when the page is in a frame; returns whether it did. */
export function installFrameForms(doc = document) {
  const view = doc.defaultView;
  if (!view || view.parent === view) return false;

  doc.addEventListener("click", (event) => {
    if (event.defaultPrevented) return;
    const button = event.target instanceof Element ? event.target.closest("button, input") : null;
    if (!button || !isSubmitButton(button) || button.disabled || !button.form) return;
    event.preventDefault();
    submit(button.form, button);
  });

  doc.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.key !== "Enter" || event.isComposing || event.keyCode === 229) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || !TEXT_TYPES.has(field.type) || !field.form) return;
    const form = field.form;
    const submitters = [...form.elements].filter(isSubmitButton);
    const fields = [...form.elements].filter((e) => e instanceof HTMLInputElement && TEXT_TYPES.has(e.type));
    // The browser's implicit submission: by the default (first) submit button, or a lone field.
    if (submitters.length ? submitters[0].disabled : fields.length !== 1) return;
    event.preventDefault();
    submit(form, submitters[0] ?? null);
  });
  return true;
}
