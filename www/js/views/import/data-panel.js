// 项目文件与本机数据: save the whole working set as a project file, open
// one (replacing the data, after confirmation), see what autosave kept and
// which ledgers were added, and clear everything back to the sample data.

import { attempt } from "../../core/api.js";
import { ask } from "../../widgets/dialog.js";
import { el, setError } from "../../lib/dom.js";
import { JSON_TYPE, dateStamp, download } from "../../lib/download.js";
import { language, onLanguageChange, t } from "../../lib/i18n.js";
import { defaultSettings, getState, setSettings, subscribe } from "../../core/state.js";

/** "2025-11-28 13:45" in local time, from an ISO instant (a machine timestamp, for display). */
export function localTime(iso, { seconds = false } = {}) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return String(iso ?? "");
  const pad = (n) => String(n).padStart(2, "0");
  const time = `${pad(when.getHours())}:${pad(when.getMinutes())}${seconds ? `:${pad(when.getSeconds())}` : ""}`;
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())} ${time}`;
}

export function createDataPanel({ api, evaluation, container, storage, onReplaced = () => {} }) {
  const { workspace } = evaluation;
  // Fixed texts carry their key (data-i18n): applyI18n() writes them again in another language.
  const saveButton = el("button", { type: "button", class: "btn btn-secondary", id: "project-save", "data-i18n": "project.save" }, t("project.save"));
  const openButton = el("button", { type: "button", class: "btn btn-secondary", id: "project-open", "data-i18n": "project.open" }, t("project.open"));
  // The file input stays out of sight and out of the tab order: the 打开项目 button opens it.
  const openInput = el("input", { type: "file", id: "project-file", accept: ".json,application/json", tabindex: "-1" });
  const openLabel = el("label", { for: "project-file", "data-i18n": "project.file" }, t("project.file"));
  const clearButton = el("button", { type: "button", class: "btn btn-secondary btn-danger", id: "data-clear", "data-i18n": "data.clear" }, t("data.clear"));
  const savedLine = el("p", { class: "hint", id: "autosave-status" }, t("autosave.none"));
  const status = el("p", { class: "form-status", id: "project-status", role: "status" });
  const error = el("p", { class: "field-error", id: "project-error", role: "alert", hidden: true });
  const sourceList = el("ul", { class: "source-list", id: "source-list" });
  const sourceEmpty = el("p", { class: "empty", id: "source-empty", "data-i18n": "sources.empty" }, t("sources.empty"));

  const card = el(
    "section",
    { class: "card", id: "data-panel", "aria-labelledby": "data-panel-heading" },
    el("h3", { class: "card-title", id: "data-panel-heading", "data-i18n": "project.heading" }, t("project.heading")),
    el("p", { class: "card-desc", "data-i18n": "project.desc" }, t("project.desc")),
    savedLine,
    el("div", { class: "btn-row" }, saveButton, openButton, clearButton),
    el("div", { class: "visually-hidden", "aria-hidden": "true" }, openLabel, openInput),
    status,
    error,
    el("h4", { class: "sub-heading", "data-i18n": "sources.heading" }, t("sources.heading")),
    sourceEmpty,
    sourceList,
  );
  container.append(card);

  function fail(message) {
    setError(error, message);
    if (message) status.textContent = "";
  }

  /** Saves the working set as a project file (JSON text written by the workspace); false when it could not. */
  async function saveProjectFile() {
    fail("");
    let text;
    try {
      text = { value: await workspace.saveProject() };
    } catch (error) {
      fail(t("project.saveFailed", { msg: error.message }));
      return false;
    }
    const name = t("project.fileName", { date: dateStamp() });
    download(text.value, name, JSON_TYPE);
    status.textContent = t("project.saved", { name });
    return true;
  }
  saveButton.addEventListener("click", () => saveProjectFile());

  openButton.addEventListener("click", () => openInput.click());
  openInput.addEventListener("change", async () => {
    const picked = openInput.files?.[0];
    openInput.value = "";
    if (picked) await openProject(await picked.text(), picked.name);
  });

  /** Checks `text` as a project file and, once confirmed, makes it the working data. */
  async function openProject(text, name) {
    fail("");
    const project = attempt(() => api.loadProject(text, { lang: language() }));
    if (!project.ok) {
      fail(t("project.openFailed", { name, msg: project.message }));
      return false;
    }
    const choice = await ask({
      id: "project-open-dialog",
      title: t("project.confirm.title"),
      message: [t("project.confirm.body", { name }), t("project.confirm.hint")],
      buttons: [{ value: "open", label: t("project.confirm.ok"), kind: "primary" }],
      cancelLabel: t("dialog.cancel"),
    });
    if (choice !== "open") {
      status.textContent = t("project.notOpened");
      return false;
    }
    // The core checked the file here; the workspace reads it again into its own cases (and
    // refuses it whole, changing nothing, if it cannot).
    try {
      await workspace.loadProject(text);
    } catch (error) {
      fail(t("project.openFailed", { name, msg: error.message }));
      return false;
    }
    onReplaced();
    status.textContent = t("project.opened", { name });
    return true;
  }

  clearButton.addEventListener("click", async () => {
    fail("");
    const choice = await ask({
      id: "data-clear-dialog",
      title: t("data.clear.title"),
      message: [t("data.clear.body"), t("data.clear.hint")],
      buttons: [{ value: "clear", label: t("data.clear.ok"), kind: "danger" }],
      cancelLabel: t("dialog.cancel"),
    });
    if (choice !== "clear") return;
    // Back to the sample and the default settings, and nothing kept in the browser.
    try {
      await workspace.loadSample();
      setSettings(defaultSettings());
      await workspace.forgetSaved();
    } catch (error) {
      fail(error.message);
      return;
    }
    onReplaced();
    savedLine.textContent = t("autosave.cleared");
    savedLine.dataset.savedAt = "";
    savedState = { key: "autosave.cleared" };
    // The workspace keeps what was cleared on its undo stack: one click brings it back (data and
    // settings), and the autosave writes it again.
    const undo = el("button", { type: "button", class: "btn btn-link btn-small", id: "data-undo" }, t("data.undo"));
    undo.addEventListener("click", async () => {
      undo.disabled = true;
      fail("");
      try {
        await workspace.undo();
      } catch (undoError) {
        fail(undoError.message);
        return;
      }
      onReplaced();
      status.textContent = t("data.undone");
    });
    status.replaceChildren(t("data.cleared"), " ", undo);
  });

  function renderSources() {
    const sources = getState().sources ?? [];
    sourceList.replaceChildren(
      ...sources.map((s) => {
        const ind = evaluation.indicator(s.indicatorId);
        const indName = ind ? (language() === "en" ? ind.nameEn : ind.nameZh) : "";
        return el(
          "li",
          { "data-file": s.fileName, "data-indicator": s.indicatorId },
          t("sources.item", { file: s.fileName, sheet: s.sheet && s.sheet !== s.fileName ? t("sources.sheet", { sheet: s.sheet }) : "", id: s.indicatorId, name: indName, n: s.count, when: s.addedAt ? localTime(s.addedAt) : "" }),
        );
      }),
    );
    sourceEmpty.hidden = sources.length > 0;
    sourceList.hidden = sources.length === 0;
  }
  renderSources();
  subscribe(() => renderSources());

  /** What the autosave line says, to say it again in another language: { key, params }. */
  let savedState = { key: "autosave.none" };
  onLanguageChange(() => {
    // A line that carries its key (autosave off, say) was written again by applyI18n().
    if (!savedLine.dataset.i18n) savedLine.textContent = t(savedState.key, savedState.params);
    status.textContent = "";
    fail("");
    renderSources();
  });

  return {
    card,
    openProject,
    saveProjectFile,
    /** Autosave wrote `record`. */
    saved(record) {
      savedState = { key: "autosave.saved", params: { when: localTime(record.savedAt, { seconds: true }) } };
      savedLine.textContent = t(savedState.key, savedState.params);
      savedLine.dataset.savedAt = record.savedAt;
    },
    failed(message) {
      savedState = { key: "autosave.failed", params: { msg: message } };
      savedLine.textContent = t(savedState.key, savedState.params);
    },
  };
}
