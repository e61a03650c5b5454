// The script of embed-example.html (not part of the calculator page):
//   1. the iframe snippet: the options form (and this page's own ?lang=,
//      ?indicators=, ?hours=, ?readonly=) build the framed page's URL, shown
//      live and as code to copy; 允许打印 (?modals=0 unticks it) adds
//      allow-modals to the sandbox, without which the browser ignores the
//      frame's window.print() (the page then offers its report as a file);
//   2. the JS module API: a site that wants only the numbers imports the
//      wasm-bindgen module itself and calls it.

import init, { evaluate, workingTime } from "../pkg/bizenv.js";

const byId = (id) => document.getElementById(id);

// --- 1. The sandboxed iframe ---------------------------------------------------

const OPTIONS = ["lang", "indicators", "hours", "readonly"];
const FRAME_FILE = "bizenv.html";

/** The framed page's URL for the options in `values` (empty ones left out). */
export function frameUrl(values) {
  const query = new URLSearchParams();
  for (const name of OPTIONS) {
    const value = String(values[name] ?? "").trim();
    if (value) query.set(name, value);
  }
  // Commas and colons read better unescaped, and URLs allow them in a query.
  const text = query.toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":");
  return text ? `${FRAME_FILE}?${text}` : FRAME_FILE;
}

/** The sandbox of the frame: scripts and downloads, and printing (allow-modals) when `modals`. */
export function sandboxFor(modals) {
  return modals ? "allow-scripts allow-downloads allow-modals" : "allow-scripts allow-downloads";
}

function snippet(src, sandbox) {
  const title = byId("embed-frame").title;
  return `<iframe src="${src.replace(/&/g, "&amp;")}" title="${title}"\n        sandbox="${sandbox}"\n        width="100%" height="760" loading="lazy"></iframe>`;
}

function readForm() {
  return {
    lang: byId("opt-lang").value,
    indicators: byId("opt-indicators").value,
    hours: byId("opt-hours").value,
    readonly: byId("opt-readonly").checked ? "1" : "",
  };
}

function showFrame() {
  const src = frameUrl(readForm());
  const sandbox = sandboxFor(byId("opt-modals").checked);
  byId("embed-snippet").textContent = snippet(src, sandbox);
  const frame = byId("embed-frame");
  // A new sandbox holds from the frame's next load: set it first, then (re)load.
  if (frame.getAttribute("sandbox") !== sandbox || frame.getAttribute("src") !== src) {
    frame.setAttribute("sandbox", sandbox);
    frame.setAttribute("src", src);
  }
}

function startFrameOptions() {
  // This page's own query string presets the form: embed-example.html?readonly=1&indicators=1.1,3.4
  const own = new URLSearchParams(location.search);
  if (own.has("lang")) byId("opt-lang").value = own.get("lang");
  byId("opt-indicators").value = own.get("indicators") ?? "";
  byId("opt-hours").value = own.get("hours") ?? "";
  byId("opt-readonly").checked = own.has("readonly") && !/^(0|false|no)$/i.test(own.get("readonly"));
  byId("opt-modals").checked = !(own.has("modals") && /^(0|false|no)$/i.test(own.get("modals")));
  byId("embed-options").addEventListener("submit", (event) => {
    event.preventDefault();
    showFrame();
  });
  showFrame();
}

// --- 2. The JS module API ------------------------------------------------------

async function startApiExample() {
  await init(); // fetches ../pkg/bizenv_bg.wasm
  const error = byId("api-error");

  function run() {
    error.hidden = true;
    try {
      const result = workingTime(byId("api-start").value, byId("api-end").value);
      byId("api-working-days").textContent = String(result.workingDays);
      byId("api-calendar-days").textContent = String(result.calendarDays);
      const report = evaluate(
        "1.1",
        [{ id: "A", start: "2023-07-14 09:00", end: "2023-07-14 11:48" }],
        { asOf: "2023-12-29 17:00" },
      );
      const { value, met } = report.summary;
      byId("api-evaluate").textContent = `value ${value} (target ${report.target}), met: ${met}`;
    } catch (e) {
      // The core's errors carry a readable message (and kind, field).
      error.textContent = e?.message ?? String(e);
      error.hidden = false;
    }
  }

  byId("api-form").addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  run();
  document.documentElement.dataset.ready = "true";
}

startFrameOptions();
startApiExample().catch((e) => {
  byId("api-error").textContent = e?.message ?? String(e);
  byId("api-error").hidden = false;
  document.documentElement.dataset.ready = "failed";
});
