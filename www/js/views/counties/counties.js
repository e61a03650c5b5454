// 县区排名: the counties ranked by their scores over the ranked indicators
// (rankCounties()): the sum of a county's scores divided by the number of
// ranked indicators with data in the city, so missing data counts 0; each
// row states the county's coverage and its mean over its own indicators, and
// expands to its per-indicator scores. How scores are computed is the
// catalogue's statement, shown above the table; the method can be switched.
// 打印排名 prints it (print-report.js builds the report); 导出 Excel / CSV
// write it in the core (Workspace export("ranking", format)).

import { byId, el } from "../../lib/dom.js";
import { CSV_TYPE, XLSX_TYPE, dateStamp, downloadMade } from "../../lib/download.js";
import { nameOf, score } from "../../lib/format.js";
import { onLanguageChange, t } from "../../lib/i18n.js";
import { scoringNote } from "../../lib/plan-notes.js";
import { hashFor } from "../../lib/router.js";
import { getState, setSettings } from "../../core/state.js";
import { dataTable } from "../../widgets/common.js";

export function createCountiesView(evaluation) {
  const section = byId("view-counties");
  const heading = byId("counties-heading");
  const errorBox = byId("counties-error");
  const box = byId("county-ranking");
  const scoringBox = byId("ranking-scoring");
  const open = new Set(); // counties whose detail is shown

  // Print and export: texts carry their keys (data-i18n), so a language switch rewrites them.
  const button = (id, key, cls = "btn btn-secondary btn-small") => el("button", { type: "button", class: cls, id, "data-i18n": key }, t(key));
  const printButton = button("ranking-print", "ranking.print", "btn btn-secondary btn-small print-button");
  const xlsxButton = button("ranking-export-xlsx", "ranking.exportXlsx");
  const csvButton = button("ranking-export-csv", "ranking.exportCsv");
  const exportStatus = el("p", { class: "form-status", id: "ranking-export-status", role: "status" });
  box.before(el("div", { class: "ranking-actions no-print" }, el("div", { class: "btn-row" }, printButton, xlsxButton, csvButton), exportStatus));

  const exportRanking = (format) =>
    downloadMade(
      async () => ({
        data: await evaluation.workspace.exportOf("ranking", format),
        name: t("ranking.fileName", { date: dateStamp(), ext: format }),
        type: format === "csv" ? CSV_TYPE : XLSX_TYPE,
      }),
      { status: exportStatus, buttons: [xlsxButton, csvButton] },
    );
  xlsxButton.addEventListener("click", () => exportRanking("xlsx"));
  csvButton.addEventListener("click", () => exportRanking("csv"));
  onLanguageChange(() => {
    exportStatus.textContent = "";
  });

  /** The scoring statement and the choice of method. */
  function renderScoring() {
    const method = getState().settings.scoring ?? "target_anchored";
    const radios = ["target_anchored", "doing_business"].map((value) => {
      const id = `scoring-${value}`;
      const input = el("input", { type: "radio", name: "scoring-method", id, value, checked: value === method });
      input.addEventListener("change", () => {
        if (input.checked) setSettings({ scoring: value });
      });
      return el("div", { class: "check" }, input, el("label", { for: id }, t(`score.choice.${value}`)));
    });
    scoringBox.replaceChildren(
      el("p", { class: "formula-hint scoring-note" }, el("strong", {}, t("ranking.formula.title")), el("span", { id: "ranking-scoring-note" }, scoringNote(evaluation.catalog, method))),
      el("fieldset", { class: "group radio-group no-print" }, el("legend", {}, t("score.legend")), ...radios),
    );
  }

  function detail(entry, ranked) {
    // Catalogue order, with the indicator names; a ranked indicator the county has no data
    // for is listed too, as it counts 0.
    const rows = evaluation.catalog.indicators
      .filter((ind) => ranked.has(ind.id))
      .map((ind) => {
        const has = typeof entry.scores[ind.id] === "number";
        return el(
          "tr",
          { "data-indicator": ind.id, class: has ? null : "no-data" },
          el("td", { class: "ind-id" }, ind.id),
          el("th", { scope: "row" }, el("a", { href: hashFor("indicator", ind.id) }, nameOf(ind))),
          el("td", { class: "num score" }, has ? score(entry.scores[ind.id]) : t("ranking.noData")),
          el("td", { class: "bar" }, has ? el("meter", { min: "0", max: "100", value: String(entry.scores[ind.id]), "aria-hidden": "true" }) : null),
        );
      });
    return dataTable({
      caption: t("ranking.detailCaption", { county: entry.county }),
      className: "score-table",
      heads: [t("col.id"), t("col.indicator"), el("th", { scope: "col", class: "num" }, t("col.score")), el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("col.bar")))],
      rows,
    });
  }

  let asked = 0;

  async function render() {
    const ticket = ++asked;
    renderScoring();
    const result = await evaluation.ranking();
    if (ticket !== asked) return;
    errorBox.hidden = result.ok;
    if (!result.ok) {
      errorBox.textContent = t("ranking.failed", { msg: result.message });
      box.replaceChildren();
      return;
    }
    const ranking = result.value;
    if (!ranking.length) {
      box.replaceChildren(el("p", { class: "empty" }, t("ranking.empty")));
      return;
    }
    // The ranked indicators with data in the city: those any county has a score for.
    const ranked = new Set(ranking.flatMap((entry) => Object.keys(entry.scores)));
    const rows = [];
    ranking.forEach((entry, i) => {
      const detailId = `ranking-detail-${i}`;
      const expanded = open.has(entry.county);
      const toggle = el(
        "button",
        { type: "button", class: "btn btn-link btn-small", "aria-expanded": String(expanded), "aria-controls": detailId },
        t(expanded ? "ranking.hide" : "ranking.show"),
        el("span", { class: "visually-hidden" }, t("ranking.toggleOf", { county: entry.county })),
      );
      toggle.addEventListener("click", () => {
        if (open.has(entry.county)) open.delete(entry.county);
        else open.add(entry.county);
        render();
        box.querySelector(`[aria-controls="${detailId}"]`)?.focus();
      });
      rows.push(
        el(
          "tr",
          { "data-county": entry.county, class: "ranking-row" },
          el("td", { class: "num rank" }, String(entry.rank)),
          el("th", { scope: "row" }, entry.county),
          el("td", { class: "num score" }, score(entry.score)),
          el("td", { class: "bar" }, el("meter", { min: "0", max: "100", value: String(entry.score), "aria-hidden": "true" })),
          el("td", { class: "num coverage" }, t("ranking.coverage", { k: entry.indicators, n: entry.rankedIndicators })),
          el("td", { class: "num own-mean" }, score(entry.ownMean)),
          el("td", { class: "actions" }, toggle),
        ),
        el(
          "tr",
          { id: detailId, class: "ranking-detail", hidden: !expanded },
          el("td", { colspan: "7" }, expanded ? detail(entry, ranked) : null),
        ),
      );
    });
    box.replaceChildren(
      dataTable({
        caption: t("ranking.caption"),
        captionHidden: true,
        id: "ranking-table",
        className: "ranking-table",
        heads: [
          el("th", { scope: "col", class: "num" }, t("col.rank")),
          t("col.county"),
          el("th", { scope: "col", class: "num" }, t("col.countyScore")),
          el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("col.bar"))),
          el("th", { scope: "col", class: "num" }, t("col.scored")),
          el("th", { scope: "col", class: "num" }, t("col.ownMean")),
          el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("col.details"))),
        ],
        rows,
      }),
    );
  }

  return {
    section,
    heading: () => heading,
    show() {
      render();
      return t("nav.counties");
    },
  };
}
