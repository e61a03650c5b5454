// The bar above the data views: which dataset is shown (the built-in sample
// is labelled as such; data restored from the last visit says when it was
// saved) and the evaluation instant (评估时点) for open cases.

import { localTime } from "../views/import/data-panel.js";
import { byId, setError } from "../lib/dom.js";
import { language, t } from "../lib/i18n.js";
import { effectiveAsOf, getState, setAsOf } from "../core/state.js";

/** @param restoredAt  ISO instant of the autosave the page started from, or null */
export function createDataBar(evaluation, { restoredAt = null } = {}) {
  const bar = byId("data-bar");
  const restored = byId("data-restored");
  let restoredWhen = restoredAt;
  const banner = byId("sample-banner");
  const label = byId("sample-label");
  const bannerText = byId("sample-banner-text");
  const dropSample = byId("sample-drop");
  dropSample.addEventListener("click", async () => {
    dropSample.disabled = true;
    try {
      await evaluation.workspace.dropSample();
    } finally {
      dropSample.disabled = false;
    }
  });
  const input = byId("as-of");
  const error = byId("as-of-error");
  const nowNote = byId("as-of-now");

  /** An evaluation instant the core refused as typed (the state keeps the last good one). */
  let refused = null;
  function apply() {
    try {
      setAsOf(input.value.trim());
      refused = null;
    } catch (failure) {
      refused = { message: failure?.message ?? String(failure) };
    }
    showError();
  }
  function showError() {
    const failure = refused ?? evaluation.failure();
    setError(error, failure && (failure === refused || failure.field === "asOf") ? failure.message : "", [input]);
  }
  input.addEventListener("change", apply);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      apply();
    }
  });

  return {
    /** Shows or hides the bar and brings it up to date with the state. */
    update(visible) {
      bar.hidden = !visible;
      const { source, asOf } = getState();
      // All sample: 示例数据; sample and the user's own together: 含示例数据, with a way to drop it;
      // the user's own only: nothing.
      const sample = source?.kind === "sample";
      const mixed = source?.kind === "mixed";
      restored.hidden = !restoredWhen;
      restored.textContent = restoredWhen ? t("data.restored", { when: localTime(restoredWhen) }) : "";
      banner.hidden = !sample && !mixed;
      bannerText.dataset.i18n = mixed ? "data.mixed.banner" : "data.sample.banner";
      bannerText.textContent = t(bannerText.dataset.i18n);
      dropSample.hidden = !mixed;
      const name = sample || mixed ? (language() === "en" ? source.labelEn : source.labelZh) : "";
      label.textContent = sample ? t("data.sample.label", { label: name }) : mixed ? t("data.mixed.label", { label: name }) : "";
      if (document.activeElement !== input && !refused) input.value = asOf;
      // Real data with no instant set: open cases are evaluated now, and the bar says so.
      const used = effectiveAsOf();
      nowNote.hidden = !used.followsNow;
      nowNote.textContent = used.followsNow ? t("data.asOf.now", { when: used.text }) : "";
      showError();
    },
    /** The data was cleared or replaced: the restored line no longer applies. */
    forgetRestored() {
      restoredWhen = null;
      restored.hidden = true;
    },
  };
}
