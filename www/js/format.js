// Display formatting of numbers that the calculation core returned.
// Nothing here computes a date or a duration.

import { t } from "./i18n.js";

/**
 * Fixed-point text with at least `min` and at most `max` decimals:
 * fixed(3, 2, 4) → "3.00", fixed(0.1875, 2, 4) → "0.1875", fixed(90, 0, 2) → "90".
 */
export function fixed(value, min, max) {
  if (typeof value !== "number" || !Number.isFinite(value)) return t("results.empty");
  let text = value.toFixed(max);
  if (max > min && text.includes(".")) {
    text = text.replace(/0+$/, "");
    const [whole, frac = ""] = text.split(".");
    text = frac.length < min ? `${whole}.${frac.padEnd(min, "0")}` : frac ? `${whole}.${frac}` : whole;
    if (min === 0 && text.endsWith(".")) text = text.slice(0, -1);
  }
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  return text;
}

/** "2023-10-09T18:00" → "2023年10月9日 18:00" (rearranging the text only). */
export function instant(iso) {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})[T ](\d{2}:\d{2})/.exec(String(iso));
  if (!m) return String(iso);
  return t("deadline.value", { y: m[1], m: Number(m[2]), d: Number(m[3]), hm: m[4] });
}

/** Two-digit zero padding for building "YYYY-MM-DD" strings. */
export function pad2(n) {
  return String(n).padStart(2, "0");
}
