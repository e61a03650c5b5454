// Entry point: fill in the texts, load the calculation core (the calculator's
// own, on this thread), start the workspace worker — where the working set
// lives, restored from the last autosave, else the sample data — and wire the
// views to the hash routes. Every later change of the data is saved
// automatically, by the worker.

import { loadApi, messageOf } from "./core/api.js";
import { createCalculator } from "./views/calculator/calculator.js";
import { createCalendarSettings } from "./views/calculator/calendar-settings.js";
import { createCountiesView } from "./views/counties/counties.js";
import { createDashboard } from "./views/dashboard/dashboard.js";
import { createDataBar } from "./widgets/data-bar.js";
import { createDataPanel } from "./views/import/data-panel.js";
import { createDeadline } from "./views/calculator/deadline.js";
import { byId } from "./lib/dom.js";
import { createEvaluation } from "./core/evaluation.js";
import { installFrameForms } from "./lib/frame-forms.js";
import { applyI18n, language, onLanguageChange, t } from "./lib/i18n.js";
import { createImportView } from "./views/import/import-view.js";
import { createIndicatorView } from "./views/indicator/indicator.js";
import { createLanguageSwitch } from "./widgets/lang-switch.js";
import { createMonthCalendar } from "./widgets/month-calendar.js";
import { applyHours, applyLanguage, applyReadonly, dashboardEvaluation, readParams } from "./lib/params.js";
import { createPrintReport } from "./views/print/print-report.js";
import { createReportExport } from "./views/indicator/report-export.js";
import { createRouter, hashFor } from "./lib/router.js";
import { createWorkspaceWorker } from "./core/runtime.js";
import { setSettingsCheck, subscribe } from "./core/state.js";
import { storageAvailable } from "./core/storage.js";
import { createStorageWarning, showStorageOff } from "./widgets/storage-note.js";
import { createWorkspace } from "./core/workspace.js";

/** The working-day calculator (its own view; it does not use the dataset). */
function startCalculator(api) {
  const calendar = createMonthCalendar(api);
  const deadline = createDeadline(api, (due) => calendar.setCase({ deadline: due }));
  // The calendar turns to the month of the end (else the start) whenever
  // that date changes; navigating by hand is kept until then.
  let shownFor = undefined;
  const calculator = createCalculator(api, (state) => {
    deadline.update(state);
    const focus = state.endDate ?? state.startDate;
    if (focus && focus !== shownFor) {
      shownFor = focus;
      const [y, m] = focus.split("-").map(Number);
      calendar.show(y, m);
    }
    // The case on the calendar: the core counts its span month by month (stops, office hours).
    calendar.setCase({
      start: state.startOk ? state.start : "",
      end: state.end ?? "",
      startDate: state.startDate,
      endDate: state.endDate,
      options: state.optionsOk ? state.options : {},
    });
  });
  calculator.calculate();
  if (shownFor === undefined) calendar.show(api.calendarCoverage().lastYear, 1);
  // Another language: the core's messages and the month calendar again.
  onLanguageChange(() => calculator.calculate());
  // 打印 (#print, a .print-button) is handled with the other print buttons (print-report.js).

  // 日历设置, below the month calendar; its additions count everywhere.
  createCalendarSettings(api, { container: byId("calendar").parentElement });
  subscribe((_, change) => {
    if (change.type === "settings" || change.type === "replace") {
      calendar.refresh();
      calculator.calculate();
    }
  });
  return {
    /**
     * A case of an indicator on the calculator and its month calendar: start, end and stops
     * in the form; the indicator's per-case limit (working days) as the deadline's days.
     */
    openCase(c) {
      calculator.load(c);
      if (c.deadlineDays !== null && c.deadlineDays !== undefined) deadline.setDays(c.deadlineDays);
    },
  };
}

/** The built-in sample's name, { zh, en }. */
function sampleLabelOf(api) {
  try {
    const { label_zh, label_en } = api.sampleDataset();
    return { zh: label_zh ?? "", en: label_en ?? "" };
  } catch {
    return { zh: "", en: "" };
  }
}

/** The workspace worker had to be started again: say so, and what it came back with. */
function showRestarted(reason) {
  if (reason === "cancelled") return; // the view that cancelled says so itself
  let note = document.getElementById("workspace-restarted");
  if (!note) {
    note = document.createElement("p");
    note.className = "notice notice-warn";
    note.id = "workspace-restarted";
    note.setAttribute("role", "alert");
    byId("data-bar").prepend(note);
  }
  note.textContent = t("workspace.restarted");
}

/**
 * Startup marks (performance.mark, "bizenv:" + step) that bench/startup.mjs reads to split the
 * time to a usable dashboard: start, core (compiled here), workspace (worker open), ready.
 */
const mark = (step) => performance.mark?.(`bizenv:${step}`);

async function start() {
  mark("start");
  applyI18n();
  // Options in the URL (?lang=en&indicators=1.1,3.4&hours=…&readonly=1), for embedding sites.
  const params = readParams();
  installFrameForms(); // in a sandboxed frame, forms would not submit
  applyLanguage(params);
  createLanguageSwitch();
  const status = byId("app-status");

  // The workspace worker starts now, so that its modules load while the core compiles here; it
  // is handed the compiled core (runtime.js) and holds any request until it has it. The storage
  // check runs meanwhile too.
  let earlyWorker = createWorkspaceWorker();
  // One that failed before the workspace listens to it (its script did not load) is replaced.
  let earlyFailed = false;
  earlyWorker.addEventListener("error", () => (earlyFailed = true), { once: true });
  const startWorker = () => {
    const worker = earlyWorker && !earlyFailed ? earlyWorker : createWorkspaceWorker();
    if (earlyWorker && earlyWorker !== worker) earlyWorker.terminate();
    earlyWorker = null;
    return worker;
  };
  const storageChecked = storageAvailable();

  let api;
  try {
    api = await loadApi();
    mark("core");
  } catch (error) {
    earlyWorker?.terminate();
    status.replaceChildren(
      document.createTextNode(t("status.loadFailed")),
      document.createElement("br"),
      document.createTextNode(t("status.loadFailedDetail", { msg: messageOf(error) })),
    );
    status.classList.add("notice-error");
    status.setAttribute("role", "alert");
    document.documentElement.dataset.ready = "failed";
    console.error(error);
    return;
  }

  // Settings and asOf are checked by the core wherever they enter (state.js calls this).
  setSettingsCheck((settings, asOf) => api.checkSettings(settings, { asOf, lang: language() }));
  // The working set: in the workspace worker, restored from the last autosave, else the
  // built-in sample until the user brings their own. A save that fails, or a worker that had to
  // be started again, is said on every view.
  let dataPanel = null;
  let storageWarning = null;
  const canStore = await storageChecked;
  // The sample's name for the banner. The core builds the whole sample to give it (0.1–0.2 s on
  // this thread), so it is read while the worker opens, not before: the workspace reads this
  // object when it first shows the data, which is after the worker's answer.
  const sampleLabel = { zh: "", en: "" };
  const workspace = createWorkspace({
    startWorker,
    storage: canStore,
    sampleLabel,
    onNotice: (kind, detail) => {
      if (kind === "saved") {
        storageWarning?.hide();
        dataPanel?.saved(detail);
      } else if (kind === "saveFailed") {
        storageWarning?.show(detail.message);
        dataPanel?.failed(detail.message);
      } else if (kind === "restarted") {
        showRestarted(detail);
      }
    },
  });
  const opening = workspace.open();
  Object.assign(sampleLabel, sampleLabelOf(api));
  let opened;
  try {
    opened = await opening;
    mark("workspace");
  } catch (error) {
    status.textContent = t("status.loadFailedDetail", { msg: messageOf(error) });
    status.classList.add("notice-error");
    document.documentElement.dataset.ready = "failed";
    return;
  }
  // Leaving or hiding the page: what the worker has not saved yet is written at once.
  const flushNow = () => workspace.flush().catch(() => {});
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushNow();
  });
  window.addEventListener("pagehide", flushNow);
  const restoreNote = opened.failed ? t("settings.restoreInvalid", { msg: opened.failed }) : null;
  applyHours(api, params);
  status.hidden = true;
  const evaluation = createEvaluation(api, workspace);

  // The calculator (its form, first calculation and month calendar: 50–110 ms here) is made the
  // first time it is shown or given a case, not before the dashboard.
  let calculatorView = null;
  const calculatorNow = () => (calculatorView ??= startCalculator(api));
  const indicator = createIndicatorView(evaluation, {
    openInCalendar: (c) => {
      location.hash = "#/calculator";
      calculatorNow().openCase(c);
    },
  });
  const importView = createImportView({ api, evaluation });
  byId("view-calculator").before(importView.section);
  const views = {
    dashboard: createDashboard(dashboardEvaluation(evaluation, params)),
    indicator,
    counties: createCountiesView(evaluation),
    import: importView,
    calculator: {
      section: byId("view-calculator"),
      heading: () => byId("calc-heading"),
      show: () => {
        calculatorNow();
        return t("nav.calculator");
      },
    },
  };
  applyReadonly(params, views);
  const reportExport = createReportExport({ evaluation, currentId: () => indicator.currentId() });
  const dataBar = createDataBar(evaluation, { restoredAt: opened.restored ? opened.savedAt : null });

  // The project file / clear-data panel of the import view. A failure to save is shown on every
  // view, with the project file offered at once.
  storageWarning = createStorageWarning({ onDownload: () => dataPanel?.saveProjectFile() });
  onLanguageChange(() => storageWarning.refresh());
  dataPanel = createDataPanel({
    api,
    evaluation,
    container: importView.section,
    storage: canStore,
    onReplaced: () => dataBar.forgetRestored(),
  });
  if (opened.restored) dataPanel.saved({ savedAt: opened.savedAt });
  if (!canStore && !params.readonly) showStorageOff();
  if (restoreNote) {
    const note = document.createElement("p");
    note.className = "notice notice-warn";
    note.id = "settings-restore-note";
    note.setAttribute("role", "status");
    note.textContent = restoreNote;
    byId("data-bar").prepend(note);
  }
  importView.onProjectFile((text, name) => dataPanel.openProject(text, name));

  const navLinks = [...document.querySelectorAll(".site-nav a[data-view]")];
  const indicatorLink = byId("nav-indicator");
  const router = createRouter(views, {
    navLinks,
    onRoute: (route) => {
      dataBar.update(route.view !== "calculator");
      indicatorLink.href = hashFor("indicator", indicator.currentId());
      if (route.view === "indicator") reportExport.update(indicator.currentId());
    },
  });
  // Any change of the data or the settings, or of the language: show the current view again.
  // Settings are shown at once (the mirror changed) and again once the worker has re-evaluated.
  subscribe(() => router.refresh());
  onLanguageChange(() => router.refresh());
  router.start();
  // 打印报告 of the dashboard or of the indicator shown.
  createPrintReport({
    api,
    evaluation,
    dashboardEvaluation: views.dashboard.evaluation ?? evaluation,
    route: () => {
      const route = router.current();
      return route && { view: route.view, id: route.view === "indicator" ? indicator.currentId() : null };
    },
  });

  document.documentElement.dataset.ready = "true";
  mark("ready");
}

start();
