// Charts and the printed report of www/index.html in headless Debian
// Chromium: the charts the core draws (chartSvg) put on the indicator view
// as SVG nodes, their SVG and PNG downloads, user text in them kept as text;
// 打印报告 of an indicator and of the dashboard — what the report says, how
// late cases are marked for a black-and-white printer, what print hides —
// and an A4 PDF of it; the rules that keep pages whole (heads repeated and
// kept with rows, no page with only the footer); 县区排名 printed and
// exported (.xlsx and CSV from the core); the calculator printing its result
// without its form.
//
// window.print() is replaced by a counter in these tests: headless Chromium
// would otherwise hold the page in its print state and refuse page.pdf().
//
// Needs: `make build` (www/pkg/), /usr/bin/chromium, node_modules/playwright-core.

import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { core, download, fixture, go, importFile, text, until, useBrowser } from "./support.mjs";

const LEDGER = fixture("construction-2.1.csv");

const site = useBrowser({ fixtures: ["construction-2.1.csv"] });

/** A fresh page at `hash` once the core has loaded, with window.print() counted instead of done. */
async function openPage(hash = "") {
  const opened = await site.openPage(hash);
  // Printing is counted, not done (see the top of this file).
  await opened.page.evaluate(() => {
    window.print = () => {
      window.printed = (window.printed ?? 0) + 1;
    };
  });
  return opened;
}

/** chartSvg of the sample data's indicator `id`, from the core the page loaded, as the page asks for it. */
function coreChart(page, kind, id, lang = "zh") {
  return core(
    page,
    ({ kind, id, lang }) => {
      const sample = window.core.sampleDataset();
      const sessions = [["09:00", "12:00"], ["14:00", "18:00"]];
      const report = window.core.evaluate(id, sample.indicators[id], { asOf: sample.asOf, sessions, lang });
      return window.core.chartSvg(kind, report, { lang });
    },
    { kind, id, lang },
  );
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Computed style of the first node matching `selector`. */
function style(page, selector, props) {
  return page.$eval(
    selector,
    (node, props) => {
      const s = getComputedStyle(node);
      return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
    },
    props,
  );
}

describe("charts", () => {
  test("an indicator shows the core's distribution, county and monthly charts as SVG; a rate has no monthly chart, a trend only its line", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      const kinds = await page.$$eval("#indicator-charts figure", (figures) => figures.map((f) => f.dataset.chart));
      assert.deepEqual(kinds, ["distribution", "counties", "trend"]);
      for (const kind of kinds) {
        const expected = await coreChart(page, kind, "1.1");
        const shown = await page.$eval(`#chart-${kind} svg`, (svg) => ({
          role: svg.getAttribute("role"),
          label: svg.getAttribute("aria-label"),
          text: svg.textContent,
          elements: svg.querySelectorAll("*").length,
          html: svg instanceof SVGSVGElement,
        }));
        const drawn = await page.evaluate((source) => {
          const svg = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
          return { text: svg.textContent, elements: svg.querySelectorAll("*").length };
        }, expected);
        assert.equal(shown.html, true, `${kind}: a live SVG element`);
        assert.equal(shown.role, "img");
        assert.match(shown.label, /1\.1 企业开办时间/);
        assert.equal(shown.text, drawn.text, kind);
        assert.equal(shown.elements, drawn.elements, kind);
      }
      assert.equal(await page.locator("#chart-distribution svg .target").count(), 1, "the target line");
      assert.equal(await page.locator("#chart-counties svg .bar").count(), 10, "one bar per county");

      await go(page, "#/indicator/4.1");
      const rateKinds = await page.$$eval("#indicator-charts figure", (figures) => figures.map((f) => f.dataset.chart));
      assert.deepEqual(rateKinds, ["distribution", "counties"]);
      // A trend (6.1) is a line over its periods only; a count (4.4) is bars by county only.
      await go(page, "#/indicator/6.1");
      await until(() => page.$$eval("#indicator-charts figure", (figures) => figures.map((f) => f.dataset.chart)), (k) => k.length === 1 && k[0] === "trend", "6.1 charts");
      await go(page, "#/indicator/4.4");
      await until(() => page.$$eval("#indicator-charts figure", (figures) => figures.map((f) => f.dataset.chart)), (k) => k.length === 1 && k[0] === "counties", "4.4 charts");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("each chart downloads as the SVG the core drew and as a PNG at twice its size", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      const svg = await download(page, "#chart-distribution .chart-svg-download");
      assert.equal(svg.name, "1.1-企业开办时间-案件数值分布.svg");
      assert.equal(svg.bytes.toString("utf8"), await coreChart(page, "distribution", "1.1"));
      assert.match(await text(page, "#chart-distribution .chart-status"), /1\.1-企业开办时间-案件数值分布\.svg/);

      const png = await download(page, "#chart-trend .chart-png-download");
      assert.equal(png.name, "1.1-企业开办时间-按月趋势.png");
      const [width, height] = await page.$eval("#chart-trend svg", (s) => [Number(s.getAttribute("width")), Number(s.getAttribute("height"))]);
      assert.deepEqual(pngSize(png.bytes), { width: 2 * width, height: 2 * height });
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("text typed by a user stays text in a chart; markup in SVG text is dropped before it reaches the page", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      const hostile = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
      await page.fill("#case-id", "XSS-1");
      await page.fill("#case-county", hostile);
      await page.fill("#case-name", `</text><script>alert(3)</script>`);
      await page.fill("#case-start", "2023-07-14 09:00");
      await page.fill("#case-end", "2023-07-14 10:00");
      await page.click("#case-save");
      await page.locator('#case-table tr[data-case-id="XSS-1"]').waitFor();
      const counties = page.locator("#chart-counties svg");
      assert.match(await counties.textContent(), /<img src=x onerror="alert\(1\)"><script>alert\(2\)<\/script>/);
      assert.equal(await page.locator("#indicator-charts script, #indicator-charts img, #indicator-charts foreignObject").count(), 0);

      assert.deepEqual(problems, []);

      // svgNode() keeps only drawing elements and plain attributes, whatever it is given.
      // (Parsing this text, the page's CSP already blocks its handlers and style: reported, refused.)
      const cleaned = await page.evaluate(async () => {
        const { svgNode } = await import("./js/views/indicator/charts.js");
        const node = svgNode(
          `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" width="10" height="10">` +
            `<script>alert(2)</script><rect onclick="alert(3)" style="fill:red" width="1" height="1"/>` +
            `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>` +
            `<a href="javascript:alert(4)"><text>t</text></a><use xlink:href="#x"/><text>kept</text></svg>`,
        );
        let notSvg = null;
        try {
          svgNode("<html><body>not a chart</body></html>");
        } catch (error) {
          notSvg = error.message;
        }
        return {
          markup: node.outerHTML,
          attributes: [node, ...node.querySelectorAll("*")].flatMap((n) => [...n.attributes].map((a) => a.name)),
          notSvg,
        };
      });
      assert.doesNotMatch(cleaned.markup, /script|foreignObject|<a |<use|alert|javascript/i, cleaned.markup);
      assert.match(cleaned.markup, /<text>kept<\/text>/);
      assert.ok(cleaned.attributes.every((name) => !/^on|href|style/i.test(name)), cleaned.attributes.join(" "));
      assert.ok(cleaned.notSvg, "text that is not SVG is refused");
      const refused = problems.filter((p) => /Content Security Policy|CSP violation: (script|style)-src-attr/.test(p));
      assert.deepEqual(problems, refused, "nothing but the CSP refusing the hostile attributes");
    } finally {
      await close();
    }
  });
});

describe("printed report", () => {
  test("打印报告 of an indicator: title, date, source, settings, summary, charts, counties and cases; late rows marked in black; A4", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      const today = await page.evaluate(() => {
        const d = new Date();
        const pad = (n) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      });
      await page.click("#indicator-print");
      assert.equal(await page.evaluate(() => window.printed), 1);
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("has-print-report")), true);

      const report = "#print-report .report";
      assert.equal(await text(page, `${report} .report-title`), "1.1 企业开办时间");
      assert.equal(await text(page, `${report} .report-kicker`), "营商环境指标评估报告");
      assert.match(await text(page, `${report} .report-plan`), /曲靖市营商环境提质培优年行动方案.*曲政办发〔2023〕49号/);
      const facts = await text(page, `${report} .report-facts`);
      for (const expected of ["打印日期", today, "数据来源", "示例数据", "评估时点", "2023-12-29 17:00", "办公时间", "09:00–12:00、14:00–18:00", "工作日折算", "节假日安排", "2004—2026"]) {
        assert.ok(facts.includes(expected), `facts name ${expected}: ${facts}`);
      }

      // The summary says what the view says.
      const summary = await page.$$eval(`${report} .report-pairs th`, (ths) => Object.fromEntries(ths.map((th) => [th.textContent.trim(), th.nextElementSibling.textContent.trim()])));
      assert.equal(summary["当前值（各案件平均）"], await text(page, "#summary-value"));
      assert.equal(summary["目标"], await text(page, "#summary-target"));
      assert.equal(summary["未达标"], await text(page, "#summary-late"));

      assert.equal(await page.locator(`${report} svg[role="img"]`).count(), 3, "three charts");
      assert.equal(await page.locator(`${report} button, ${report} input, ${report} select, ${report} a`).count(), 0, "no controls or links");
      assert.equal(await page.locator("#print-report [id]").count(), 0, "no ids taken from the page");

      // Cases: every row; the late ones say so in words, not only in colour.
      const sections = page.locator(`${report} .report-section`);
      const caseSection = sections.filter({ hasText: "案件明细（共 24 件）" });
      assert.equal(await caseSection.locator("tbody tr").count(), 24);
      const late = caseSection.locator("tbody tr.is-late");
      assert.equal(await late.count(), Number(await text(page, "#summary-late")));
      for (const row of await late.all()) assert.match(await row.textContent(), /✗\s*未达标/);
      assert.equal(await sections.filter({ hasText: "各县区情况" }).locator("tbody tr").count(), 10);
      // How it is measured, and how counties are scored, as the view and the catalogue say.
      assert.equal(await text(page, `${report} .report-method-note`), await text(page, "#indicator-method-note"));
      const counties = await sections.filter({ hasText: "各县区情况" }).textContent();
      assert.ok(counties.includes(await text(page, "#frontier-source")), "the scale and its sources");
      assert.match(counties, /县区得分以方案目标为锚点：达到目标记 60 分/);

      // On paper: the report alone, late rows bold with a heavy black rule.
      await page.emulateMedia({ media: "print" });
      for (const hidden of [".site-header", "#main", ".site-footer", ".site-nav"]) {
        assert.equal((await style(page, hidden, ["display"])).display, "none", `${hidden} is not printed`);
      }
      assert.equal((await style(page, "#print-report", ["display"])).display, "block");
      const lateCell = `${report} .report-section tbody tr.is-late > td:first-child`;
      const marked = await style(page, lateCell, ["font-weight", "border-left-width", "border-left-style", "border-left-color", "color"]);
      assert.ok(Number(marked["font-weight"]) >= 700, JSON.stringify(marked));
      assert.ok(parseFloat(marked["border-left-width"]) >= 3, JSON.stringify(marked));
      assert.equal(marked["border-left-style"], "solid");
      assert.equal(marked["border-left-color"], "rgb(0, 0, 0)");
      assert.equal(marked.color, "rgb(0, 0, 0)");

      const pdf = await page.pdf({ format: "A4" });
      const raw = pdf.toString("latin1");
      assert.ok(raw.startsWith("%PDF-"));
      const pages = raw.match(/\/Type\s*\/Page[^s]/g) ?? [];
      assert.ok(pages.length >= 2 && pages.length <= 6, `${pages.length} pages`);
      assert.match(raw, /\/MediaBox\s*\[\s*0 0 59[56](\.\d+)? 84[12](\.\d+)?\s*\]/, "A4 pages (595 × 842 pt)");

      // On screen the report is not shown.
      await page.emulateMedia({ media: "screen" });
      assert.equal((await style(page, "#print-report", ["display"])).display, "none");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("打印报告 of the dashboard; Ctrl+P makes the report of the view shown, in its language; the calculator prints itself", async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.click("#dashboard-print");
      const report = "#print-report .report";
      assert.equal(await text(page, `${report} .report-title`), "全部指标完成情况总览");
      const totals = await page.$$eval(`${report} .report-pairs th`, (ths) => Object.fromEntries(ths.map((th) => [th.textContent.trim(), th.nextElementSibling.textContent.trim()])));
      assert.equal(totals["指标总数"], await text(page, "#total-indicators"));
      assert.equal(totals["未达标"], await text(page, "#total-not-met"));
      const rows = page.locator(`${report} .dashboard-table tbody tr:not(.topic-row)`);
      assert.equal(await rows.count(), 42);
      const notMet = page.locator(`${report} .dashboard-table tr.is-not-met`);
      assert.equal(await notMet.count(), Number(await text(page, "#total-not-met")));
      for (const row of await notMet.all()) assert.match(await row.textContent(), /✗\s*未达标/);
      const ranking = page.locator(`${report} .report-section`).filter({ hasText: "县区排名" });
      assert.equal(await ranking.locator("tbody tr").count(), 10);
      // Coverage and the mean over a county's own indicators; the scoring stated.
      assert.match(await ranking.locator("tbody tr").first().textContent(), /\d+ \/ 34/);
      assert.match(await text(page, `${report} .report-scoring-note`), /以方案目标为锚点/);
      assert.equal(await page.locator("#print-report [id]").count(), 0, "no ids in the report");

      // Ctrl+P (the browser's beforeprint) in English: the report follows the language.
      await page.click("#lang-en");
      await until(() => page.getAttribute("html", "lang"), (v) => v === "en", "English");
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      assert.equal(await text(page, `${report} .report-kicker`), "Business environment indicator report");
      assert.equal(await text(page, `${report} .report-title`), "All indicators against their targets");
      assert.match(await text(page, `${report} .report-facts`), /Built-in sample data/);
      // An indicator's report quotes the plan's clause in English, with its reference.
      await go(page, "#/indicator/1.1");
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      assert.equal(
        await text(page, `${report} .report-clause`),
        "In 2023, keep company setup within 0.4 working days and hold it there, and cut the public notice period of simplified deregistration to 20 days and hold it there.",
      );
      assert.match(await text(page, report), /— Action plan, Part II \(1\) 1 \(our English rendering; the plan is published in Chinese\)/);

      // The calculator: no report, the page prints as it is.
      await go(page, "#/calculator");
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("has-print-report")), false);
      await page.emulateMedia({ media: "print" });
      assert.equal((await style(page, "#main", ["display"])).display, "block");
      assert.equal((await style(page, ".site-nav", ["display"])).display, "none");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("the report names the ledger files behind an indicator and the calendar days added", async () => {
    const { page, problems, close } = await openPage("#/calculator");
    try {
      await page.fill("#calset-day", "2023-10-09");
      await page.click("#calset-add-holiday");
      await until(() => text(page, "#calset-day-list"), (v) => v.includes("2023-10-09"), "day marked");

      await go(page, "#/import");
      await importFile(page, "2.1", LEDGER, { sample: "keep" });
      await page.locator("#import-open-indicator").waitFor();

      await go(page, "#/indicator/2.1");
      await page.click("#indicator-print");
      const facts = await text(page, "#print-report .report-facts");
      assert.match(facts, /台账 construction-2\.1\.csv：指标 2\.1，\d+ 条（.+导入）/);
      // The sample was kept beside the ledger: the report says the data include sample data.
      assert.match(facts, /含示例数据（虚构）/);
      assert.match(facts, /另设休息日：2023-10-09/);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("on paper, pages stay whole: table heads repeat and keep their first rows, headings and notes stay with their table, the footer in the page margin", async () => {
    const { page, problems, close } = await openPage("#/indicator/1.1");
    try {
      await page.click("#indicator-print");
      await page.emulateMedia({ media: "print" });
      const report = "#print-report .report";
      assert.equal((await style(page, `${report} thead`, ["display"])).display, "table-header-group");
      assert.equal((await style(page, `${report} tbody tr`, ["break-inside"]))["break-inside"], "avoid");
      assert.equal((await style(page, `${report} .report-h2`, ["break-after"]))["break-after"], "avoid");
      // The footer is in every page's bottom margin, not a block that could take a page of its own.
      assert.equal((await style(page, `${report} .report-foot`, ["display"])).display, "none");
      assert.equal(
        await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--report-footer").trim()),
        '"由营商环境指标计算器在本机浏览器中计算生成。计算结果供参考，以法定程序认定为准。"',
      );
      // The case table: its first two rows go with its head; the third may start a page.
      const rows = `${report} .report-section:last-of-type tbody tr`;
      assert.equal((await style(page, `${rows}:nth-child(2)`, ["break-before"]))["break-before"], "avoid");
      assert.equal((await style(page, `${rows}:nth-child(3)`, ["break-before"]))["break-before"], "auto");
      // The notes between the heading and the case table stay with it.
      assert.equal((await style(page, `${report} .report-section:last-of-type > .report-note`, ["break-after"]))["break-after"], "avoid");
      // The case table's heads print as words (its sort buttons become text).
      const heads = await page.$$eval(`${report} .report-section:last-of-type thead th`, (ths) => ths.map((th) => th.textContent.trim()));
      assert.deepEqual(heads.slice(0, 6), ["编号", "名称", "县区", "开始时间（首个申请提交）", "结束时间（最后一个环节办结）", "用时（工作日）"]);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("县区排名 prints (the ranking, then each county's score by indicator) and exports the ranking as .xlsx and CSV", async () => {
    const { page, problems, close } = await openPage("#/counties");
    try {
      await page.locator('#ranking-table tr[data-county="麒麟区"]').waitFor();
      assert.equal(await text(page, "#ranking-print"), "打印排名");
      await page.click("#ranking-print");
      assert.equal(await page.evaluate(() => window.printed), 1);
      const report = "#print-report .report";
      assert.equal(await text(page, `${report} .report-title`), "县区排名");
      assert.match(await text(page, `${report} .report-facts`), /评估时点2023-12-29 17:00/);
      // The ranking as the page shows it: 麒麟区 first with 77.0 over 34 of 34 indicators (README).
      const ranking = page.locator(`${report} .report-ranking tbody tr`);
      assert.equal(await ranking.count(), 10);
      assert.equal((await ranking.first().textContent()).trim(), "1麒麟区77.034 / 3477.0");
      assert.equal(await ranking.first().locator("td").nth(1).textContent(), await text(page, '#ranking-table tr[data-county="麒麟区"] td.score'));
      // Each county's scores: a row per ranked indicator, the counties in rank order across.
      const matrix = `${report} .report-score-matrix`;
      const counties = await page.$$eval(`${matrix} thead th`, (ths) => ths.map((th) => th.textContent.trim()));
      assert.deepEqual(counties.slice(0, 3), ["指标", "麒麟区", "沾益区"]);
      assert.equal(counties.length, 11);
      assert.equal(await page.locator(`${matrix} tbody tr`).count(), 34);
      // 1.1 in 麒麟区: 71.6, as the 1.1 county table scores it.
      assert.equal(await text(page, `${matrix} tbody tr:first-child th`), "1.1 企业开办时间");
      assert.equal(await text(page, `${matrix} tbody tr:first-child td:nth-of-type(1)`), "71.6");
      assert.equal(await page.locator(`${report} button, ${report} input`).count(), 0);

      // On paper: the report alone, on A4.
      await page.emulateMedia({ media: "print" });
      assert.equal((await style(page, "#main", ["display"])).display, "none");
      assert.equal((await style(page, "#print-report", ["display"])).display, "block");
      const raw = (await page.pdf({ format: "A4" })).toString("latin1");
      const pages = raw.match(/\/Type\s*\/Page[^s]/g) ?? [];
      assert.ok(pages.length >= 1 && pages.length <= 3, `${pages.length} pages`);
      await page.emulateMedia({ media: "screen" });

      // Exports written by the core: the CSV's first rows, and an .xlsx workbook.
      const csv = await download(page, "#ranking-export-csv");
      assert.match(csv.name, /^县区排名-\d{8}\.csv$/);
      const lines = csv.bytes.toString("utf8").split(/\r?\n/);
      assert.ok(lines[0].startsWith("\ufeff名次,县区,综合得分,有数据的指标,参与排名的指标,自身平均,1.1 企业开办时间"), lines[0]);
      assert.ok(lines[1].startsWith("1,麒麟区,77.0,34,34,"), lines[1]);
      assert.match(await text(page, "#ranking-export-status"), /^已生成 县区排名-\d{8}\.csv/);
      const xlsx = await download(page, "#ranking-export-xlsx");
      assert.match(xlsx.name, /^县区排名-\d{8}\.xlsx$/);
      assert.equal(xlsx.bytes.subarray(0, 2).toString("latin1"), "PK", "a zip: the .xlsx");
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test("the calculator prints its result and what it was computed from, without its form, file button or settings", async () => {
    const { page, problems, close } = await openPage("#/calculator");
    try {
      assert.equal(await text(page, "#result-working-days"), "3.00");
      // On screen the basis line is not shown (the form is there).
      assert.equal((await style(page, "#result-basis", ["display"])).display, "none");
      await page.emulateMedia({ media: "print" });
      for (const hidden of ["#calc-form", "#calendar-settings", "#calset-file", ".site-nav"]) {
        assert.equal((await style(page, hidden, ["display"])).display, "none", `${hidden} is not printed`);
      }
      assert.equal((await style(page, "#results", ["display"])).display, "block");
      assert.equal(await text(page, "#result-basis"), "计算依据：开始 2023-09-28，结束 2023-10-09；停止计时 0 段；办公时间 09:00–12:00、14:00–18:00；以各办公时段合计时长为 1 个工作日。");
      assert.ok(await page.locator("#result-basis").isVisible());
      assert.equal(await page.locator('input[type="file"]:visible').count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
});
