// Entry point: fill in the texts, load the calculation core, wire the page.

import { loadApi, messageOf } from "./api.js";
import { createCalculator } from "./calculator.js";
import { createDeadline } from "./deadline.js";
import { byId } from "./dom.js";
import { applyI18n, t } from "./i18n.js";
import { createMonthCalendar } from "./month-calendar.js";

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
  document.documentElement.dataset.ready = "true";
}

start();
