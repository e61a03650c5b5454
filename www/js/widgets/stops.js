// The editable list of 停止计时 periods (suspensions of the clock) of the
// working-day calculator: a row list with start, end and reason.

import { el, setError } from "../lib/dom.js";
import { onLanguageChange, t } from "../lib/i18n.js";
import { createRowList } from "./row-list.js";

/** The fields of a stop row, shared with the case form. */
export const STOP_FIELDS = (datalistId) => [
  { key: "start", labelKey: "stops.start", placeholderKey: "stops.start.placeholder" },
  { key: "end", labelKey: "stops.end", placeholderKey: "stops.end.placeholder" },
  { key: "reason", labelKey: "stops.reason", placeholderKey: "stops.reason.placeholder", list: datalistId },
];

export const STOP_TEXTS = { titleKey: "stops.item", removeKey: "stops.remove", removeAriaKey: "stops.removeAria" };

/** Fills a <datalist> with the usual reasons for stopping the clock. */
export function fillStopReasons(datalist) {
  datalist.replaceChildren(...t("stops.reasons").map((reason) => el("option", { value: reason })));
}

/**
 * @param {object} nodes  { list, empty, addButton, datalist, error }
 * @param {(how: { immediate: boolean }) => void} onChange  called after any edit
 */
export function createStops({ list, empty, addButton, datalist, error }, onChange) {
  fillStopReasons(datalist);
  onLanguageChange(() => fillStopReasons(datalist));
  const rows = createRowList({ list, empty, addButton }, { prefix: "stop", fields: STOP_FIELDS(datalist.id), ...STOP_TEXTS }, onChange);
  return {
    add: (values, how) => rows.add(values, how),
    clear: () => rows.clear(),
    /** Non-empty rows as { n (row number), start, end, reason, row }, values trimmed. */
    read: () => rows.read().map(({ n, values, row }) => ({ n, ...values, row })),
    setRowError: (row, message, inputs) => rows.setRowError(row, message, inputs),
    clearErrors() {
      rows.clearErrors();
      setError(error, "");
    },
    setError(message) {
      setError(error, message);
    },
  };
}
