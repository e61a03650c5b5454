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
import { nameOf } from "../../lib/format.js";
import { language, onLanguageChange, t } from "../../lib/i18n.js";
import { getState, subscribe } from "../../core/state.js";
import { Cancelled } from "../../core/workspace-client.js";
import { EXPORT_STAGES, STAGES, createFilePanel, exportFileName } from "./file-panel.js";
import { choicesPanel } from "./choices-panel.js";
import { previewTable, tableFacts } from "./preview-table.js";
import { problemTable } from "./problems-panel.js";
import { caseTableOf, countsLine, routeList, stagedLine, summaryList } from "./result-panel.js";

// The panels: file-panel.js (indicator, file, drop, progress, cancel), choices-panel.js (sheet,
// header row, mapping), preview-table.js (the file as read), problems-panel.js, result-panel.js
// (counts, routes, summary, cases). This module keeps the state and the wiring.
export { STAGES, EXPORT_STAGES, createStageProgress, exportFileName } from "./file-panel.js";

export function createImportView({ api, evaluation }) {
  const { workspace } = evaluation;
  const fields = api.caseFields();
  const fieldMeta = new Map(fields.map((f) => [f.field, f]));

  // ---- markup ---------------------------------------------------------------------------
  const filePanel = createFilePanel({ evaluation, onFile: (picked) => openFile(picked), onCancel: () => cancel() });
  const { heading, indicatorSelect, fillIndicators, progress, statusLine, showError } = filePanel;
  const pickCard = filePanel.card;

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

  function renderTable(tab) {
    tableCard.hidden = false;
    tableBox.replaceChildren(...tableFacts(tab), ...choicesPanel(tab, { fields, fieldName, onChange: rerun }), previewTable(tab, fieldName));
  }

  // ---- the result -----------------------------------------------------------------------
  const problemsOf = (page) => problemTable(page, { pageSize: PROBLEM_PAGE, onPage: (offset) => showPages(offset) });

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
      routeList(r, evaluation),
      el("div", { class: "btn-row import-actions" }, undoButton, xlsx, csv),
      el("h4", { class: "sub-heading", id: "import-problems-heading" }, t("import.problems.heading", { rows: r.counts.withProblems, n: problems.total })),
      problemsOf(problems),
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
      routeList(r, evaluation),
      el("div", { class: "btn-row import-actions" }, commitButton, discardButton),
      el("h4", { class: "sub-heading", id: "import-problems-heading" }, t("import.problems.heading", { rows: r.counts.withProblems, n: problems.total })),
      problemsOf(problems),
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
    closeImport(t("import.discarded", { file: r.fileName }));
  }

  /** The file put away (its import discarded or taken back): the cards hidden, `message` said. */
  function closeImport(message) {
    report = null;
    table = null;
    file = null;
    renderResult();
    tableCard.hidden = true;
    progress.hide();
    statusLine.textContent = message;
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
    closeImport(t("import.undone", { file: fileName }));
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
  filePanel.listenForDrops(section);

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
