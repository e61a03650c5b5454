// The editable list of 停止计时 periods (suspensions of the clock).

import { el, setError } from "./dom.js";
import { t } from "./i18n.js";

let serial = 0;

/**
 * @param {object} nodes  { list, empty, addButton, datalist, error }
 * @param {() => void} onChange  called after any edit (typing, adding, removing)
 */
export function createStops({ list, empty, addButton, datalist, error }, onChange) {
  const rows = [];

  for (const reason of t("stops.reasons")) datalist.append(el("option", { value: reason }));

  function renumber() {
    rows.forEach((row, i) => {
      const n = i + 1;
      row.title.textContent = t("stops.item", { n });
      row.remove.setAttribute("aria-label", t("stops.removeAria", { n }));
    });
    empty.hidden = rows.length > 0;
  }

  function field(id, labelKey, placeholderKey, extra = {}) {
    const input = el("input", {
      id,
      type: "text",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: t(placeholderKey),
      ...extra,
    });
    const wrap = el("div", { class: "field" }, el("label", { for: id }, t(labelKey)), input);
    return { wrap, input };
  }

  function add(values = {}, { focus = false } = {}) {
    const id = `stop-${++serial}`;
    const errorId = `${id}-error`;
    const start = field(`${id}-start`, "stops.start", "stops.start.placeholder", { "aria-describedby": errorId });
    const end = field(`${id}-end`, "stops.end", "stops.end.placeholder", { "aria-describedby": errorId });
    const reason = field(`${id}-reason`, "stops.reason", "stops.reason.placeholder", { list: datalist.id });
    start.input.value = values.start ?? "";
    end.input.value = values.end ?? "";
    reason.input.value = values.reason ?? "";

    const title = el("span", { class: "row-title" });
    const remove = el("button", { type: "button", class: "btn btn-link btn-danger" }, t("stops.remove"));
    const rowError = el("p", { id: errorId, class: "field-error", role: "alert", hidden: true });
    const li = el(
      "li",
      { class: "stop-row", id },
      el("div", { class: "row-head" }, title, remove),
      el("div", { class: "row-fields" }, start.wrap, end.wrap, reason.wrap),
      rowError,
    );
    const row = { li, title, remove, rowError, start: start.input, end: end.input, reason: reason.input };
    rows.push(row);

    remove.addEventListener("click", () => {
      const i = rows.indexOf(row);
      rows.splice(i, 1);
      li.remove();
      renumber();
      const next = rows[i] ?? rows[i - 1];
      (next ? next.start : addButton).focus();
      onChange({ immediate: true });
    });
    for (const input of [row.start, row.end, row.reason]) {
      input.addEventListener("input", () => onChange({ immediate: false }));
      input.addEventListener("change", () => onChange({ immediate: true }));
    }

    list.append(li);
    renumber();
    if (focus) row.start.focus();
    return row;
  }

  addButton.addEventListener("click", () => {
    add({}, { focus: true });
    // An empty new row changes nothing, so no recalculation yet.
  });

  return {
    add,
    /** Non-empty rows as { n (row number), start, end, reason, row }, values trimmed. */
    read() {
      return rows
        .map((row, i) => ({
          n: i + 1,
          start: row.start.value.trim(),
          end: row.end.value.trim(),
          reason: row.reason.value.trim(),
          row,
        }))
        .filter((s) => s.start || s.end || s.reason);
    },
    /** Show `message` under a row and mark `inputs` of it (default: start and end). */
    setRowError(row, message, inputs = [row.start, row.end]) {
      setError(row.rowError, message, inputs);
    },
    clearErrors() {
      for (const row of rows) setError(row.rowError, "", [row.start, row.end]);
      setError(error, "");
    },
    setError(message) {
      setError(error, message);
    },
  };
}
