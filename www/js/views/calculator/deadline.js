// 期限计算: the instant at which N working days after the start run out.

import { attempt } from "../../core/api.js";
import { byId, debounce, el, setError } from "../../lib/dom.js";
import { instant } from "../../lib/format.js";
import { language, t } from "../../lib/i18n.js";

/** @param onDeadline called with the core's deadline ("YYYY-MM-DDTHH:MM") or null, after each update */
export function createDeadline(api, onDeadline = () => {}) {
  const daysInput = byId("deadline-days");
  const error = byId("deadline-error");
  const note = byId("deadline-note");
  const output = byId("deadline-result");
  const from = byId("deadline-from");
  const warnings = byId("deadline-warnings");
  let last = null;

  function show(text, value = "", warningList = []) {
    onDeadline(value || null);
    output.textContent = text;
    if (value) output.dataset.value = value;
    else delete output.dataset.value;
    from.textContent = value && last ? t("deadline.from", { start: last.start }) : "";
    warnings.replaceChildren(...warningList.map((w) => el("li", {}, w)));
    warnings.hidden = warningList.length === 0;
  }

  function update(state = last) {
    last = state;
    if (!state) return;
    setError(error, "", [daysInput]);
    note.textContent = "";
    note.hidden = true;

    const text = daysInput.value.trim();
    const days = Number(text);
    if (!text || !Number.isFinite(days)) {
      setError(error, t("errors.deadlineDays"), [daysInput]);
      show(t("results.empty"));
      return;
    }
    if (!state.startOk || !state.optionsOk) {
      const key = !state.start ? "errors.startRequired" : !state.startOk ? "errors.fixStartFirst" : "errors.fixAboveFirst";
      note.textContent = t(key);
      note.hidden = false;
      show(t("results.empty"));
      return;
    }
    const r = attempt(() => api.deadline(state.start, days, { ...state.options, lang: language() }));
    if (r.ok) {
      show(instant(r.value.deadline), r.value.deadline, r.value.warnings ?? []);
    } else {
      setError(error, r.message, [daysInput]);
      show(t("results.empty"));
    }
  }

  const later = debounce(() => update(), 400);
  daysInput.addEventListener("input", () => later());
  daysInput.addEventListener("change", () => {
    later.cancel();
    update();
  });
  daysInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      later.cancel();
      update();
    }
  });

  /** Sets the number of working days (a case's limit) and updates. */
  function setDays(days) {
    later.cancel();
    daysInput.value = String(days);
    update();
  }

  return { update, setDays };
}
