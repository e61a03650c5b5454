// The import view's choices for reading the file: the sheet, the header row, and which column is
// which field (the mapping editor). A change is handed to `onChange` ({ sheet } | { headerRow } |
// { mapping }), which reads the file again with it.

import { el } from "../../lib/dom.js";
import { t } from "../../lib/i18n.js";
import { dataTable } from "../../widgets/common.js";
import { cellText } from "./preview-table.js";

/**
 * The controls and the mapping table for the file as read (`tab`); `fields` are the case fields
 * a column can be read as, `fieldName(field)` their names in the page language.
 */
export function choicesPanel(tab, { fields, fieldName, onChange }) {
  // Sheet and header row.
  const controls = el("div", { class: "field-row import-controls" });
  if (tab.sheets.length > 1) {
    const select = el("select", { id: "import-sheet" }, ...tab.sheets.map((name) => el("option", { value: name }, name)));
    select.value = tab.sheet;
    select.addEventListener("change", () => onChange({ sheet: select.value }));
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
    if (Number.isInteger(n) && n >= 1) onChange({ headerRow: n });
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
    select.addEventListener("change", () => onChange({ mapping: { [column.letter]: select.value || null } }));
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
  return [controls, el("h4", { class: "sub-heading" }, t("import.mapping.heading")), el("p", { class: "hint" }, t("import.mapping.hint")), mapping];
}
