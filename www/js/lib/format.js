// Display formatting of numbers and dates that the calculation core returned.
// Nothing here computes a date, a duration or a ratio: numbers are only
// rounded for display and dates only rearranged as text.

import { language, t } from "./i18n.js";

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

/** "2023-10-09T18:00" → "2023-10-09 18:00"; "…T00:00" → the date alone when `dateOnly`. */
export function compactInstant(iso, { dateOnly = false } = {}) {
  if (iso === null || iso === undefined || iso === "") return t("results.empty");
  const text = String(iso).replace("T", " ");
  return dateOnly ? text.replace(/ 00:00$/, "") : text;
}

/** Two-digit zero padding for building "YYYY-MM-DD" strings. */
export function pad2(n) {
  return String(n).padStart(2, "0");
}

/** Decimals shown per unit: [at least, at most]. */
const DECIMALS = {
  working_days: [2, 2],
  calendar_days: [0, 1],
  years: [2, 2],
  hours: [0, 1],
  percent: [2, 2],
  count: [0, 2],
  index: [0, 2],
};

/** A value of an indicator in its unit, without the unit: "0.35", "98.63", "521.5". */
export function number(value, unit) {
  const [min, max] = DECIMALS[unit] ?? [0, 2];
  return fixed(value, min, max).replace(/^-/, "\u2212");
}

/** The unit label of a catalogue entry or report in the page language. */
export function unitLabel(item) {
  return (language() === "en" ? item.unitLabelEn : item.unitLabelZh) ?? "";
}

/** The name of a catalogue entry, report, topic (nameZh / nameEn) in the page language. */
export function nameOf(item) {
  return (language() === "en" ? item.nameEn : item.nameZh) ?? "";
}

/** Number and unit label: "0.35 工作日", "98.63%"; "—" when there is no value. */
export function withUnit(value, unit, label) {
  if (typeof value !== "number" || !Number.isFinite(value)) return t("results.empty");
  return joinUnit(number(value, unit), unit, label);
}

function joinUnit(text, unit, label) {
  if (!label) return text;
  return unit === "percent" ? `${text}${label}` : `${text} ${oneOrMany(text, label)}`;
}

/** English unit words for a count of one, from the core's method tables (data/methods.json). */
let englishSingulars = {};

/** Sets the singulars: `catalog.methods.englishSingulars` of the core's catalogue view. */
export function setEnglishSingulars(singulars) {
  englishSingulars = singulars && typeof singulars === "object" ? singulars : {};
}

/** English counts one: "≤ 1 working day", not "1 working days". */
function oneOrMany(text, label) {
  if (text !== "1" || language() !== "en") return label;
  return (Object.hasOwn(englishSingulars, label) && englishSingulars[label]) || label;
}

/** A signed difference: "+0.2", "−0.05", "0". */
export function signed(value, unit) {
  if (typeof value !== "number" || !Number.isFinite(value)) return t("results.empty");
  const text = number(value, unit);
  return text.startsWith("\u2212") || /^0(\.0+)?$/.test(text) ? text : `+${text}`;
}

/** A share given as a fraction 0–1, written as a percentage: 0.875 → "87.5%". */
export function share(fraction) {
  if (typeof fraction !== "number" || !Number.isFinite(fraction)) return t("results.empty");
  return new Intl.NumberFormat(language() === "en" ? "en" : "zh-CN", {
    style: "percent",
    maximumFractionDigits: 1,
  }).format(fraction);
}

/** A sum of money or a count as entered: grouped digits, at most 2 decimals. */
export function amount(value) {
  if (typeof value === "string" && value.trim()) return value.trim();
  if (typeof value !== "number" || !Number.isFinite(value)) return t("results.empty");
  return new Intl.NumberFormat(language() === "en" ? "en" : "zh-CN", { maximumFractionDigits: 2 }).format(value);
}

/** A distance-to-frontier score 0–100 with one decimal. */
export function score(value) {
  return fixed(value, 1, 1);
}

/** The target as the plan states it: "≤ 0.4 工作日", "≥ 98%", "持续下降（小时）". */
export function targetText(item) {
  const label = unitLabel(item);
  if (item.direction === "decrease") return label ? t("target.decreaseIn", { unit: label }) : t("direction.decrease");
  const symbol = t(`direction.${item.direction}`);
  if (typeof item.target !== "number") return symbol;
  return `${symbol} ${asThePlanWrites(item.target, item.unit, label)}`;
}

/** A figure as the plan writes it, with its unit: "0.4 工作日", "35", "99.15%", "1 working day". */
export function asThePlanWrites(value, unit, label) {
  return joinUnit(fixed(value, 0, 4), unit, label);
}
