// The import view's problem rows: every row of the import that cannot be used, on its sheet, row
// and column, with the cell and what is wrong — a page at a time (Workspace.problems).

import { el } from "../../lib/dom.js";
import { t } from "../../lib/i18n.js";
import { dataTable } from "../../widgets/common.js";

/** The table of a page of problems; `onPage(offset)` asks for another page of `pageSize`. */
export function problemTable(page, { pageSize, onPage }) {
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
  if (page.total > pageSize) {
    const prev = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "import-problems-prev", disabled: page.offset === 0 }, t("pager.prev"));
    const next = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "import-problems-next", disabled: page.offset + page.rows.length >= page.total }, t("pager.next"));
    prev.addEventListener("click", () => onPage(Math.max(0, page.offset - pageSize)));
    next.addEventListener("click", () => onPage(page.offset + pageSize));
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
