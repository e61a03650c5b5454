// 总览: every indicator of the plan against its target, by topic, from the
// workspace's dashboard() (one row per indicator, computed in the worker).

import { byId, el } from "../../lib/dom.js";
import { nameOf, signed, targetText, unitLabel, withUnit } from "../../lib/format.js";
import { t } from "../../lib/i18n.js";
import { pick, verdictDetail } from "../../lib/plan-notes.js";
import { hashFor } from "../../lib/router.js";
import { dataTable, metBadge, warningList } from "../../widgets/common.js";

export function createDashboard(evaluation) {
  const section = byId("view-dashboard");
  const heading = byId("dashboard-heading");
  const plan = byId("dashboard-plan");
  const errorBox = byId("dashboard-error");
  const totalsBox = byId("dashboard-totals");
  const warningsBox = byId("dashboard-warnings");
  const topicsBox = byId("dashboard-topics");

  const { plan: planInfo } = evaluation.catalog;

  function total(id, key, value, cls) {
    return el(
      "li",
      { class: `total total-${cls}` },
      el("span", { class: "total-label" }, t(key)),
      el("span", { class: "total-value", id }, String(value)),
    );
  }

  function countCell(ind) {
    const hints = [
      ind.open && t("dashboard.hint.open", { n: ind.open }),
      ind.late && t(ind.perCase ? "dashboard.hint.late" : "dashboard.hint.overLimit", { n: ind.late }),
      ind.invalid && t("dashboard.hint.invalid", { n: ind.invalid }),
    ].filter(Boolean);
    return el(
      "td",
      { class: "num count", "data-label": t("col.count") },
      el("span", { class: "count-total" }, String(ind.count)),
      hints.length ? el("span", { class: "count-hints" }, hints.join(t("list.separator"))) : null,
    );
  }

  function indicatorRow(ind) {
    const href = hashFor("indicator", ind.id);
    // Why the verdict: the two shares, the county that misses, the series that did not fall.
    const detail = verdictDetail(ind, unitLabel(ind));
    const row = el(
      "tr",
      { "data-indicator": ind.id, "data-met": String(ind.met), class: ind.met === false ? "is-not-met" : null },
      el("td", { class: "ind-id" }, el("a", { href, tabindex: "-1" }, ind.id)),
      el("th", { scope: "row", class: "ind-name" }, el("a", { href }, nameOf(ind)), detail ? el("span", { class: "ind-detail" }, detail) : null),
      // data-label: the column's name beside the value when a phone shows the row as a card.
      el("td", { class: "target", "data-label": t("col.target") }, targetText(ind)),
      el("td", { class: "num value", "data-label": t("col.value") }, withUnit(ind.value, ind.unit, unitLabel(ind))),
      el("td", { class: "met" }, metBadge(ind.met)),
      el("td", { class: "num gap", "data-label": t("col.gap") }, ind.value === null ? t("results.empty") : signed(ind.gap, ind.unit)),
      countCell(ind),
    );
    // The whole row opens the indicator; the name link is the keyboard way there.
    row.addEventListener("click", (event) => {
      if (event.target.closest("a")) return;
      location.hash = href;
    });
    return row;
  }

  /** Counts the renders asked for: an answer for an older one is dropped (the newer shows). */
  let asked = 0;

  async function render() {
    const ticket = ++asked;
    plan.textContent = t("dashboard.plan", { name: nameOf(planInfo) || planInfo.nameZh, doc: pick(planInfo.document, planInfo.documentEn), issued: planInfo.issued });
    // The previous table stays until the answer is here: no flicker.
    const result = await evaluation.all();
    if (ticket !== asked) return;
    errorBox.hidden = result.ok;
    if (!result.ok) {
      errorBox.textContent = t("dashboard.failed", { msg: result.message });
      totalsBox.replaceChildren();
      topicsBox.replaceChildren();
      return;
    }
    const all = result.value;
    const { totals } = all;
    totalsBox.replaceChildren(
      total("total-indicators", "dashboard.total.indicators", totals.indicators, "all"),
      total("total-met", "dashboard.total.met", totals.met, "met"),
      total("total-not-met", "dashboard.total.notMet", totals.notMet, "not-met"),
      total("total-no-data", "dashboard.total.noData", totals.noData, "no-data"),
    );
    const warnings = warningList(all.warnings);
    warningsBox.replaceChildren(...(warnings ? [warnings] : []));
    warningsBox.hidden = !warnings;

    const bodies = all.topics.map((topic) => {
      const indicators = all.indicators.filter((ind) => ind.topic === topic.id);
      const counts = [
        t("dashboard.topic.met", { n: topic.met }),
        topic.notMet ? t("dashboard.topic.notMet", { n: topic.notMet }) : null,
      ].filter(Boolean);
      return el(
        "tbody",
        { id: `topic-${topic.id}`, "data-topic": topic.id },
        el(
          "tr",
          { class: "topic-row" },
          el(
            "th",
            { scope: "colgroup", colspan: "7" },
            el("span", { class: "topic-name" }, t("dashboard.topic.name", { id: topic.id, name: nameOf(topic) })),
            el("span", { class: `topic-counts${topic.notMet ? " has-not-met" : ""}` }, counts.join(t("list.separator"))),
          ),
        ),
        ...indicators.map(indicatorRow),
      );
    });
    const table = dataTable({
      caption: t("dashboard.caption"),
      captionHidden: true,
      id: "dashboard-table",
      className: "dashboard-table",
      heads: [
        el("th", { scope: "col", class: "ind-id" }, t("col.id")),
        t("col.indicator"),
        t("col.target"),
        el("th", { scope: "col", class: "num" }, t("col.value")),
        t("col.met"),
        el("th", { scope: "col", class: "num" }, el("abbr", { title: t("col.gap.title") }, t("col.gap"))),
        el("th", { scope: "col", class: "num" }, t("col.count")),
      ],
      rows: [],
    });
    table.querySelector("tbody").remove();
    table.append(...bodies);
    topicsBox.replaceChildren(table);
  }

  return {
    section,
    /** The evaluation shown (the print report counts the same indicators). */
    evaluation,
    heading: () => heading,
    show() {
      render();
      return t("nav.dashboard");
    },
  };
}
