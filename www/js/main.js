// Entry point: fill in the texts, load the calculation core, put the sample
// data in the state, and wire the four views to the hash routes.

import { loadApi, messageOf } from "./api.js";
import { createCalculator } from "./calculator.js";
import { createCountiesView } from "./counties.js";
import { createDashboard } from "./dashboard.js";
import { createDataBar } from "./data-bar.js";
import { createDeadline } from "./deadline.js";
import { byId } from "./dom.js";
import { createEvaluation } from "./evaluation.js";
import { applyI18n, t } from "./i18n.js";
import { createIndicatorView } from "./indicator.js";
import { createMonthCalendar } from "./month-calendar.js";
import { createRouter, hashFor } from "./router.js";
import { loadDataset, subscribe } from "./state.js";

/** The working-day calculator (its own view; it does not use the dataset). */
function startCalculator(api) {
  const calendar = createMonthCalendar(api);
  const deadline = createDeadline(api);
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
    calendar.setMarks(state.startDate, state.endDate);
  });
  calculator.calculate();
  if (shownFor === undefined) calendar.show(api.calendarCoverage().lastYear, 1);
  byId("print").addEventListener("click", () => window.print());
}

async function start() {
  applyI18n();
  const status = byId("app-status");

  let api;
  try {
    api = await loadApi();
  } catch (error) {
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
  status.hidden = true;

  // The built-in sample is the working dataset until the user brings their own.
  loadDataset(api.sampleDataset(), "sample");
  const evaluation = createEvaluation(api);

  startCalculator(api);
  const indicator = createIndicatorView(evaluation);
  const views = {
    dashboard: createDashboard(evaluation),
    indicator,
    counties: createCountiesView(evaluation),
    calculator: { section: byId("view-calculator"), heading: () => byId("calc-heading"), show: () => t("nav.calculator") },
  };
  const dataBar = createDataBar(evaluation);
  const navLinks = [...document.querySelectorAll(".site-nav a[data-view]")];
  const indicatorLink = byId("nav-indicator");
  const router = createRouter(views, {
    navLinks,
    onRoute: (route) => {
      dataBar.update(route.view !== "calculator");
      indicatorLink.href = hashFor("indicator", indicator.currentId());
    },
  });
  // Any change of the data or the settings: show the current view again.
  subscribe(() => router.refresh());
  router.start();

  document.documentElement.dataset.ready = "true";
}

start();
