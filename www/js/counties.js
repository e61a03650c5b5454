// 县区排名: the counties ranked by their mean distance-to-frontier score
// over the indicators they have data for (rankCounties()), each expandable
// to its per-indicator scores.

import { byId, el } from "./dom.js";
import { nameOf, score } from "./format.js";
import { t } from "./i18n.js";
import { hashFor } from "./router.js";
import { dataTable } from "./widgets.js";

export function createCountiesView(evaluation) {
  const section = byId("view-counties");
  const heading = byId("counties-heading");
  const errorBox = byId("counties-error");
  const box = byId("county-ranking");
  const open = new Set(); // counties whose detail is shown

  function detail(entry) {
    // Catalogue order, with the indicator names.
    const rows = evaluation.catalog.indicators
      .filter((ind) => typeof entry.scores[ind.id] === "number")
      .map((ind) =>
        el(
          "tr",
          { "data-indicator": ind.id },
          el("td", { class: "ind-id" }, ind.id),
          el("th", { scope: "row" }, el("a", { href: hashFor("indicator", ind.id) }, nameOf(ind))),
          el("td", { class: "num score" }, score(entry.scores[ind.id])),
          el("td", { class: "bar" }, el("meter", { min: "0", max: "100", value: String(entry.scores[ind.id]), "aria-hidden": "true" })),
        ),
      );
    return dataTable({
      caption: t("ranking.detailCaption", { county: entry.county }),
      className: "score-table",
      heads: [t("col.id"), t("col.indicator"), el("th", { scope: "col", class: "num" }, t("col.score")), el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("col.bar")))],
      rows,
    });
  }

  function render() {
    const result = evaluation.ranking();
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
          el("td", { class: "num" }, String(entry.indicators)),
          el("td", { class: "actions" }, toggle),
        ),
        el(
          "tr",
          { id: detailId, class: "ranking-detail", hidden: !expanded },
          el("td", { colspan: "6" }, expanded ? detail(entry) : null),
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
