// The editable list of office-hours sessions (办公时间).

import { el, setError } from "../lib/dom.js";
import { onLanguageChange, t } from "../lib/i18n.js";

export const DEFAULT_SESSIONS = [
  ["09:00", "12:00"],
  ["14:00", "18:00"],
];

let serial = 0;

export function createSessions({ list, addButton, resetButton, error }, onChange) {
  const rows = [];

  function renumber() {
    rows.forEach((row, i) => {
      const n = i + 1;
      row.title.textContent = t("hours.session", { n });
      row.remove.setAttribute("aria-label", t("hours.removeAria", { n }));
      row.remove.disabled = rows.length === 1;
    });
  }

  function timeField(id, labelKey, placeholderKey, value, describedBy) {
    const input = el("input", {
      id,
      type: "text",
      class: "time",
      inputmode: "numeric",
      autocomplete: "off",
      spellcheck: "false",
      maxlength: "5",
      placeholder: t(placeholderKey),
      "data-i18n-placeholder": placeholderKey,
      "aria-describedby": describedBy,
    });
    input.value = value;
    return { wrap: el("div", { class: "inline-field" }, el("label", { for: id, "data-i18n": labelKey }, t(labelKey)), input), input };
  }

  function add([from, to] = ["", ""], { focus = false } = {}) {
    const id = `session-${++serial}`;
    const from_ = timeField(`${id}-from`, "hours.from", "hours.from.placeholder", from, error.id);
    const to_ = timeField(`${id}-to`, "hours.to", "hours.to.placeholder", to, error.id);
    const title = el("span", { class: "row-title" });
    const remove = el("button", { type: "button", class: "btn btn-link btn-danger", "data-i18n": "hours.remove" }, t("hours.remove"));
    const li = el("li", { class: "session-row", id }, title, from_.wrap, to_.wrap, remove);
    const row = { li, title, remove, from: from_.input, to: to_.input };
    rows.push(row);

    remove.addEventListener("click", () => {
      if (rows.length === 1) return;
      const i = rows.indexOf(row);
      rows.splice(i, 1);
      li.remove();
      renumber();
      (rows[i] ?? rows[i - 1]).from.focus();
      onChange({ immediate: true });
    });
    for (const input of [row.from, row.to]) {
      input.addEventListener("input", () => onChange({ immediate: false }));
      input.addEventListener("change", () => onChange({ immediate: true }));
    }
    list.append(li);
    renumber();
    if (focus) row.from.focus();
    return row;
  }

  function reset() {
    for (const row of rows.splice(0)) row.li.remove();
    for (const pair of DEFAULT_SESSIONS) add(pair);
  }

  addButton.addEventListener("click", () => add(["", ""], { focus: true }));
  resetButton.addEventListener("click", () => {
    reset();
    onChange({ immediate: true });
  });

  reset();
  // The labels follow the language (data-i18n); the numbered ones are written here.
  onLanguageChange(renumber);

  return {
    /**
     * { sessions: [{ pair: ["09:00","12:00"], inputs }, ...] } or { problem: message, inputs }.
     * Rows left entirely empty are ignored.
     */
    read() {
      const sessions = [];
      for (const [i, row] of rows.entries()) {
        const from = row.from.value.trim();
        const to = row.to.value.trim();
        if (!from && !to) continue;
        if (!from || !to) {
          return { problem: t("errors.sessionIncomplete", { n: i + 1 }), inputs: [from ? row.to : row.from] };
        }
        sessions.push({ pair: [from, to], inputs: [row.from, row.to] });
      }
      if (sessions.length === 0) return { problem: t("errors.sessionsEmpty"), inputs: [rows[0].from] };
      return { sessions };
    },
    inputs() {
      return rows.flatMap((row) => [row.from, row.to]);
    },
    clearErrors() {
      setError(error, "", this.inputs());
    },
    setError(message, inputs = this.inputs()) {
      setError(error, message, inputs);
    },
  };
}
