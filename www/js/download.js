// Saving files the page made (exports, project files) to the user's
// download folder: a Blob, an object URL and a temporary <a download>.

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
