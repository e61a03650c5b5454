// An editable list of rows of text inputs: the 停止计时 periods of the
// calculator and of a case, the parallel steps of a case, its fee items.

import { el, setError } from "../lib/dom.js";
import { onLanguageChange, t } from "../lib/i18n.js";

let serial = 0;

/**
 * @param {object} nodes  { list (ol), empty (p shown when there is no row), addButton }
 * @param {object} spec   { prefix (id prefix, e.g. "stop"), fields: [{ key, labelKey,
 *                        placeholderKey?, list? (datalist id), inputmode? }],
 *                        titleKey ("第 {n} 项"), removeKey, removeAriaKey ({n}),
 *                        decorate? ((input, field) → nodes placed beside the input, e.g. a date picker) }
 * @param {(how: { immediate: boolean }) => void} onChange  after any edit
 */
export function createRowList({ list, empty, addButton }, spec, onChange = () => {}) {
  const rows = [];

  function renumber() {
    rows.forEach((row, i) => {
      const n = i + 1;
      row.n = n;
      row.title.textContent = t(spec.titleKey, { n });
      row.remove.setAttribute("aria-label", t(spec.removeAriaKey, { n }));
    });
    if (empty) empty.hidden = rows.length > 0;
  }

  function add(values = {}, { focus = false } = {}) {
    const id = `${spec.prefix}-${++serial}`;
    const errorId = `${id}-error`;
    const inputs = {};
    const wraps = spec.fields.map((f) => {
      const input = el("input", {
        id: `${id}-${f.key}`,
        type: "text",
        autocomplete: "off",
        spellcheck: "false",
        placeholder: f.placeholderKey ? t(f.placeholderKey) : null,
        "data-i18n-placeholder": f.placeholderKey ?? null,
        list: f.list ?? null,
        inputmode: f.inputmode ?? null,
        "aria-describedby": errorId,
      });
      input.value = values[f.key] === undefined || values[f.key] === null ? "" : String(values[f.key]);
      inputs[f.key] = input;
      const beside = spec.decorate?.(input, f) ?? [];
      const control = beside.length ? el("div", { class: "date-entry" }, input, ...beside) : input;
      return el("div", { class: "field" }, el("label", { for: input.id, "data-i18n": f.labelKey }, t(f.labelKey)), control);
    });

    const title = el("span", { class: "row-title" });
    const remove = el("button", { type: "button", class: "btn btn-link btn-danger", "data-i18n": spec.removeKey }, t(spec.removeKey));
    const rowError = el("p", { id: errorId, class: "field-error", role: "alert", hidden: true });
    const li = el(
      "li",
      { class: "stop-row", id },
      el("div", { class: "row-head" }, title, remove),
      el("div", { class: `row-fields row-fields-${spec.fields.length}` }, ...wraps),
      rowError,
    );
    const row = { id, li, title, remove, rowError, inputs, n: 0 };
    rows.push(row);

    remove.addEventListener("click", () => {
      const i = rows.indexOf(row);
      rows.splice(i, 1);
      li.remove();
      renumber();
      const next = rows[i] ?? rows[i - 1];
      (next ? next.inputs[spec.fields[0].key] : addButton).focus();
      onChange({ immediate: true });
    });
    for (const input of Object.values(inputs)) {
      input.addEventListener("input", () => onChange({ immediate: false }));
      input.addEventListener("change", () => onChange({ immediate: true }));
    }

    list.append(li);
    renumber();
    if (focus) inputs[spec.fields[0].key].focus();
    return row;
  }

  // The labels follow the language (data-i18n); the numbered ones are written here.
  // A list no longer on the page (a case form built again) stops listening.
  const stopListening = onLanguageChange(() => {
    if (list.isConnected) renumber();
    else stopListening();
  });

  addButton.addEventListener("click", () => {
    add({}, { focus: true });
    // An empty new row changes nothing, so there is nothing to recalculate yet.
  });

  function allInputs(row) {
    return Object.values(row.inputs);
  }

  return {
    add,
    /** Non-empty rows as { n (row number), values: { key: trimmed text }, row }. */
    read() {
      return rows
        .map((row) => ({
          n: row.n,
          values: Object.fromEntries(Object.entries(row.inputs).map(([k, input]) => [k, input.value.trim()])),
          row,
        }))
        .filter((r) => Object.values(r.values).some(Boolean));
    },
    /** Removes every row. */
    clear() {
      for (const row of rows.splice(0)) row.li.remove();
      renumber();
    },
    /** Show `message` under a row and mark `inputs` of it (default: all of the row's). */
    setRowError(row, message, inputs = allInputs(row)) {
      setError(row.rowError, message, inputs);
    },
    clearErrors() {
      for (const row of rows) setError(row.rowError, "", allInputs(row));
    },
    get length() {
      return rows.length;
    },
  };
}
