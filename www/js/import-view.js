// 导入台账 (#/import): a ledger file (.xlsx, .csv, .txt) is read and
// evaluated by the core in the ledger worker; the page shows the table as
// read, lets the user correct which column is which, then shows the row
// accounting, the rows with problems, the result against the target and the
// cases — and adds the good cases to the working data on request.

import { messageOf } from "./api.js";
import { ask } from "./dialog.js";
import { byId, el } from "./dom.js";
import { XLSX_TYPE, CSV_TYPE, download } from "./download.js";
import { compactInstant, nameOf, number, share, signed, targetText, unitLabel, withUnit } from "./format.js";
import { language, onLanguageChange, t } from "./i18n.js";
import { effectiveAsOf, getState } from "./state.js";
import { Cancelled } from "./worker-client.js";
import { Cancelled as ImportCancelled } from "./core/workspace-client.js";
import { alertBadge, dataTable, metBadge, statusBadge } from "./widgets.js";

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

export function createImportView({ api, evaluation, client }) {
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
  const resultCard = el(
    "section",
    { class: "card", "aria-labelledby": "import-result-heading", hidden: true, id: "import-result-card" },
    el("h3", { class: "card-title", id: "import-result-heading", "data-i18n": "import.result.heading" }, t("import.result.heading")),
    resultBox,
  );

  const section = el("section", { id: "view-import", class: "view", "aria-labelledby": "import-heading", hidden: true }, pickCard, tableCard, resultCard);

  // ---- what is being imported -----------------------------------------------------------
  /** { name, bytes: ArrayBuffer } of the file picked, or null. */
  let file = null;
  /** parseTable's options chosen by the user: { sheet?, headerRow?, mapping }. */
  let tableOptions = { mapping: {} };
  /** The last table read (rows cut to a preview) and the last ledger report. */
  let table = null;
  let report = null;
  /** The worker that evaluated `report` (it keeps the whole ledger for the exports). */
  let reportGeneration = -1;
  /** Whether the report's good cases were added to the data already. */
  let added = false;

  function showError(message) {
    errorBox.replaceChildren(...(message ? [el("p", {}, message)] : []));
    errorBox.hidden = !message;
  }

  /** Stops the import into the working set, while it runs. */
  let addAbort = null;

  function cancel() {
    if (addAbort) {
      addAbort.abort();
      return;
    }
    if (client.cancel()) {
      progress.hide();
      statusLine.textContent = t("import.cancelled");
    }
  }

  function options() {
    // The preview is evaluated as the working set is: same settings, same instant.
    const { settings } = getState();
    const opts = { ...settings, lang: language(), mapping: { ...tableOptions.mapping } };
    for (const empty of ["calendarCsv", "holidays", "workdays"]) if (!opts[empty]?.length) delete opts[empty];
    if (opts.hoursPerDay === null) delete opts.hoursPerDay;
    const asOf = effectiveAsOf().text;
    if (asOf) opts.asOf = asOf;
    if (tableOptions.sheet !== undefined) opts.sheet = tableOptions.sheet;
    if (tableOptions.headerRow !== undefined) opts.headerRow = tableOptions.headerRow;
    return opts;
  }

  /** Runs a worker request with the progress shown; null when cancelled or failed. */
  async function run(type, payload) {
    showError("");
    statusLine.textContent = "";
    try {
      return await client.request(type, payload, { onStage: (stage) => progress.set(stage) });
    } catch (error) {
      if (error instanceof Cancelled) return null;
      progress.hide();
      showError(t("import.failed", { msg: messageOf(error) }));
      return null;
    }
  }

  async function readTable() {
    const value = await run("table", { bytes: file.bytes, fileName: file.name, options: options() });
    if (!value) return false;
    table = value;
    renderTable(value);
    return true;
  }

  async function evaluateLedger({ keepAdded = false } = {}) {
    const indicatorId = indicatorSelect.value;
    if (!indicatorId) {
      progress.set("done");
      report = null;
      renderResult();
      statusLine.textContent = t("import.needIndicator");
      return;
    }
    const value = await run("ledger", { indicatorId, bytes: file.bytes, fileName: file.name, options: options() });
    if (!value) return;
    report = value;
    reportGeneration = client.generation();
    added = keepAdded && added;
    if (!added) addedNote = null;
    // The ledger's own reading of the table is the freshest (mapping included).
    table = { ...value.source, blankRows: value.counts.blank };
    renderTable(table);
    renderResult();
    progress.set("done");
  }

  async function openFile(picked) {
    if (!picked) return;
    if (/\.json$/i.test(picked.name)) {
      await openProjectFile(picked);
      return;
    }
    file = null;
    table = null;
    report = null;
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
    if (await readTable()) await evaluateLedger();
  }

  /** A .json file is a project file: opening it replaces the working data. */
  async function openProjectFile(picked) {
    const text = await picked.text();
    await projectOpener?.(text, picked.name);
  }
  let projectOpener = null;

  /** Sheet, header row or mapping changed: read again with the new choice. */
  async function rerun(change) {
    if (!file) return;
    progress.start(STAGES);
    if (change.sheet !== undefined) tableOptions = { sheet: change.sheet, mapping: {} };
    if (change.headerRow !== undefined) tableOptions = { ...tableOptions, headerRow: change.headerRow, mapping: {} };
    if (change.mapping) tableOptions = { ...tableOptions, mapping: { ...tableOptions.mapping, ...change.mapping } };
    if (indicatorSelect.value && !change.sheet && change.headerRow === undefined) {
      await evaluateLedger();
    } else if (await readTable()) {
      await evaluateLedger();
    }
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
    const factList = el("dl", { class: "facts" }, ...facts.map(([k, v, id]) => el("div", {}, el("dt", {}, k), el("dd", { id }, v))));
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
  function countsLine(counts) {
    const strong = (id, n) => el("strong", { id, class: "count-num" }, String(n));
    const parts = t("import.counts", {}).split(/(\{\w+\})/);
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

  function problemTable(r) {
    if (!r.problems.length) return el("p", { class: "empty", id: "import-no-problems" }, t("import.problems.none"));
    const rows = r.problems.map((p) =>
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
          caption: t("import.problems.caption", { n: r.problemsTotal }),
          captionHidden: true,
          id: "import-problems",
          className: "problem-table",
          heads: [t("import.col.sheet"), el("th", { scope: "col", class: "num" }, t("import.col.row")), t("import.col.column"), t("import.col.value"), t("import.col.problem")],
          rows,
        }),
      ),
    ];
    if (r.problemsTotal > r.problems.length) parts.push(el("p", { class: "hint" }, t("import.problems.more", { n: r.problems.length, total: r.problemsTotal })));
    return el("div", {}, ...parts);
  }

  function summaryList(r) {
    const ind = evaluation.indicator(r.indicatorId);
    const s = r.summary;
    const label = unitLabel(r);
    const item = (key, content, id) => el("div", { class: "result" }, el("dt", {}, key), el("dd", { id }, content));
    return el(
      "dl",
      { class: "result-grid summary-grid", id: "import-summary" },
      item(t(`summary.value.${r.aggregation}`, {}, t("summary.value")), withUnit(s.value, r.unit, label), "import-summary-value"),
      item(t("summary.target"), ind ? targetText(ind) : t("results.empty"), "import-summary-target"),
      item(t("summary.met"), metBadge(s.met), "import-summary-met"),
      item(t(r.method === "trend" ? "summary.gap.trend" : "summary.gap"), s.value === null ? t("results.empty") : signed(s.gap, r.unit), "import-summary-gap"),
      ...(s.metShare !== null && s.metShare !== undefined ? [item(t("summary.metShare"), share(s.metShare), "import-summary-met-share")] : []),
    );
  }

  function caseRows(r) {
    const label = unitLabel(r);
    return r.cases.map((c) => {
      let value;
      if (c.status === "open" && typeof c.elapsed === "number") value = t("case.elapsed", { v: number(c.elapsed, r.unit) });
      else value = withUnit(c.value, r.unit, label);
      const status = el("td", { class: "case-status" }, statusBadge(c.status));
      if (c.status === "open" && c.alert) status.append(" ", alertBadge(c.alert));
      if (c.error) status.append(el("span", { class: "case-error" }, c.error));
      return el(
        "tr",
        { "data-row": c.row ?? "", "data-case-id": c.id, "data-status": c.status, class: c.met === false ? "is-late" : null },
        el("td", { class: "num" }, c.row === undefined ? t("results.empty") : String(c.row)),
        el("td", { class: "case-id" }, c.id),
        el("td", {}, c.name ?? t("results.empty")),
        el("td", {}, c.county ?? t("results.empty")),
        el("td", { class: "when" }, c.start ? compactInstant(c.start) : t("results.empty")),
        el("td", { class: "when" }, c.end ? compactInstant(c.end) : t("results.empty")),
        el("td", { class: "num value" }, value),
        status,
        el("td", {}, c.met === null || c.met === undefined ? t("results.empty") : metBadge(c.met)),
      );
    });
  }

  function caseTableOf(r) {
    if (!r.cases.length) return el("p", { class: "empty" }, t("import.cases.none"));
    const parts = [
      el(
        "div",
        { class: "table-wrap" },
        dataTable({
          caption: t("import.cases.caption", { id: r.indicatorId }),
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
            el("th", { scope: "col", class: "num" }, t("import.col.result", { unit: unitLabel(r) || t("import.col.noUnit") })),
            t("col.status"),
            t("col.caseMet"),
          ],
          rows: caseRows(r),
        }),
      ),
    ];
    if (r.casesTotal > r.cases.length) parts.push(el("p", { class: "hint", id: "import-cases-more" }, t("import.cases.more", { n: r.cases.length, total: r.casesTotal })));
    return el("div", {}, ...parts);
  }

  function renderResult() {
    if (!report) {
      resultCard.hidden = true;
      resultBox.replaceChildren();
      return;
    }
    const r = report;
    resultCard.hidden = false;
    // Every row goes in (a row with a problem as a faulty case, explained), as the workspace keeps them.
    const good = r.counts.rowsIn;
    const addButton = el("button", { type: "button", class: "btn btn-primary", id: "import-add", disabled: added || good === 0 }, t("import.add", { n: good }));
    addButton.addEventListener("click", () => addToData(addButton));
    const xlsx = el("button", { type: "button", class: "btn btn-secondary", id: "import-export-xlsx" }, t("export.xlsx"));
    const csv = el("button", { type: "button", class: "btn btn-secondary", id: "import-export-csv" }, t("export.csv"));
    xlsx.addEventListener("click", () => exportLedger("xlsx"));
    csv.addEventListener("click", () => exportLedger("csv"));
    const ind = evaluation.indicator(r.indicatorId);
    resultBox.replaceChildren(
      el("p", { class: "result-of" }, t("import.result.of", { file: r.source.fileName, sheet: r.source.sheet, id: r.indicatorId, name: ind ? nameOf(ind) : r.indicatorId })),
      countsLine(r.counts),
      el("div", { class: "btn-row import-actions" }, addButton, xlsx, csv),
      addStatus,
      el("h4", { class: "sub-heading", id: "import-problems-heading" }, t("import.problems.heading", { rows: r.counts.withProblems, n: r.problemsTotal })),
      problemTable(r),
      el("h4", { class: "sub-heading" }, t("import.summary.heading")),
      summaryList(r),
      el("p", { class: "summary-counts", id: "import-summary-count" }, t("import.summary.counts", { count: r.summary.count, valid: r.summary.valid, open: r.summary.open, late: r.summary.late, invalid: r.summary.invalid })),
      ...(r.warnings?.length ? [el("ul", { class: "warnings" }, ...r.warnings.map((w) => el("li", {}, w)))] : []),
      el("h4", { class: "sub-heading" }, t("import.cases.heading", { n: r.casesTotal })),
      caseTableOf(r),
    );
  }

  const addStatus = el("p", { class: "form-status", id: "import-add-status", role: "status" });

  async function addToData(button) {
    const r = report;
    if (!r || added) return;
    let clearSample = false;
    if (getState().source?.kind === "sample") {
      const choice = await ask({
        id: "import-sample-dialog",
        title: t("import.sample.title"),
        message: [t("import.sample.body")],
        buttons: [
          { value: "clear", label: t("import.sample.clear"), kind: "primary" },
          { value: "keep", label: t("import.sample.keep") },
        ],
        cancelLabel: t("dialog.cancel"),
      });
      if (!choice) return;
      clearSample = choice === "clear";
    }
    // The workspace reads the file itself, in its worker, into its own cases (evaluated as they
    // are read); the page sends the bytes once and gets back the counts.
    button.disabled = true;
    const { workspace } = evaluation;
    let imported;
    progress.start(["add", "done"]);
    progress.set("add");
    try {
      if (clearSample) await workspace.clear();
      const tableChoice = {};
      if (tableOptions.sheet !== undefined) tableChoice.sheet = tableOptions.sheet;
      if (tableOptions.headerRow !== undefined) tableChoice.headerRow = tableOptions.headerRow;
      addAbort = new AbortController();
      imported = await workspace.importFile(
        file.bytes,
        r.source.fileName,
        { indicator: r.indicatorId, ...tableChoice, mapping: { ...tableOptions.mapping }, replace: true },
        {
          signal: addAbort.signal,
          // Rows read and how far through the file, as the worker reports them chunk by chunk.
          onProgress: (p) => {
            statusLine.textContent = t("import.adding", { rows: p.rows, percent: Math.round((p.fraction ?? 0) * 100) });
          },
        },
      );
      statusLine.textContent = "";
    } catch (error) {
      progress.hide();
      button.disabled = false;
      statusLine.textContent = "";
      addStatus.textContent = error instanceof ImportCancelled ? t("import.cancelled") : t("import.failed", { msg: messageOf(error) });
      return;
    } finally {
      addAbort = null;
    }
    progress.set("done");
    added = true;
    const destination = imported.destinations.find((d) => d.indicatorId === r.indicatorId) ?? { rows: 0, replaced: 0 };
    const result = { added: destination.rows, replaced: destination.replaced };
    const ind = evaluation.indicator(r.indicatorId);
    addedNote = () => {
      const link = el("a", { href: `#/indicator/${encodeURIComponent(r.indicatorId)}`, id: "import-open-indicator" }, t("import.added.open"));
      addStatus.replaceChildren(
        t(result.replaced ? "import.added.replaced" : "import.added", { n: result.added, replaced: result.replaced, id: r.indicatorId, name: ind ? nameOf(ind) : "" }),
        " ",
        link,
      );
    };
    addedNote();
  }
  /** Writes the "added" line again (another language), or null. */
  let addedNote = null;

  async function exportLedger(format) {
    if (!report) return;
    // A cancel since the evaluation restarted the worker, which forgot the ledger: evaluate again.
    if (client.generation() !== reportGeneration) {
      progress.start(STAGES);
      await evaluateLedger();
      if (client.generation() !== reportGeneration) return;
    }
    progress.start(EXPORT_STAGES);
    const bytes = await run("export", { format, lang: language() });
    if (bytes === null) {
      progress.hide();
      return;
    }
    progress.set("done");
    download(bytes, exportFileName(report, format), format === "csv" ? CSV_TYPE : XLSX_TYPE);
    statusLine.textContent = t("export.started", { name: exportFileName(report, format) });
  }

  // ---- events ---------------------------------------------------------------------------
  fileInput.addEventListener("change", () => {
    const picked = fileInput.files?.[0];
    openFile(picked);
    // The same file can be chosen again (after it was changed in Excel).
    fileInput.value = "";
  });
  // Another language: the texts, and the ledger evaluated again so that the core's messages follow.
  onLanguageChange(() => {
    fillIndicators();
    progress.relabel();
    if (client.busy()) return;
    showError("");
    statusLine.textContent = "";
    if (table) renderTable(table);
    if (file && report) {
      progress.start(STAGES);
      evaluateLedger({ keepAdded: true }).then(() => {
        if (added) addedNote?.();
      });
    }
  });
  indicatorSelect.addEventListener("change", () => {
    if (!file || !table) return;
    progress.start(STAGES);
    evaluateLedger();
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
