// Pure JS modules of the page, without a browser: display rounding (format.js), the i18n
// runtime (i18n.js: lookup, placeholders, fallback, language switch and its listeners) and the
// URL options (params.js). Expected values worked by hand. Run: node --test tests/js/

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { fixed, number, compactInstant, setEnglishSingulars, signed, share, targetText, withUnit } from "../../www/js/lib/format.js";
import { language, onLanguageChange, setLanguage, t } from "../../www/js/lib/i18n.js";
import { onlyIndicators, parseHours, readParams } from "../../www/js/lib/params.js";

test("fixed: between min and max decimals, no minus zero", () => {
  assert.equal(fixed(3, 2, 4), "3.00");
  assert.equal(fixed(0.1875, 2, 4), "0.1875");
  assert.equal(fixed(90, 0, 2), "90");
  assert.equal(fixed(0.57142857, 2, 2), "0.57");
  assert.equal(fixed(-0.001, 2, 2), "0.00");
  assert.equal(fixed(Number.NaN, 2, 2), t("results.empty"));
});

test("number by unit, with a typographic minus; shares and signed gaps", () => {
  assert.equal(number(240 / 420, "working_days"), "0.57");
  assert.equal(number(20.1, "calendar_days"), "20.1");
  assert.equal(number(-0.09, "working_days"), "\u22120.09");
  assert.equal(share(0.792), "79.2%");
  assert.match(signed(0.1, "calendar_days"), /^\+0\.1$/);
  assert.equal(compactInstant("2023-10-09T18:00"), "2023-10-09 18:00");
  assert.equal(compactInstant("2023-10-09T00:00", { dateOnly: true }), "2023-10-09");
});

test("English counts one in the singular: targets and values; Chinese has no plural", () => {
  const daily = { direction: "le", target: 1, unit: "working_days", unitLabelZh: "工作日", unitLabelEn: "working days" };
  // The singulars the page gets from the core's catalogue view: the data file both sides read.
  setEnglishSingulars(JSON.parse(readFileSync(new URL("../../data/methods.json", import.meta.url), "utf8")).englishSingulars);
  setLanguage("en", { persist: false, root: null });
  assert.equal(targetText(daily), "≤ 1 working day");
  assert.equal(targetText({ ...daily, target: 0.4 }), "≤ 0.4 working days");
  assert.equal(withUnit(1, "working_days", "working days"), "1.00 working days");
  assert.equal(withUnit(1, "calendar_days", "calendar days"), "1 calendar day");
  assert.equal(withUnit(1, "count", "× 10,000 mu"), "1 × 10,000 mu");
  setLanguage("zh", { persist: false, root: null });
  assert.equal(targetText(daily), "≤ 1 工作日");
});

test("t: placeholders filled, unknown ones left, the fallback for a missing key; languages switch with their listeners", () => {
  setLanguage("zh", { persist: false, root: null });
  assert.equal(t("pager.range", { from: 1, to: 50, n: 100000 }), "第 1–50 条，共 100000 条");
  assert.equal(t("pager.range", { from: 1 }), "第 1–{to} 条，共 {n} 条");
  assert.equal(t("no.such.key", {}, "fallback"), "fallback");
  const heard = [];
  const stop = onLanguageChange((lang) => heard.push(lang));
  setLanguage("en", { persist: false, root: null });
  assert.equal(language(), "en");
  assert.equal(t("pager.range", { from: 51, to: 100, n: 100000 }), "Cases 51–100 of 100000");
  setLanguage("en", { persist: false, root: null }); // no change: no call
  stop();
  setLanguage("zh", { persist: false, root: null });
  assert.deepEqual(heard, ["en"]);
});

test("URL options: hours, indicators, readonly, language", () => {
  assert.deepEqual(parseHours("08:30-12:00, 14:30-17:30"), [["08:30", "12:00"], ["14:30", "17:30"]]);
  assert.equal(parseHours("9-12"), null);
  const params = readParams("?lang=en&indicators=1.1,3.4,1.1&readonly=1");
  assert.deepEqual(params, { lang: "en", indicators: ["1.1", "3.4"], hours: null, readonly: true });
  assert.equal(readParams("?readonly=0").readonly, false);
});

test("the dashboard cut down to some indicators counts over them alone", () => {
  const all = {
    indicators: [
      { id: "1.1", topic: "1", met: true, value: 0.31 },
      { id: "1.2", topic: "1", met: false, value: 20.1 },
      { id: "3.4", topic: "3", met: null, value: null },
    ],
    topics: [{ id: "1" }, { id: "3" }],
    totals: { indicators: 3, met: 1, notMet: 1, noData: 1, withData: 2 },
  };
  const cut = onlyIndicators(all, new Set(["1.1", "3.4"]));
  assert.deepEqual(cut.indicators.map((i) => i.id), ["1.1", "3.4"]);
  assert.deepEqual(cut.totals, { indicators: 2, met: 1, notMet: 0, noData: 1, withData: 1 });
  assert.deepEqual(cut.topics.map((x) => [x.id, x.indicators]), [["1", 1], ["3", 1]]);
});
