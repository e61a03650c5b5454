// When the page cannot keep data in the browser (storageAvailable() is false:
// a frame sandboxed without allow-same-origin, site data blocked), autosave
// is off; this says so above the data views and in the project panel.
// The texts carry their keys (data-i18n), so a language switch rewrites them.

import { el } from "./dom.js";
import { t } from "./i18n.js";

export function showStorageOff() {
  const note = el("p", { class: "notice notice-warn", id: "storage-off", role: "status", "data-i18n": "storage.off" }, t("storage.off"));
  document.getElementById("data-bar")?.prepend(note);
  const line = document.getElementById("autosave-status");
  if (line) {
    line.dataset.i18n = "autosave.off";
    line.textContent = t("autosave.off");
  }
  return note;
}
