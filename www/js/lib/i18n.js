// Every string a user can see on the page is looked up here.
//
// `zh` is the language of the page; `en` is complete. The 中文 / English
// switch in the header (lang-switch.js) calls setLanguage(); the choice is
// kept in localStorage ("bizenv-lang") and used again on the next visit.
// Every view listens with onLanguageChange() and draws itself again; every
// call into the calculation core passes `lang`, so the core's messages come
// in the chosen language too (they are not repeated here).
//
// Markup refers to these keys with data-i18n (text content),
// data-i18n-placeholder, data-i18n-title and data-i18n-aria-label.
// Two fallbacks stay in index.html because they must work without
// JavaScript: the <title> and the <noscript> notice.

// The dictionaries themselves are data, one JSON file per language (www/i18n/zh.json,
// www/i18n/en.json), imported as JSON modules: fetched beside the page when served, inlined
// into the single file by the dist build.
import zh from "../../i18n/zh.json" with { type: "json" };
import en from "../../i18n/en.json" with { type: "json" };

export const dictionaries = { zh, en };

const htmlLang = { zh: "zh-CN", en: "en" };
/** Where the language chosen with the switch is kept. */
export const LANGUAGE_KEY = "bizenv-lang";
const listeners = new Set();

/** The language chosen last time (localStorage), or null. */
export function savedLanguage() {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_KEY);
    return value && Object.hasOwn(dictionaries, value) ? value : null;
  } catch {
    return null;
  }
}

let current = savedLanguage() ?? "zh";

/** The page language: "zh" or "en". */
export function language() {
  return current;
}

/**
 * Switches the page to `lang` ("zh" or "en"): the markup's texts at once,
 * then every view (listeners of onLanguageChange) draws itself again.
 * `persist: false` does not remember the choice (a ?lang= link, say).
 */
export function setLanguage(lang, { persist = true, root = globalThis.document } = {}) {
  if (!Object.hasOwn(dictionaries, lang)) throw new Error(`unknown language ${lang}`);
  const changed = lang !== current;
  current = lang;
  if (persist) {
    try {
      globalThis.localStorage?.setItem(LANGUAGE_KEY, lang);
    } catch {
      // Storage blocked: the choice lasts until the page is closed.
    }
  }
  if (root) applyI18n(root);
  if (changed) {
    for (const listener of [...listeners]) {
      try {
        listener(lang);
      } catch (error) {
        console.error(error);
      }
    }
  }
  return lang;
}

/** Calls `listener(lang)` after every change of language; returns the unsubscribe function. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The string for `key`, with {name} placeholders filled from `params`.
 * When the key is missing: `fallback` if one is given (for keys made up of
 * parts, such as field labels per indicator), else the key itself.
 */
export function t(key, params, fallback) {
  let value = dictionaries[current][key];
  if (value === undefined) value = zh[key];
  if (value === undefined) {
    if (arguments.length >= 3) return fallback;
    console.warn(`i18n: missing key ${key}`);
    return key;
  }
  if (typeof value !== "string" || !params) return value;
  return value.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/**
 * The label of a case field (API name such as "start", "numerator"), worded
 * for the indicator when the dictionary has a specific one.
 */
export function fieldLabel(field, indicatorId) {
  const specific = indicatorId ? t(`field.${field}.${indicatorId}`, {}, null) : null;
  return specific ?? t(`field.${field}`, {}, field);
}

/** Fill every element under `root` that names a key with data-i18n*. */
export function applyI18n(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const [attr, data] of [
    ["placeholder", "i18nPlaceholder"],
    ["title", "i18nTitle"],
    ["aria-label", "i18nAriaLabel"],
  ]) {
    for (const node of root.querySelectorAll(`[data-${attrToData(data)}]`)) {
      node.setAttribute(attr, t(node.dataset[data]));
    }
  }
  if (root === document) {
    document.documentElement.lang = htmlLang[current];
    document.title = t("doc.title");
  }
}

function attrToData(camel) {
  return camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
