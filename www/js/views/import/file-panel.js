// The import view's file panel: the indicator the ledger is for, the file (picked or dropped),
// the progress of the reading with its cancel, and the error and status lines.

import { el } from "../../lib/dom.js";
import { nameOf } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";

/** The stages of an import, in order; the progress bar shows how far it got. */
export const STAGES = ["read", "parse", "evaluate", "done"];

/** The files the picker offers. */
const ACCEPT = ".xlsx,.xlsm,.csv,.txt,.tsv,.json";

/** The file name an export gets: "1.1-企业开办时间-评估结果.xlsx". */
export function exportFileName(report, ext) {
  return t("export.fileName", { id: report.indicatorId, name: nameOf(report), ext });
}

/** The stages of an export. */
export const EXPORT_STAGES = ["export", "done"];

/**
 * A progress bar of stages (role="progressbar", value = stages reached) with
 * a cancel button. Honest: it moves when the worker reports a stage, never by
 * a timer. `start(stages)` sets the stages of the next piece of work.
 */
export function createStageProgress({ id, label, onCancel }) {
  const list = el("ol", { class: "stage-list" });
  const bar = el(
    "div",
    { class: "stage-bar", role: "progressbar", id: `${id}-bar`, "aria-label": t(label), "data-i18n-aria-label": label, "aria-valuemin": "0", "aria-valuemax": "0", "aria-valuenow": "0" },
    list,
  );
  const text = el("p", { class: "stage-text", id: `${id}-text`, "aria-live": "polite" });
  const cancel = el("button", { type: "button", class: "btn btn-secondary btn-small", id: `${id}-cancel`, "data-i18n": "import.cancel" }, t("import.cancel"));
  cancel.addEventListener("click", onCancel);
  const box = el("div", { class: "stage-progress no-print", id, hidden: true }, bar, el("div", { class: "stage-foot" }, text, cancel));
  let stages = [];
  let items = [];
  let reachedStage = null;

  function start(list_) {
    stages = list_;
    items = stages.map((stage) => el("li", { class: "stage", "data-stage": stage, "data-i18n": `stage.${stage}` }, t(`stage.${stage}`)));
    list.replaceChildren(...items);
    bar.setAttribute("aria-valuemax", String(stages.length));
  }

  function set(stage) {
    const at = stages.indexOf(stage);
    if (at < 0) return;
    reachedStage = stage;
    const finished = stage === "done";
    items.forEach((item, i) => {
      item.classList.toggle("is-done", i < at || (finished && i <= at));
      item.classList.toggle("is-current", i === at && !finished);
      if (i === at && !finished) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    const reached = finished ? stages.length : at + 1;
    bar.setAttribute("aria-valuenow", String(reached));
    bar.setAttribute("aria-valuetext", t("stage.valueText", { stage: t(`stage.${stage}`), n: reached, total: stages.length }));
    bar.dataset.stage = stage;
    box.dataset.stage = stage;
    text.textContent = finished ? t("stage.finished") : t("stage.working", { stage: t(`stage.${stage}`) });
    cancel.hidden = finished;
    box.hidden = false;
  }

  return {
    box,
    start,
    set,
    hide() {
      box.hidden = true;
    },
    /** Writes the texts of the stage reached again (after a change of language). */
    relabel() {
      if (reachedStage && !box.hidden) set(reachedStage);
    },
  };
}

/**
 * The panel. `onFile(file)` is called with a file picked or dropped on `dropTarget` (attached by
 * `listenForDrops`); `onCancel` when the progress bar's cancel is pressed.
 */
export function createFilePanel({ evaluation, onFile, onCancel }) {
  // Fixed texts carry their key (data-i18n): applyI18n() writes them again in another language.
  const heading = el("h2", { id: "import-heading", tabindex: "-1", "data-i18n": "import.heading" }, t("import.heading"));

  const indicatorSelect = el("select", { id: "import-indicator", "aria-describedby": "import-indicator-hint" });
  /** The indicators, grouped by topic, in the page language (the choice is kept). */
  function fillIndicators() {
    const chosen = indicatorSelect.value;
    const groups = evaluation.catalog.topics.map((topic) => {
      const group = el("optgroup", { label: t("dashboard.topic.name", { id: topic.id, name: nameOf(topic) }) });
      for (const ind of evaluation.catalog.indicators.filter((i) => i.topic === topic.id)) {
        group.append(el("option", { value: ind.id }, t("indicator.option", { id: ind.id, name: nameOf(ind) })));
      }
      return group;
    });
    indicatorSelect.replaceChildren(el("option", { value: "" }, t("import.indicator.choose")), ...groups);
    indicatorSelect.value = chosen;
  }
  fillIndicators();
  const fileInput = el("input", { type: "file", id: "import-file", accept: ACCEPT, "aria-describedby": "import-file-hint" });
  const drop = el(
    "div",
    { class: "drop-zone", id: "import-drop" },
    el("div", { class: "field" }, el("label", { for: "import-file", "data-i18n": "import.file" }, t("import.file")), fileInput),
    el("p", { class: "hint", id: "import-file-hint", "data-i18n": "import.file.hint" }, t("import.file.hint")),
    el("p", { class: "drop-hint", "aria-hidden": "true", "data-i18n": "import.drop" }, t("import.drop")),
  );
  const progress = createStageProgress({ id: "import-progress", label: "import.progress", onCancel });
  const errorBox = el("div", { class: "notice notice-error", id: "import-error", role: "alert", hidden: true });
  const statusLine = el("p", { class: "form-status", id: "import-status", role: "status" });

  // A plain box: the view itself is the region named by the heading.
  const pickCard = el(
    "div",
    { class: "card" },
    heading,
    el("p", { class: "card-desc", "data-i18n": "import.desc" }, t("import.desc")),
    el(
      "div",
      { class: "field-row" },
      el(
        "div",
        { class: "field" },
        el("label", { for: "import-indicator", "data-i18n": "import.indicator" }, t("import.indicator")),
        indicatorSelect,
        el("p", { class: "hint", id: "import-indicator-hint", "data-i18n": "import.indicator.hint" }, t("import.indicator.hint")),
      ),
    ),
    drop,
    progress.box,
    errorBox,
    statusLine,
  );


  function showError(message) {
    errorBox.replaceChildren(...(message ? [el("p", {}, message)] : []));
    errorBox.hidden = !message;
  }

  fileInput.addEventListener("change", () => {
    const picked = fileInput.files?.[0];
    onFile(picked);
    // The same file can be chosen again (after it was changed in Excel).
    fileInput.value = "";
  });

  /** A file dragged anywhere over `target` (the whole view) can be dropped there. */
  function listenForDrops(target) {
    for (const type of ["dragenter", "dragover"]) {
      target.addEventListener(type, (event) => {
        if (![...(event.dataTransfer?.types ?? [])].includes("Files")) return;
        event.preventDefault();
        drop.classList.add("is-over");
      });
    }
    target.addEventListener("dragleave", (event) => {
      if (!target.contains(event.relatedTarget)) drop.classList.remove("is-over");
    });
    target.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("is-over");
      onFile(event.dataTransfer?.files?.[0]);
    });
  }

  return { card: pickCard, heading, indicatorSelect, fillIndicators, progress, statusLine, showError, listenForDrops };
}
