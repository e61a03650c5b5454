// The markup of the case form (案件录入) of one indicator: the fields its method needs (with a
// native date picker beside each free-text date), the lists of stops, steps or fees, and the
// buttons. No behaviour beyond the pickers and the stage suggestions: case-form.js wires it.

import { el } from "../../lib/dom.js";
import { fieldLabel, t } from "../../lib/i18n.js";
import { pick } from "../../lib/plan-notes.js";
import { createRowList } from "../../widgets/row-list.js";
import { STOP_FIELDS, STOP_TEXTS, fillStopReasons } from "../../widgets/stops.js";

/** Fields the form writes per method (besides id, name, county, note). */
export function fieldsFor(ind, settings) {
  switch (ind.method) {
    case "elapsed_working":
    case "calendar_days":
    case "years":
      return ["start", "end"];
    case "cost_ratio":
      return ["base", "cost"];
    case "rate":
      // Several shares (5.3): each record says which one it counts.
      return ind.aggregation === "shares" ? ["measure", "numerator", "denominator"] : ["numerator", "denominator"];
    case "growth":
      return ["current", "previous"];
    case "count":
      // A stock is counted at a date: the latest count of each county is taken.
      return ind.aggregation === "stock" ? ["period", "count"] : ["count"];
    case "trend":
      return ["series", "period", "value"];
    case "recovery_rate":
      return settings.recoveryMethod === "doing_business" ? ["outcome", "costPercent", "years", "lendingRate"] : ["recovered", "claims"];
    case "index":
      return ["value"];
    default:
      return ["value"];
  }
}

/** Methods whose cases are timed: the form explains the date formats it reads. */
export const TIME_METHODS = new Set(["elapsed_working", "calendar_days", "years"]);

export const DATE_FIELDS = new Set(["start", "end"]);
export const TEXT_FIELDS = new Set(["period", "outcome", "series", "measure"]);

/** "2023-07-14 09:30" or "2023-07-14" as typed → the native picker's value ("2023-07-14T09:30"), or "". */
export function pickerValue(text, type) {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?\s*$/.exec(text);
  if (!m) return "";
  // Only a real day and time (not 2月30日, not 25:00): the picker would refuse anything else.
  const [year, month, day, hour = 9, minute = 0] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  const when = new Date(Date.UTC(year, month - 1, day));
  if (when.getUTCFullYear() !== year || when.getUTCMonth() !== month - 1 || when.getUTCDate() !== day || hour > 23 || minute > 59) return "";
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (type === "date") return date;
  return `${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** The native picker's value → the text the field gets: "YYYY-MM-DD HH:MM" (or the date alone). */
export function pickedText(value) {
  return value.replace("T", " ");
}

/**
 * A native date(-time) picker beside a free-text date field: picking writes the text field (as
 * "YYYY-MM-DD HH:MM"); the text stays what is saved, and a date typed there opens the picker on it.
 */
function datePicker(input, type, label) {
  const name = t("form.picker.aria", { field: label });
  const picker = el("input", { type, id: `${input.id}-picker`, class: "date-picker", title: name });
  const follow = () => {
    picker.value = pickerValue(input.value, type);
  };
  input.addEventListener("input", follow);
  input.addEventListener("change", follow);
  picker.addEventListener("focus", follow);
  picker.addEventListener("sync", follow);
  follow();
  picker.addEventListener("change", () => {
    if (!picker.value) return;
    input.value = pickedText(picker.value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  return [el("label", { for: picker.id, class: "visually-hidden" }, name), picker];
}

/**
 * The form of indicator `ind` under `settings`: every element the wiring needs, by name.
 * @returns {{ form, heading, status, formError, inputs, errors, lists, fields, save, cancel,
 *             draftLine, draftText, draftOpen, draftDiscard, countyList }}
 */
export function buildCaseForm(ind, settings) {
    const fields = fieldsFor(ind, settings);
  const inputs = {};
  const errors = {};

  const heading = el("h3", { id: "case-form-heading", tabindex: "-1" });
  const form = el("form", { id: "case-form", class: "case-form", novalidate: true, "aria-labelledby": "case-form-heading" });
  const status = el("p", { id: "case-form-status", class: "form-status", role: "status" });
  const formError = el("p", { id: "case-form-error", class: "field-error form-error", role: "alert", hidden: true });
  const draftOpen = el("button", { type: "button", class: "btn btn-link btn-small", id: "case-draft-open" }, t("form.draft.open"));
  const draftDiscard = el("button", { type: "button", class: "btn btn-link btn-small", id: "case-draft-discard" }, t("form.draft.discard"));
  const draftText = el("span", { id: "case-draft-text" });
  const draftLine = el("p", { id: "case-draft", class: "notice notice-warn draft-line", hidden: true }, draftText, " ", draftOpen, " ", draftDiscard);

  function field(name, { kind = "text", label = fieldLabel(name, ind.id), placeholder = null, hint = null, list = null, options = null, picker = null } = {}) {
    const id = `case-${name}`;
    const errorId = `${id}-error`;
    const hintId = hint ? `${id}-hint` : null;
    let input;
    if (kind === "select") {
      input = el("select", { id, name, "aria-describedby": errorId }, ...options.map(([value, text]) => el("option", { value }, text)));
    } else {
      input = el("input", {
        id,
        name,
        type: "text",
        autocomplete: "off",
        spellcheck: "false",
        inputmode: kind === "number" ? "decimal" : null,
        placeholder,
        list,
        "aria-describedby": [errorId, hintId].filter(Boolean).join(" "),
      });
    }
    const error = el("p", { id: errorId, class: "field-error", role: "alert", hidden: true });
    inputs[name] = input;
    errors[name] = error;
    // A date field keeps its free text (the formats of the ledgers are read there); the native
    // picker beside it only writes that text.
    const control = picker ? el("div", { class: "date-entry" }, input, ...datePicker(input, picker, label)) : input;
    return el("div", { class: "field" }, el("label", { for: id }, label), control, hint ? el("p", { id: hintId, class: "hint" }, hint) : null, error);
  }

  const countyList = el("datalist", { id: "case-county-list" }, ...t("county.presets").map((c) => el("option", { value: c })));
  const common = el(
    "div",
    { class: "field-row" },
    field("id", { placeholder: t("form.id.placeholder", { id: ind.id }) }),
    field("county", { list: countyList.id, placeholder: t("form.county.placeholder") }),
  );
  const nameRow = field("name", { placeholder: t("form.name.placeholder") });

  let classField = null;
  if (ind.customerClass) {
    const classes = ["residential", "low_voltage_non_residential", "high_voltage_single", "high_voltage_dual"];
    classField = field("customerClass", { kind: "select", options: classes.map((c) => [c, t(`class.${c}`)]) });
  } else if (ind.projectType) {
    const types = ["social_investment", "government_investment"];
    classField = field("projectType", { kind: "select", options: types.map((c) => [c, t(`class.${c}`)]) });
  }

  // Calendar days and years count whole days: a date is enough there. The dates of stops and
  // steps get the same picker as the case's own.
  const pickerType = ind.method === "elapsed_working" ? "datetime-local" : "date";
  const datesPicked = (input, f) => (f.key === "start" || f.key === "end" ? datePicker(input, pickerType, t(f.labelKey)) : []);
  const methodFields = el("div", { class: "field-row" });
  for (const name of fields) {
    if (DATE_FIELDS.has(name)) {
      methodFields.append(
        field(name, {
          placeholder: t(`form.${name}.placeholder.${ind.method}`, {}, t(`form.${name}.placeholder`)),
          hint: name === "end" ? t("form.end.hint") : null,
          picker: pickerType,
        }),
      );
    } else if (name === "outcome") {
      methodFields.append(field(name, { kind: "select", options: ["going_concern", "piecemeal"].map((o) => [o, t(`outcome.${o}`)]) }));
    } else if (name === "measure") {
      methodFields.append(field(name, { kind: "select", options: (ind.measures ?? []).map((m) => [m.id, pick(m.nameZh, m.nameEn)]) }));
    } else {
      methodFields.append(field(name, { kind: TEXT_FIELDS.has(name) ? "text" : "number", placeholder: t(`form.${name}.placeholder`, {}, null) }));
    }
  }
  const formats = TIME_METHODS.has(ind.method) ? el("p", { class: "hint" }, t("calc.formats")) : null;

  // Lists: stops (time methods), steps (working-day methods), fees (cost ratios).
  const lists = {};
  const listBoxes = [];
  function listGroup(name, spec, extra = null, texts = name) {
    const legendId = `case-${name}-legend`;
    const list = el("ol", { class: "stop-list", id: `case-${name}-list` });
    const emptyNote = el("p", { class: "empty" }, t(`form.${texts}.empty`));
    const add = el("button", { type: "button", class: "btn btn-secondary btn-small", id: `case-${name}-add` }, t(`form.${texts}.add`));
    const error = el("p", { id: `case-${name}-error`, class: "field-error", role: "alert", hidden: true });
    errors[name] = error;
    lists[name] = createRowList({ list, empty: emptyNote, addButton: add }, { prefix: `case-${name}`, ...spec });
    listBoxes.push(
      el(
        "fieldset",
        { class: "group", id: `case-${name}`, "aria-labelledby": legendId },
        el("legend", { id: legendId }, t(`form.${texts}.legend`)),
        el("p", { class: "hint" }, t(`form.${texts}.desc`)),
        emptyNote,
        list,
        error,
        add,
        extra,
      ),
    );
  }
  if (TIME_METHODS.has(ind.method)) {
    const reasons = el("datalist", { id: "case-stop-reasons" });
    fillStopReasons(reasons);
    listGroup("stops", { fields: STOP_FIELDS(reasons.id), ...STOP_TEXTS, decorate: datesPicked }, reasons);
  }
  if (ind.method === "elapsed_working") {
    // Suggested names of the procedures or stages, from the catalogue.
    const names = (ind.stepNames ?? []).map((n) => pick(n.zh, n.en));
    const stepNames = names.length ? el("datalist", { id: "case-step-names" }, ...names.map((n) => el("option", { value: n }))) : null;
    const stages = ind.timeBasis === "stages";
    const suggest = stages && names.length ? el("button", { type: "button", class: "btn btn-secondary btn-small", id: "case-steps-suggest" }, t("form.stages.suggest")) : null;
    listGroup(
      "steps",
      {
        fields: [
          { key: "name", labelKey: "form.steps.name", placeholderKey: "form.steps.name.placeholder", list: stepNames ? stepNames.id : null },
          { key: "start", labelKey: "stops.start", placeholderKey: "stops.start.placeholder" },
          { key: "end", labelKey: "stops.end", placeholderKey: "stops.end.placeholder" },
        ],
        titleKey: "form.steps.item",
        removeKey: "stops.remove",
        removeAriaKey: "form.steps.removeAria",
        decorate: datesPicked,
      },
      el("div", { class: "btn-row" }, stepNames, suggest),
      stages ? "stages" : "steps",
    );
    // Every suggested stage not yet listed, in order, to fill in as it happens.
    suggest?.addEventListener("click", () => {
      const listed = new Set(lists.steps.read().map((r) => r.values.name));
      for (const name of names.filter((n) => !listed.has(n))) lists.steps.add({ name });
    });
  }
  if (ind.method === "cost_ratio") {
    listGroup("fees", {
      fields: [
        { key: "name", labelKey: "form.fees.name", placeholderKey: "form.fees.name.placeholder" },
        { key: "amount", labelKey: "form.fees.amount", placeholderKey: "form.fees.amount.placeholder", inputmode: "decimal" },
      ],
      titleKey: "form.fees.item",
      removeKey: "stops.remove",
      removeAriaKey: "form.fees.removeAria",
    });
  }

  const note = field("note", { placeholder: t("form.note.placeholder") });
  const save = el("button", { type: "submit", class: "btn btn-primary", id: "case-save" });
  const cancel = el("button", { type: "button", class: "btn btn-secondary", id: "case-cancel" }, t("form.cancel"));

  const content = [
    heading,
    draftLine,
    el("p", { class: "card-desc" }, t(ind.timeBasis === "stages" ? "form.desc.stages" : `form.desc.${ind.method}`, {}, t("form.desc"))),
    common,
    nameRow,
    classField,
    methodFields,
    formats,
    ...listBoxes,
    note,
    formError,
    el("div", { class: "form-actions btn-row" }, save, cancel),
    status,
  ];
  form.append(...content.filter(Boolean));

  return { form, heading, status, formError, inputs, errors, lists, fields, save, cancel, draftLine, draftText, draftOpen, draftDiscard, countyList };
}
