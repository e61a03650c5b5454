// Saving files the page made (exports, project files) to the user's
// download folder: a Blob, an object URL and a temporary <a download>.

import { t } from "./i18n.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_TYPE = "text/csv;charset=utf-8";
export const JSON_TYPE = "application/json;charset=utf-8";

/** Characters Windows does not allow in file names, and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** A file name safe on Windows (where Excel and WPS users are). */
export function safeFileName(name) {
  const cleaned = String(name).replace(UNSAFE, "-").replace(/\s+/g, " ").trim();
  return cleaned.replace(/^[. ]+|[. ]+$/g, "") || "bizenv";
}

/** Starts the download of `data` (string, Uint8Array or Blob) as `fileName`. */
export function download(data, fileName, type) {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = safeFileName(fileName);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "YYYYMMDD" of the local date `when`. */
export function dateStamp(when = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${when.getFullYear()}${pad(when.getMonth() + 1)}${pad(when.getDate())}`;
}

/**
 * A file the core writes for a button (an export, a template): the buttons disabled meanwhile,
 * the status line saying "正在导出…", then the file's name or why it failed.
 * @param make  async () → { data, name, type }
 */
export async function downloadMade(make, { status, buttons = [] }) {
  for (const b of buttons) b.disabled = true;
  status.textContent = t("export.working");
  try {
    const { data, name, type } = await make();
    download(data, name, type);
    status.textContent = t("export.started", { name });
  } catch (error) {
    status.textContent = t("export.failed", { msg: error.message });
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}
