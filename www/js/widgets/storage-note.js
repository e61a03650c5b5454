// When the page cannot keep data in the browser (storageAvailable() is false:
// a frame sandboxed without allow-same-origin, site data blocked), autosave
// is off; this says so above the data views and in the project panel, whose
// description then no longer promises saving after every change.
// The texts carry their keys (data-i18n), so a language switch rewrites them.

import { el } from "../lib/dom.js";
import { t } from "../lib/i18n.js";

export function showStorageOff() {
  const note = el("p", { class: "notice notice-warn", id: "storage-off", role: "status", "data-i18n": "storage.off" }, t("storage.off"));
  document.getElementById("data-bar")?.prepend(note);
  const line = document.getElementById("autosave-status");
  if (line) {
    line.dataset.i18n = "autosave.off";
    line.textContent = t("autosave.off");
  }
  // The project card's description promised saving after every change: it says what holds here.
  const desc = document.querySelector('#data-panel [data-i18n="project.desc"]');
  if (desc) {
    desc.dataset.i18n = "project.desc.off";
    desc.textContent = t("project.desc.off");
  }
  return note;
}

/**
 * The banner shown on every view (above the data bar, outside it, so that
 * the calculator view shows it too) when automatic saving failed: the last
 * change is kept in memory but not in the browser. Offers the project file
 * at once. Returns { show(message), hide() }.
 */
export function createStorageWarning({ onDownload }) {
  const message = el("span", { id: "storage-failed-text" });
  const button = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "storage-failed-download", "data-i18n": "storage.failed.download" }, t("storage.failed.download"));
  const banner = el("div", { class: "notice notice-warn", id: "storage-failed", role: "alert", hidden: true }, message, " ", button);
  button.addEventListener("click", () => onDownload());
  const anchor = document.getElementById("data-bar");
  anchor?.parentElement?.insertBefore(banner, anchor);
  let last = "";
  return {
    show(detail) {
      last = detail;
      message.textContent = t("storage.failed", { msg: detail });
      banner.hidden = false;
    },
    hide() {
      banner.hidden = true;
    },
    /** Writes the message again in the current language. */
    refresh() {
      if (!banner.hidden) message.textContent = t("storage.failed", { msg: last });
    },
  };
}
