// The import view's reading of the file: the facts (file, encoding, delimiter, header row, rows),
// what the core says about the file as a whole, and the first rows as read, with Excel's row
// numbers and column letters.

import { el } from "../../lib/dom.js";
import { t } from "../../lib/i18n.js";
import { dataTable, keepBracketsTogether } from "../../widgets/common.js";

/** A cell of the source table as text for display (numbers as the core gave them). */
export function cellText(cell) {
  if (cell === null || cell === undefined) return "";
  return String(cell);
}

function encodingText(encoding) {
  return t(`encoding.${encoding}`, {}, encoding);
}

function delimiterText(delimiter) {
  const names = { ",": "comma", "\t": "tab", ";": "semicolon" };
  return names[delimiter] ? t(`delimiter.${names[delimiter]}`) : delimiter;
}

/** The facts of the file as read, and its warnings. */
export function tableFacts(tab) {
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
  return [factList, warningList];
}

/** The first rows as read; `fieldName(field)` names the field a column is read as. */
export function previewTable(tab, fieldName) {
  const total = tab.rowsTotal ?? tab.rows.length;
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
  return el(
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
}
