// 导入台账 (#/import): a ledger file (.xlsx, .csv, .txt) is read in one pass into a staged import
// of the core's Workspace (in the workspace worker: read row by row, each row filed under the
// indicator of its class and evaluated, beside the working set). The page first shows the
// preview, from the staged import's report: the table as read (and which column is which, to
// correct), how many rows would go to which indicator, every problem row (paged), and 导入这 N 件
// / 取消. Only 导入 adds the rows (commitImport: nothing evaluated again); then the result against
// the target, the cases, and 撤销导入. A corrected choice (sheet, header row, column, indicator)
// stages the file again (after a commit: the import is taken back first).

import { messageOf } from "../../core/api.js";
import { ask } from "../../widgets/dialog.js";
import { el } from "../../lib/dom.js";
import { XLSX_TYPE, CSV_TYPE, download } from "../../lib/download.js";
import { nameOf, share, signed, targetText, unitLabel, withUnit } from "../../lib/format.js";
import { language, onLanguageChange, t } from "../../lib/i18n.js";
import { getState, subscribe } from "../../core/state.js";
import { Cancelled } from "../../core/workspace-client.js";
import { alertBadge, dataTable, keepBracketsTogether, metBadge, statusBadge } from "../../widgets/common.js";

/** The stages of an import, in order; the progress bar shows how far it got. */
export const STAGES = ["read", "parse", "evaluate", "done"];

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

/** A cell of the source table as text for display (numbers as the core gave them). */
function cellText(cell) {
  if (cell === null || cell === undefined) return "";
  return String(cell);
}

export function createImportView({ api, evaluation }) {
  const { workspace } = evaluation;
  const fields = api.caseFields();
  const fieldMeta = new Map(fields.map((f) => [f.field, f]));

  // ---- markup ---------------------------------------------------------------------------
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
  const progress = createStageProgress({ id: "import-progress", label: "import.progress", onCancel: () => cancel() });
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

  const tableBox = el("div", { id: "import-table" });
  const tableCard = el(
    "section",
    { class: "card", "aria-labelledby": "import-table-heading", hidden: true, id: "import-table-card" },
    el("h3", { class: "card-title", id: "import-table-heading", "data-i18n": "import.table.heading" }, t("import.table.heading")),
    tableBox,
  );

  const resultBox = el("div", { id: "import-result" });
  // "导入预览" while staged, "导入结果" once added: set with each drawing (no data-i18n).
  const resultHeading = el("h3", { class: "card-title", id: "import-result-heading" }, t("import.result.heading"));
  const resultCard = el(
    "section",
    { class: "card", "aria-labelledby": "import-result-heading", hidden: true, id: "import-result-card" },
    resultHeading,
    resultBox,
  );

  const section = el("section", { id: "view-import", class: "view", "aria-labelledby": "import-heading", hidden: true }, pickCard, tableCard, resultCard);

  // ---- what is being imported -----------------------------------------------------------
  // One pass: the file is read into a staged import of the core's Workspace (row by row, each row
  // filed under its indicator and evaluated, the working set untouched); the preview comes from
  // its report and its problems (a page at a time). 导入 moves it into the working set
  // (commitImport), 取消 drops it (discardImport). Choosing another sheet, header row, column or
  // indicator stages the file again (an import already added is taken back first, Workspace.undo).

  /** { name, bytes: ArrayBuffer } of the file picked, or null. */
  let file = null;
  /** The choices of the user for reading the file: { sheet?, headerRow?, mapping }. */
  let tableOptions = { mapping: {} };
  /**
   * The last import's report (Workspace.stageImport, then commitImport), or null; `committed`
   * says which. `table` is its reading of the file.
   */
  let report = null;
  let table = null;
  /** Whether the import is still the last edit of the working set (only then can it be taken back alone). */
  let undoable = false;
  /** The answer to "the sample is there: drop it?", asked when the file is picked, acted on at 导入. */
  let sampleAnswer = "none";
  /** While our own import is being committed, its change to the state is not someone else's edit. */
  let committing = false;
  /** The problem rows shown (a page of Workspace.problems) and the import's cases (a page of Workspace.cases). */
  let problemPage = null;
  let casePage = null;
  /** Problem rows per page of the problem table. */
  const PROBLEM_PAGE = 100;
  /** Cases shown of the import (the indicator view pages through them all). */
  const SHOWN_CASES = 200;

  // Any edit after the import (a case typed, a delete, another import, 清除数据) sits above it on
  // the Workspace's undo stack: from then on 撤销导入 would take back that edit instead.
  subscribe((_, change) => {
    if (committing || !change) return;
    if (["case", "delete", "undo", "import", "dataset", "replace"].includes(change.type)) undoable = false;
  });

  function showError(message) {
    errorBox.replaceChildren(...(message ? [el("p", {}, message)] : []));
    errorBox.hidden = !message;
  }

  /** Stops the import while it runs (the workspace worker is restarted; nothing was changed). */
  let importAbort = null;

  function cancel() {
    importAbort?.abort();
  }

  /** The import's options: the indicator, and the sheet, header row and columns chosen. */
  function importOptions(indicatorId) {
    const options = { indicator: indicatorId, mapping: { ...tableOptions.mapping }, replace: true };
    if (tableOptions.sheet !== undefined) options.sheet = tableOptions.sheet;
    if (tableOptions.headerRow !== undefined) options.headerRow = tableOptions.headerRow;
    return options;
  }

  /** The data is the sample alone: ask whether to drop it first. null when the user cancelled. */
  async function sampleChoice() {
    if (getState().source?.kind !== "sample") return "none";
    return ask({
      id: "import-sample-dialog",
      title: t("import.sample.title"),
      message: [t("import.sample.body")],
      buttons: [
        { value: "clear", label: t("import.sample.clear"), kind: "primary" },
        { value: "keep", label: t("import.sample.keep") },
      ],
      cancelLabel: t("dialog.cancel"),
    });
  }

  /** Takes the last import back, if it is still the last edit. */
  async function takeBack() {
    if (!report || !undoable) return false;
    committing = true;
    try {
      await workspace.undo();
    } finally {
      committing = false;
    }
    undoable = false;
    return true;
  }

  /**
   * Stages the file under the indicator chosen (again, after a change of choice: a committed
   * import is taken back first; a staged one is replaced by the new stage). Shows the progress,
   * then the preview. The working set does not change until 导入.
   */
  async function runImport({ again = false } = {}) {
    const indicatorId = indicatorSelect.value;
    showError("");
    statusLine.textContent = "";
    addStatus.textContent = "";
    if (!indicatorId) {
      progress.hide();
      statusLine.textContent = t("import.needIndicator");
      return;
    }
    if (!again) {
      const choice = await sampleChoice();
      if (!choice) {
        progress.hide();
        statusLine.textContent = t("import.cancelled");
        return;
      }
      sampleAnswer = choice;
    }
    progress.start(STAGES);
    progress.set("parse");
    importAbort = new AbortController();
    let imported;
    committing = true;
    try {
      if (again && report?.committed) await takeBack();
      imported = await workspace.stageFile(file.bytes, file.name, importOptions(indicatorId), {
        signal: importAbort.signal,
        // Rows read and how far through the file, as the worker reports them chunk by chunk.
        onProgress: (p) => {
          progress.set("evaluate");
          statusLine.textContent = t("import.adding", { rows: p.rows, percent: Math.round((p.fraction ?? 0) * 100) });
        },
      });
    } catch (error) {
      progress.hide();
      statusLine.textContent = error instanceof Cancelled ? t("import.cancelled") : "";
      if (!(error instanceof Cancelled)) showError(t("import.failed", { msg: messageOf(error) }));
      report = null;
      undoable = false;
      renderResult();
      return;
    } finally {
      committing = false;
      importAbort = null;
    }
    statusLine.textContent = "";
    // The report names its destinations; the indicator it was imported under is kept beside it.
    report = { ...imported, indicatorId };
    undoable = false;
    table = tableOf(imported);
    renderTable(table);
    await showPages();
    progress.set("done");
  }

  /** The report's reading of the file, as the table card shows it. */
  function tableOf(r) {
    return {
      fileName: r.fileName,
      sheets: r.sheets,
      sheet: r.sheet,
      encoding: r.encoding,
      encodingConfidence: r.encodingConfidence,
      delimiter: r.delimiter,
      headerRow: r.headerRow,
      columns: r.columns,
      rows: r.preview ?? [],
      rowsTotal: r.counts.rowsIn,
      blankRows: r.counts.blank,
      warnings: r.warnings ?? [],
    };
  }

  /** Asks the Workspace for the pages the result shows (problems, cases), then draws it. */
  async function showPages(problemOffset = 0) {
    const r = report;
    if (!r) return;
    const main = mainDestination(r);
    const [problems, cases] = await Promise.all([
      workspace.problems(r.importId, problemOffset, PROBLEM_PAGE).catch(() => null),
      main && r.committed ? workspace.cases(main.indicatorId, { source: r.fileName, limit: SHOWN_CASES }).catch(() => null) : null,
    ]);
    if (report !== r) return;
    problemPage = problems ?? { total: r.problemsTotal, offset: 0, rows: r.problems };
    casePage = cases;
    renderResult();
  }

  /** Where the rows of the indicator chosen went (or the first destination). */
  function mainDestination(r) {
    return r.destinations.find((d) => d.indicatorId === r.indicatorId) ?? r.destinations.find((d) => d.indicatorId === indicatorSelect.value) ?? r.destinations[0] ?? null;
  }

  async function openFile(picked) {
    if (!picked) return;
    if (/\.json$/i.test(picked.name)) {
      await openProjectFile(picked);
      return;
    }
    file = null;
    report = null;
    table = null;
    undoable = false;
    tableOptions = { mapping: {} };
    tableCard.hidden = true;
    resultCard.hidden = true;
    progress.start(STAGES);
    progress.set("read");
    showError("");
    statusLine.textContent = "";
    let bytes;
    try {
      bytes = await picked.arrayBuffer();
    } catch (error) {
      progress.hide();
      showError(t("import.readFailed", { name: picked.name, msg: messageOf(error) }));
      return;
    }
    file = { name: picked.name, bytes };
    await runImport();
  }

  /** A .json file is a project file: opening it replaces the working data. */
  async function openProjectFile(picked) {
    const text = await picked.text();
    await projectOpener?.(text, picked.name);
  }
  let projectOpener = null;

  /** Sheet, header row or mapping changed: the import taken back and made again with the new choice. */
  async function rerun(change) {
    if (!file) return;
    if (change.sheet !== undefined) tableOptions = { sheet: change.sheet, mapping: {} };
    if (change.headerRow !== undefined) tableOptions = { ...tableOptions, headerRow: change.headerRow, mapping: {} };
    if (change.mapping) tableOptions = { ...tableOptions, mapping: { ...tableOptions.mapping, ...change.mapping } };
    await runImport({ again: true });
  }

  // ---- the table as read, and the mapping editor ----------------------------------------
  function fieldName(field) {
    const id = indicatorSelect.value;
    const specific = id ? t(`field.${field}.${id}`, {}, null) : null;
    if (specific) return specific;
    const meta = fieldMeta.get(field);
    return meta ? (language() === "en" ? meta.en : meta.zh) : field;
  }

  function encodingText(encoding) {
    return t(`encoding.${encoding}`, {}, encoding);
  }

  function delimiterText(delimiter) {
    const names = { ",": "comma", "\t": "tab", ";": "semicolon" };
    return names[delimiter] ? t(`delimiter.${names[delimiter]}`) : delimiter;
  }

  function renderTable(tab) {
    tableCard.hidden = false;
    const total = tab.rowsTotal ?? tab.rows.length;
    const facts = [
      [t("import.fact.file"), tab.fileName, "import-file-name"],
      [t("import.fact.encoding"), encodingText(tab.encoding), "import-encoding"],
    ];
    if (tab.delimiter) facts.push([t("import.fact.delimiter"), delimiterText(tab.delimiter), "import-delimiter"]);
    facts.push(
      [t("import.fact.headerRow"), t("import.rowNo", { n: tab.headerRow }), "import-header-row-fact"],
      [t("import.fact.rows"), t("import.fact.rowsValue", { n: total, blank: tab.blankRows ?? 0 }), "import-row-count"],
    );
    const factList = el("dl", { class: "facts" }, ...facts.map(([k, v, id]) => el("div", {}, keepBracketsTogether(el("dt", {}, k)), el("dd", { id }, v))));
    // What the core says about the file as a whole: a hidden sheet passed over, an encoding
    // guessed or mixed, an HTML table read as a sheet.
    const warnings = tab.warnings ?? [];
    const warningList = el("ul", { class: "notice notice-warn import-warnings", id: "import-warnings", role: "status", hidden: warnings.length === 0 }, ...warnings.map((w) => el("li", {}, w)));
    if (tab.encodingConfidence === "low") warningList.prepend(el("li", {}, t("import.encodingGuessed", { encoding: encodingText(tab.encoding) })));
    if (tab.encodingConfidence === "low") warningList.hidden = false;

    // Sheet and header row.
    const controls = el("div", { class: "field-row import-controls" });
    if (tab.sheets.length > 1) {
      const select = el("select", { id: "import-sheet" }, ...tab.sheets.map((name) => el("option", { value: name }, name)));
      select.value = tab.sheet;
      select.addEventListener("change", () => rerun({ sheet: select.value }));
      controls.append(el("div", { class: "field" }, el("label", { for: "import-sheet" }, t("import.sheet")), select));
    }
    const headerInput = el("input", {
      id: "import-header-input",
      type: "number",
      min: "1",
      step: "1",
      inputmode: "numeric",
      value: String(tab.headerRow),
      "aria-describedby": "import-header-hint",
    });
    headerInput.addEventListener("change", () => {
      const n = Number(headerInput.value);
      if (Number.isInteger(n) && n >= 1) rerun({ headerRow: n });
    });
    controls.append(
      el(
        "div",
        { class: "field" },
        el("label", { for: "import-header-input" }, t("import.headerRow")),
        headerInput,
        el("p", { class: "hint", id: "import-header-hint" }, t("import.headerRow.hint")),
      ),
    );

    // Mapping editor: one row per column.
    const sample = (index) => {
      for (const row of tab.rows) {
        const text = cellText(row.cells[index]);
        if (text) return text;
      }
      return "";
    };
    const mappingRows = tab.columns.map((column) => {
      const selectId = `import-map-${column.letter}`;
      const label = el(
        "label",
        { for: selectId, class: "visually-hidden" },
        t("import.mapping.aria", { letter: column.letter, header: column.header || t("import.mapping.noHeader") }),
      );
      const select = el(
        "select",
        { id: selectId, "data-letter": column.letter },
        el("option", { value: "" }, t("import.mapping.skip")),
        ...fields.map((f) => el("option", { value: f.field }, fieldName(f.field))),
      );
      select.value = column.field ?? "";
      select.addEventListener("change", () => rerun({ mapping: { [column.letter]: select.value || null } }));
      return el(
        "tr",
        { "data-letter": column.letter, class: column.field ? "is-mapped" : "is-skipped" },
        el("td", { class: "col-letter" }, column.letter),
        el("th", { scope: "row" }, column.header || t("import.mapping.noHeader")),
        el("td", { class: "sample" }, sample(column.index) || t("results.empty")),
        el("td", {}, label, select),
      );
    });
    const mapping = el(
      "div",
      { class: "table-wrap" },
      dataTable({
        caption: t("import.mapping.caption"),
        captionHidden: true,
        id: "import-mapping",
        className: "mapping-table",
        heads: [t("import.col.letter"), t("import.col.header"), t("import.col.sample"), t("import.col.field")],
        rows: mappingRows,
      }),
    );

    // The first rows as read, with Excel's row numbers and column letters.
    const previewHeads = [
      el("th", { scope: "col", class: "num" }, t("import.col.row")),
      ...tab.columns.map((c) =>
        el("th", { scope: "col" }, el("span", { class: "col-letter" }, c.letter), " ", c.header, c.field ? el("span", { class: "col-field" }, fieldName(c.field)) : null),
      ),
    ];
    const previewRows = tab.rows.map((row) =>
      el(
        "tr",
        { "data-row": row.row },
        el("th", { scope: "row", class: "num" }, String(row.row)),
        ...tab.columns.map((c) => el("td", {}, cellText(row.cells[c.index]))),
      ),
    );
    // A scrolling box: reachable with the keyboard (Tab, then the arrow keys) and named.
    const preview = el(
      "div",
      { class: "table-wrap preview-wrap", tabindex: "0", role: "region", "aria-label": t("import.preview.caption", { n: tab.rows.length, total }) },
      dataTable({
        caption: t("import.preview.caption", { n: tab.rows.length, total }),
        id: "import-preview",
        className: "preview-table",
        heads: previewHeads,
        rows: previewRows,
      }),
    );

    tableBox.replaceChildren(factList, warningList, controls, el("h4", { class: "sub-heading" }, t("import.mapping.heading")), el("p", { class: "hint" }, t("import.mapping.hint")), mapping, preview);
  }

  // ---- the result -----------------------------------------------------------------------
  function countsLine(counts, key = "import.counts") {
    const strong = (id, n) => el("strong", { id, class: "count-num" }, String(n));
    const parts = t(key, {}).split(/(\{\w+\})/);
    const values = {
      rowsIn: strong("import-rows-in", counts.rowsIn),
      evaluated: strong("import-evaluated", counts.evaluated),
      withProblems: strong("import-with-problems", counts.withProblems),
      blank: strong("import-blank", counts.blank),
    };
    return el(
      "p",
      { class: `import-counts${counts.withProblems ? " has-problems" : ""}`, id: "import-counts" },
      ...parts.map((part) => {
        const m = /^\{(\w+)\}$/.exec(part);
        return m && values[m[1]] ? values[m[1]] : part;
      }),
    );
  }

  /** How many rows went to which indicator (a power ledger fills 3.4–3.7, a construction ledger 2.1 and 2.2). */
  function routeList(r) {
    return el(
      "ul",
      { class: "import-routes", id: "import-routes" },
      ...r.destinations.map((d) => {
        const ind = evaluation.indicator(d.indicatorId);
        const link = el("a", { href: `#/indicator/${encodeURIComponent(d.indicatorId)}` }, t("indicator.option", { id: d.indicatorId, name: ind ? nameOf(ind) : "" }));
        const key = d.replaced ? "import.route.replaced" : "import.route";
        return el("li", { "data-indicator": d.indicatorId }, link, t(key, { rows: d.rows, evaluated: d.evaluated, withProblems: d.withProblems, replaced: d.replaced }));
      }),
    );
  }

  function problemTable(page) {
    if (!page.total) return el("p", { class: "empty", id: "import-no-problems" }, t("import.problems.none"));
    const rows = page.rows.map((p) =>
      el(
        "tr",
        { "data-row": p.row },
        el("td", {}, p.sheet),
        el("td", { class: "num" }, String(p.row)),
        el("td", {}, p.columnLetter ? el("span", { class: "col-letter" }, p.columnLetter) : null, p.columnLetter ? " " : null, p.column ?? t("results.empty")),
        el("td", { class: "value" }, p.value ?? ""),
        el("td", { class: "message" }, p.message),
      ),
    );
    const parts = [
      el(
        "div",
        { class: "table-wrap" },
        dataTable({
          caption: t("import.problems.caption", { n: page.total }),
          captionHidden: true,
          id: "import-problems",
          className: "problem-table",
          heads: [t("import.col.sheet"), el("th", { scope: "col", class: "num" }, t("import.col.row")), t("import.col.column"), t("import.col.value"), t("import.col.problem")],
          rows,
        }),
      ),
    ];
    // Every problem row is listed: a page at a time, from the Workspace.
    if (page.total > PROBLEM_PAGE) {
      const prev = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "import-problems-prev", disabled: page.offset === 0 }, t("pager.prev"));
      const next = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "import-problems-next", disabled: page.offset + page.rows.length >= page.total }, t("pager.next"));
      prev.addEventListener("click", () => showPages(Math.max(0, page.offset - PROBLEM_PAGE)));
      next.addEventListener("click", () => showPages(page.offset + PROBLEM_PAGE));
      parts.push(
        el(
          "div",
          { class: "btn-row import-problem-pager" },
          prev,
          el("span", { id: "import-problems-range" }, t("import.problems.range", { from: page.offset + 1, to: page.offset + page.rows.length, total: page.total })),
          next,
        ),
      );
    }
    return el("div", {}, ...parts);
  }

  function summaryList(ind, s) {
    const label = unitLabel(ind);
    const item = (key, content, id) => el("div", { class: "result" }, keepBracketsTogether(el("dt", {}, key)), el("dd", { id }, content));
    return el(
      "dl",
      { class: "result-grid summary-grid", id: "import-summary" },
      item(t(`summary.value.${ind.aggregation}`, {}, t("summary.value")), withUnit(s.value, ind.unit, label), "import-summary-value"),
      item(t("summary.target"), targetText(ind), "import-summary-target"),
      item(t("summary.met"), metBadge(s.met), "import-summary-met"),
      item(t(ind.method === "trend" ? "summary.gap.trend" : "summary.gap"), s.value === null ? t("results.empty") : signed(s.gap, ind.unit), "import-summary-gap"),
      ...(s.metShare !== null && s.metShare !== undefined ? [item(t("summary.metShare"), share(s.metShare), "import-summary-met-share")] : []),
    );
  }

  /** The import's cases of the indicator chosen, as the Workspace evaluated them (its rounding). */
  function caseTableOf(ind, page) {
    if (!page || !page.rows.length) return el("p", { class: "empty" }, t("import.cases.none"));
    const label = unitLabel(ind);
    const at = (id) => page.columns.findIndex((c) => c.id === id);
    const [name, county, start, end, value] = ["name", "county", "start", "end", "value"].map(at);
    const cell = (row, i) => (i >= 0 && row.cells[i]?.t ? row.cells[i].t : t("results.empty"));
    const withLabel = (text) => (label ? `${text}${ind.unit === "percent" ? "" : " "}${label}` : text);
    const rows = page.rows.map((c) => {
      let shown;
      if (c.status === "open" && c.elapsed) shown = t("case.elapsed", { v: c.elapsed.t });
      else shown = value >= 0 && c.cells[value]?.t ? withLabel(c.cells[value].t) : t("results.empty");
      const status = el("td", { class: "case-status" }, statusBadge(c.status));
      if (c.status === "open" && c.alert) status.append(" ", alertBadge(c.alert));
      if (c.error) status.append(el("span", { class: "case-error" }, c.error));
      return el(
        "tr",
        { "data-row": c.row ?? "", "data-case-id": c.id, "data-status": c.status, class: c.met === false ? "is-late" : null },
        el("td", { class: "num" }, c.row === undefined ? t("results.empty") : String(c.row)),
        el("td", { class: "case-id" }, c.id),
        el("td", {}, cell(c, name)),
        el("td", {}, cell(c, county)),
        el("td", { class: "when" }, cell(c, start)),
        el("td", { class: "when" }, cell(c, end)),
        el("td", { class: "num value" }, shown),
        status,
        el("td", {}, c.met === null || c.met === undefined ? t("results.empty") : metBadge(c.met)),
      );
    });
    const parts = [
      el(
        "div",
        { class: "table-wrap" },
        dataTable({
          caption: t("import.cases.caption", { id: ind.id }),
          captionHidden: true,
          id: "import-cases",
          className: "case-table",
          heads: [
            el("th", { scope: "col", class: "num" }, t("import.col.row")),
            t("col.caseId"),
            t("col.name"),
            t("col.county"),
            t("col.start"),
            t("col.end"),
            el("th", { scope: "col", class: "num" }, t("import.col.result", { unit: label || t("import.col.noUnit") })),
            t("col.status"),
            t("col.caseMet"),
          ],
          rows,
        }),
      ),
    ];
    if (page.matched > page.rows.length) parts.push(el("p", { class: "hint", id: "import-cases-more" }, t("import.cases.more", { n: page.rows.length, total: page.matched })));
    return el("div", {}, ...parts);
  }

  /** "已将 22 条案件加入指标 2.1 …" and the link to it, in the page language. */
  function addedLine(r, main) {
    const ind = evaluation.indicator(main.indicatorId);
    const link = el("a", { href: `#/indicator/${encodeURIComponent(main.indicatorId)}`, id: "import-open-indicator" }, t("import.added.open"));
    addStatus.replaceChildren(
      t(main.replaced ? "import.added.replaced" : "import.added", { n: main.rows, replaced: main.replaced, id: main.indicatorId, name: ind ? nameOf(ind) : "" }),
      " ",
      link,
    );
  }

  function renderResult() {
    const r = report;
    const main = r ? mainDestination(r) : null;
    if (!r || !main) {
      resultCard.hidden = true;
      resultBox.replaceChildren();
      return;
    }
    resultCard.hidden = false;
    resultCard.dataset.committed = String(Boolean(r.committed));
    resultHeading.textContent = t(r.committed ? "import.result.heading" : "import.staged.heading");
    if (!r.committed) {
      renderStaged(r, main);
      return;
    }
    const ind = evaluation.indicator(main.indicatorId);
    const undoButton = el("button", { type: "button", class: "btn btn-secondary", id: "import-undo" }, t("import.undo"));
    undoButton.addEventListener("click", () => undoImport(undoButton));
    const xlsx = el("button", { type: "button", class: "btn btn-secondary", id: "import-export-xlsx" }, t("export.xlsx"));
    const csv = el("button", { type: "button", class: "btn btn-secondary", id: "import-export-csv" }, t("export.csv"));
    xlsx.addEventListener("click", () => exportLedger("xlsx"));
    csv.addEventListener("click", () => exportLedger("csv"));
    addedLine(r, main);
    const s = main.summary;
    const problems = problemPage ?? { total: r.problemsTotal, offset: 0, rows: r.problems };
    resultBox.replaceChildren(
      el("p", { class: "result-of" }, t("import.result.of", { file: r.fileName, sheet: r.sheet, id: main.indicatorId, name: ind ? nameOf(ind) : main.indicatorId })),
      countsLine(r.counts),
      addStatus,
      el("h4", { class: "sub-heading", id: "import-routes-heading" }, t("import.routes.heading")),
      routeList(r),
      el("div", { class: "btn-row import-actions" }, undoButton, xlsx, csv),
      el("h4", { class: "sub-heading", id: "import-problems-heading" }, t("import.problems.heading", { rows: r.counts.withProblems, n: problems.total })),
      problemTable(problems),
      ...(ind
        ? [
            el("h4", { class: "sub-heading" }, t("import.summary.heading")),
            summaryList(ind, s),
            el("p", { class: "summary-counts", id: "import-summary-count" }, t("import.summary.counts", { count: s.count, valid: s.valid, open: s.open, late: s.late, invalid: s.invalid })),
            el("h4", { class: "sub-heading" }, t("import.cases.heading", { n: casePage?.matched ?? main.rows })),
            caseTableOf(ind, casePage),
          ]
        : []),
    );
  }

  const addStatus = el("p", { class: "form-status", id: "import-add-status", role: "status" });

  /** "共 5 行：计入 3.4 3 行，3.5 1 行，3.6 1 行；有问题 2 行": where the staged rows would go. */
  function stagedLine(r) {
    const routes = r.destinations.filter((d) => d.rows > 0).map((d) => t("import.staged.route", { id: d.indicatorId, rows: d.rows }));
    return el(
      "p",
      { class: "import-staged-line", id: "import-staged-line" },
      t("import.staged.line", { rows: r.counts.rowsIn, routes: routes.join(t("import.staged.separator")), withProblems: r.counts.withProblems }),
    );
  }

  /** The preview of a staged import: where its rows would go, its problems, 导入这 N 件 and 取消. */
  function renderStaged(r, main) {
    const ind = evaluation.indicator(main.indicatorId);
    addStatus.replaceChildren();
    const commitButton = el("button", { type: "button", class: "btn btn-primary", id: "import-commit" }, t("import.commit", { n: r.counts.rowsIn }));
    const discardButton = el("button", { type: "button", class: "btn btn-secondary", id: "import-discard" }, t("import.discard"));
    commitButton.addEventListener("click", () => commitStaged([commitButton, discardButton]));
    discardButton.addEventListener("click", () => discardStaged([commitButton, discardButton]));
    const problems = problemPage ?? { total: r.problemsTotal, offset: 0, rows: r.problems };
    resultBox.replaceChildren(
      el("p", { class: "result-of" }, t("import.result.of", { file: r.fileName, sheet: r.sheet, id: main.indicatorId, name: ind ? nameOf(ind) : main.indicatorId })),
      el("p", { class: "notice", id: "import-staged-note" }, t("import.staged.note")),
      stagedLine(r),
      countsLine(r.counts, "import.staged.counts"),
      el("h4", { class: "sub-heading", id: "import-routes-heading" }, t("import.staged.routes")),
      routeList(r),
      el("div", { class: "btn-row import-actions" }, commitButton, discardButton),
      el("h4", { class: "sub-heading", id: "import-problems-heading" }, t("import.problems.heading", { rows: r.counts.withProblems, n: problems.total })),
      problemTable(problems),
    );
  }

  /** 导入这 N 件: the sample dropped first if that was the answer, then the staged rows added. */
  async function commitStaged(buttons) {
    const r = report;
    if (!r || r.committed) return;
    for (const b of buttons) b.disabled = true;
    showError("");
    statusLine.textContent = "";
    let done;
    committing = true;
    try {
      if (sampleAnswer === "clear" && getState().source?.kind === "sample") await workspace.clear();
      done = await workspace.commitImport(r.importId, r.indicatorId);
    } catch (error) {
      for (const b of buttons) b.disabled = false;
      showError(t("import.failed", { msg: messageOf(error) }));
      return;
    } finally {
      committing = false;
    }
    if (report !== r) return;
    report = { ...done, indicatorId: r.indicatorId };
    undoable = true;
    problemPage = null;
    await showPages();
  }

  /** 取消: the staged rows dropped; the working set never had them. */
  async function discardStaged(buttons) {
    const r = report;
    if (!r || r.committed) return;
    for (const b of buttons) b.disabled = true;
    try {
      await workspace.discardImport(r.importId);
    } catch {
      // Already gone (a newer stage, or a fresh worker): nothing staged is what 取消 asks for.
    }
    if (report !== r) return;
    report = null;
    table = null;
    file = null;
    renderResult();
    tableCard.hidden = true;
    progress.hide();
    statusLine.textContent = t("import.discarded", { file: r.fileName });
  }

  /** 撤销导入: the working set as it was before the import (Workspace.undo). */
  async function undoImport(button) {
    if (!report) return;
    if (!undoable) {
      statusLine.textContent = t("import.undo.stale");
      return;
    }
    button.disabled = true;
    const fileName = report.fileName;
    try {
      await takeBack();
    } catch (error) {
      button.disabled = false;
      showError(t("import.failed", { msg: messageOf(error) }));
      return;
    }
    report = null;
    table = null;
    file = null;
    renderResult();
    tableCard.hidden = true;
    progress.hide();
    statusLine.textContent = t("import.undone", { file: fileName });
  }

  /** The indicator's evaluation as the Workspace holds it, as .xlsx or CSV. */
  async function exportLedger(format) {
    const main = report ? mainDestination(report) : null;
    if (!main) return;
    const ind = evaluation.indicator(main.indicatorId);
    const name = exportFileName({ ...ind, indicatorId: main.indicatorId }, format);
    progress.start(EXPORT_STAGES);
    progress.set("export");
    let bytes;
    try {
      bytes = await workspace.exportOf({ indicator: main.indicatorId }, format);
    } catch (error) {
      progress.hide();
      showError(t("import.failed", { msg: messageOf(error) }));
      return;
    }
    progress.set("done");
    download(bytes, name, format === "csv" ? CSV_TYPE : XLSX_TYPE);
    statusLine.textContent = t("export.started", { name });
  }

  // ---- events ---------------------------------------------------------------------------
  fileInput.addEventListener("change", () => {
    const picked = fileInput.files?.[0];
    openFile(picked);
    // The same file can be chosen again (after it was changed in Excel).
    fileInput.value = "";
  });
  // Another language: the texts, and the Workspace's messages (problems, cases) asked again.
  onLanguageChange(() => {
    fillIndicators();
    progress.relabel();
    if (importAbort) return;
    showError("");
    statusLine.textContent = "";
    if (table) renderTable(table);
    // The workspace hears of the language through the settings queue; the pages asked after it.
    if (report) showPages(problemPage?.offset ?? 0);
  });
  indicatorSelect.addEventListener("change", () => {
    if (!file) return;
    runImport({ again: Boolean(report) });
  });
  for (const type of ["dragenter", "dragover"]) {
    section.addEventListener(type, (event) => {
      if (![...(event.dataTransfer?.types ?? [])].includes("Files")) return;
      event.preventDefault();
      drop.classList.add("is-over");
    });
  }
  section.addEventListener("dragleave", (event) => {
    if (!section.contains(event.relatedTarget)) drop.classList.remove("is-over");
  });
  section.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("is-over");
    openFile(event.dataTransfer?.files?.[0]);
  });

  return {
    section,
    heading: () => heading,
    show(param) {
      if (param && evaluation.indicator(param) && !file) indicatorSelect.value = param;
      return t("nav.import");
    },
    /** Sets what opens a dropped or picked .json project file. */
    onProjectFile(fn) {
      projectOpener = fn;
    },
  };
}
