// What the page says about how an indicator is measured and how counties are
// scored: the catalogue's own notes, in the page language, with the settings
// in force. Text only: every number comes from the core or the catalogue.

import { asThePlanWrites, fixed, number, unitLabel } from "./format.js";
import { language, t } from "./i18n.js";

/** The Chinese or English of a pair, by the page language. */
export function pick(zh, en) {
  return (language() === "en" ? en : zh) ?? zh ?? en ?? "";
}

/**
 * The plan's clause in the page language: the Chinese as published, or the
 * catalogue's English rendering of it.
 */
export function clauseText(ind) {
  return pick(ind.clause, ind.clauseEn);
}

/** Where the clause stands: "——《行动方案》二、（一）1" or "— Action plan, Part II (1) 1 (translated)". */
export function clauseRefText(ind) {
  if (!ind.clauseRef) return "";
  if (language() === "en" && ind.clauseEn && ind.clauseRefEn) return t("indicator.clauseRefTranslated", { ref: ind.clauseRefEn });
  return t("indicator.clauseRef", { ref: pick(ind.clauseRef, ind.clauseRefEn) });
}

/** The office sessions as written: "09:00–12:00、14:00–18:00". */
export function sessionsText(settings) {
  return settings.sessions.map(([from, to]) => t("print.session", { from, to })).join(t("print.listSeparator"));
}

/**
 * The catalogue's method note (scope, time basis, aggregation), and for
 * working time the working day in force: its length and office hours.
 */
export function methodNote(ind, settings) {
  const note = pick(ind.methodNoteZh, ind.methodNoteEn);
  if (ind.method !== "elapsed_working") return note;
  const sessions = sessionsText(settings);
  const day =
    settings.hoursPerDay === null
      ? t("note.day.sessions", { sessions })
      : t("note.day.fixed", { h: fixed(settings.hoursPerDay, 0, 2), sessions });
  return [note, day].filter(Boolean).join(t("note.join"));
}

/** How a case's time is measured (timed indicators): stages or span. */
export function basisText(timeBasis) {
  return timeBasis ? t(`basis.${timeBasis}`) : "";
}

/** How case values make the indicator's value. */
export function aggregationText(aggregation) {
  return t(`aggregation.${aggregation}`);
}

/** The catalogue's statement of how counties are scored. */
export function scoringNote(catalog, scoring = catalog.scoring?.method) {
  if (scoring === "doing_business") return t("score.method.doing_business");
  return pick(catalog.scoring?.noteZh, catalog.scoring?.noteEn) || t("score.method.target_anchored");
}

/** Against what an indicator's county scores were computed, with the sources. */
export function frontierText(report, anchor = 60) {
  const f = report.frontier;
  if (!f) return t(report.method === "count" ? "score.none.count" : report.method === "trend" ? "score.none.trend" : "score.none");
  // Figures as the plan and the catalogue write them: "0.4 工作日", "98%".
  const label = unitLabel(report);
  const figure = (x) => asThePlanWrites(x, report.unit, label);
  const best = figure(f.best);
  const worst = figure(f.worst);
  if (report.scoring === "target_anchored") {
    return t("score.anchored", {
      anchor: fixed(anchor, 0, 0),
      target: figure(report.target),
      best,
      worst,
      bestSource: pick(f.bestSourceZh ?? f.sourceZh, f.bestSource ?? f.source),
      worstSource: pick(f.worstSourceZh ?? f.sourceZh, f.worstSource ?? f.source),
    });
  }
  return t("score.frontier", { best, worst, source: pick(f.sourceZh ?? f.bestSourceZh, f.source ?? f.bestSource) });
}

/** A share, series or county detail of an indicator's verdict, for the dashboard and summaries. */
export function verdictDetail(item, unitLabel) {
  const parts = [];
  if (item.shares?.length) {
    parts.push(
      item.shares
        .map((s) => t("detail.share", { name: pick(s.nameZh, s.nameEn), value: s.value === null ? t("results.empty") : `${number(s.value, "percent")}${unitLabel}` }))
        .join(t("list.separator")),
    );
  }
  if (item.failingCounties?.length) parts.push(t("detail.failing", { counties: item.failingCounties.join(t("print.listSeparator")) }));
  else if (item.bindingCounty) parts.push(t("detail.binding", { county: item.bindingCounty }));
  if (item.series?.length && item.series.some((s) => s.fell !== null)) {
    const name = (s) => [s.county, s.series].filter(Boolean).join(" · ") || t("detail.city");
    const fell = item.series.filter((s) => s.fell === true).map(name);
    const rose = item.series.filter((s) => s.fell === false).map(name);
    if (fell.length) parts.push(t("detail.fell", { series: fell.join(t("print.listSeparator")) }));
    if (rose.length) parts.push(t("detail.notFell", { series: rose.join(t("print.listSeparator")) }));
  }
  return parts.join(t("detail.join"));
}
