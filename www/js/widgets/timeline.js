// A case's stages on one line (the case table's 办理环节 column), placed where the core says they
// lie on the case's timeline.

import { el } from "../lib/dom.js";
import { compactInstant, withUnit } from "../lib/format.js";
import { t } from "../lib/i18n.js";

/**
 * A case's steps on one line: each stage (or parallel procedure) a bar placed
 * where the core says it lies on the case's timeline (from/to, 0–1 of its
 * calendar time), so that the time between stages shows as a gap; an open
 * stage is hatched, a stage not started is listed after the line. Each bar
 * names its stage, dates and time for readers that cannot see it.
 */
export function stepTimeline(result, unit, label) {
  const steps = result.steps ?? [];
  if (!steps.length) return null;
  const placed = steps.filter((s) => typeof s.from === "number" && typeof s.to === "number");
  const describe = (s) =>
    t(s.open ? "timeline.stepOpen" : "timeline.step", {
      name: s.name || t("timeline.unnamed"),
      start: compactInstant(s.start),
      end: compactInstant(s.end),
      value: s.value === null || s.value === undefined ? t("results.empty") : withUnit(s.value, unit, label),
    });
  const bars = placed.map((s) => {
    const bar = el("span", { class: `timeline-bar${s.open ? " is-open" : ""}`, title: describe(s) });
    // Set through the CSSOM: the pages' CSP allows no inline style attributes.
    bar.style.left = `${(s.from * 100).toFixed(2)}%`;
    bar.style.width = `${Math.max((s.to - s.from) * 100, 0.8).toFixed(2)}%`;
    return bar;
  });
  const pending = steps.filter((s) => s.pending).map((s) => s.name || t("timeline.unnamed"));
  return el(
    "div",
    { class: "timeline" },
    el("div", { class: "timeline-line", "aria-hidden": "true" }, ...bars),
    el("ul", { class: "visually-hidden" }, ...placed.map((s) => el("li", {}, describe(s)))),
    pending.length ? el("span", { class: "timeline-pending" }, t("timeline.pending", { names: pending.join(t("print.listSeparator")) })) : null,
  );
}
