// 案件录入: the form that adds or changes one case of an indicator, with the
// fields its method needs. A case is a plain object whose field names are
// the API's; it is sent to the workspace (putCase), which keeps it only when
// it can be evaluated — otherwise the core's message is shown here next to
// the field it names, and nothing is stored.

import { byId, el, setError } from "../../lib/dom.js";
import { fieldLabel, language, t } from "../../lib/i18n.js";
import { pick } from "../../lib/plan-notes.js";
import { createRowList } from "../../widgets/row-list.js";
import { getState } from "../../core/state.js";
import { STOP_FIELDS, STOP_TEXTS, fillStopReasons } from "../../widgets/stops.js";

/** Fields the form writes per method (besides id, name, county, note). */
function fieldsFor(ind, settings) {
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
const TIME_METHODS = new Set(["elapsed_working", "calendar_days", "years"]);

const DATE_FIELDS = new Set(["start", "end"]);
const TEXT_FIELDS = new Set(["period", "outcome", "series", "measure"]);

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

/** A number as typed: a plain decimal becomes a number; anything else stays text for the core to judge. */
function numberOrText(text) {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/**
 * @param container  element the form is built in
 * @param onSaved    (indicatorId, key, isNew) after a save, once the workspace kept it
 */
export function createCaseForm({ container, evaluation, onSaved = () => {} }) {
  const { workspace } = evaluation;
  let ind = null;
  let key = ""; // indicator id + what shaped the form
  let editing = null; // key of the case being changed, or null for a new one
  let stored = null; // that case as the workspace keeps it (its other fields are kept on save)
  let refused = false; // the case typed was refused: its messages are shown (again in another language)
  let parts = null;
  /**
   * Cases refused by the workspace, kept as drafts per indicator while the page lives (never in
   * the data, never counted): indicator id → what was typed (typed()). The form offers the draft
   * again when it shows another case or comes back to the indicator.
   */
  const drafts = new Map();
  /** Whether the form shows the indicator's draft now (then the line offering it is hidden). */
  let showingDraft = false;

  function build() {
    const settings = getState().settings;
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
    container.replaceChildren(form, countyList);

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      submit();
    });
    cancel.addEventListener("click", () => {
      // Nothing typed since the last save reached the data: the case stays as it was, and the
      // refused edit is dropped, draft and all.
      const id = stored?.id || (editing !== null ? t("form.unnamed", { n: editing }) : "");
      if (showingDraft) drafts.delete(ind.id);
      refused = false;
      reset();
      status.textContent = id ? t("form.cancelled", { id }) : "";
      heading.focus();
    });
    draftOpen.addEventListener("click", () => openDraft());
    draftDiscard.addEventListener("click", () => {
      drafts.delete(ind.id);
      renderDraftLine();
      status.textContent = t("form.draft.discarded");
    });

    parts = { form, heading, status, formError, inputs, errors, lists, fields, save, cancel, draftLine, draftText };
  }

  function clearErrors() {
    for (const [name, error] of Object.entries(parts.errors)) setError(error, "", parts.inputs[name] ? [parts.inputs[name]] : []);
    for (const list of Object.values(parts.lists)) list.clearErrors();
    setError(parts.formError, "");
  }

  function setTitle() {
    parts.heading.textContent =
      editing === null ? t("form.heading.new", { id: ind.id }) : t("form.heading.edit", { id: stored?.id || t("form.unnamed", { n: editing }) });
    parts.save.textContent = t(editing === null ? "form.save.new" : "form.save.edit");
    parts.cancel.hidden = editing === null;
  }

  /** The line that offers the indicator's draft: shown while there is one and the form shows another case. */
  function renderDraftLine() {
    const draft = drafts.get(ind.id);
    parts.draftLine.hidden = !draft || showingDraft;
    // A refused new case can be given up too (a change to a kept case always can).
    parts.cancel.hidden = editing === null && !showingDraft;
    if (draft) parts.draftText.textContent = t("form.draft.line", { n: 1, id: draft.inputs.id?.trim() || t("form.draft.noId") });
  }

  /** Puts the indicator's draft back in the form, with the core's reasons beside its fields. */
  async function openDraft() {
    const draft = drafts.get(ind.id);
    if (!draft) return;
    reset();
    if (draft.editing !== null) {
      // A change to a kept case: its other fields come from the case as kept now.
      stored = (await workspace.caseInput(ind.id, draft.editing).catch(() => null)) ?? null;
      if (stored === null) draft.editing = null;
    }
    restore(draft);
    showingDraft = true;
    refused = true;
    renderDraftLine();
    parts.status.textContent = t("form.draft.opened");
    await recheck();
    parts.heading.focus();
  }

  /** Empties the form for a new case. */
  function reset() {
    editing = null;
    stored = null;
    showingDraft = false;
    for (const [name, input] of Object.entries(parts.inputs)) {
      if (input.tagName === "SELECT") input.selectedIndex = 0;
      else input.value = "";
      if (name === "customerClass" && ind.customerClass) input.value = ind.customerClass;
      if (name === "projectType" && ind.projectType) input.value = ind.projectType;
    }
    for (const list of Object.values(parts.lists)) list.clear();
    clearErrors();
    setTitle();
    renderDraftLine();
    syncPickers();
  }

  /** The pickers beside the date fields follow their text after the form was filled or emptied. */
  function syncPickers() {
    for (const picker of parts.form.querySelectorAll(".date-picker")) picker.dispatchEvent(new Event("sync"));
  }

  /** Fills the form with the case kept under `caseKey`, as the workspace gives it. */
  async function fill(caseKey) {
    const record = (await workspace.caseInput(ind.id, caseKey)) ?? {};
    reset();
    editing = caseKey;
    stored = record;
    for (const [name, input] of Object.entries(parts.inputs)) {
      const value = record[name];
      if (value === undefined || value === null) continue;
      input.value = name === "measure" ? measureId(ind, value) : String(value);
    }
    if (parts.lists.stops) for (const s of record.stops ?? []) parts.lists.stops.add(Array.isArray(s) ? { start: s[0], end: s[1] } : s);
    if (parts.lists.steps) for (const s of record.steps ?? []) parts.lists.steps.add(s);
    if (parts.lists.fees) for (const f of record.fees ?? []) parts.lists.fees.add(f);
    setTitle();
    syncPickers();
  }

  /** The case as entered, over the stored one when editing (its other fields kept). */
  function read() {
    const base = editing === null ? {} : { ...(stored ?? {}) };
    // Fields this form shows are replaced (or dropped when emptied); others stay as they were.
    for (const k of [...Object.keys(parts.inputs), ...Object.keys(parts.lists)]) delete base[k];
    const record = base;
    let problem = false;
    for (const [name, input] of Object.entries(parts.inputs)) {
      const text = input.value.trim();
      if (!text) continue;
      const numeric = !DATE_FIELDS.has(name) && !TEXT_FIELDS.has(name) && input.inputMode === "decimal";
      record[name] = numeric ? numberOrText(text) : text;
    }
    const rowsOf = (name, required, more = () => []) => {
      const out = [];
      for (const { values, row } of parts.lists[name]?.read() ?? []) {
        const missing = [...required.filter((k) => !values[k]), ...more(values)];
        if (missing.length) {
          parts.lists[name].setRowError(row, t(`errors.${name}Incomplete`), missing.map((k) => row.inputs[k]));
          problem = true;
          continue;
        }
        const item = {};
        for (const [k, v] of Object.entries(values)) if (v) item[k] = k === "amount" ? numberOrText(v) : v;
        out.push(item);
      }
      return out;
    };
    const stops = rowsOf("stops", ["start", "end"]);
    // By stages, a stage not started yet is its name alone; otherwise every step needs its start.
    const steps = ind.timeBasis === "stages" ? rowsOf("steps", [], (v) => (v.end && !v.start ? ["start"] : [])) : rowsOf("steps", ["start"]);
    const fees = rowsOf("fees", ["amount"]);
    if (stops.length) record.stops = stops.map((s) => ({ ...s, reason: s.reason || t("stops.defaultReason") }));
    if (steps.length) record.steps = steps;
    if (fees.length) record.fees = fees;
    return { record, problem };
  }

  function showCaseError(result) {
    const field = result.errorField;
    if (field && parts.errors[field]) {
      setError(parts.errors[field], result.error, parts.inputs[field] ? [parts.inputs[field]] : []);
      (parts.inputs[field] ?? parts.errors[field]).scrollIntoView?.({ block: "nearest" });
    } else {
      setError(parts.formError, result.error);
    }
  }

  /** The workspace refused the case: each field's message beside it, the others above the button. */
  function showFieldErrors(errors, result) {
    const loose = [];
    for (const e of errors.length ? errors : [{ field: result.errorField, message: result.error }]) {
      if (e.field && parts.errors[e.field]) {
        setError(parts.errors[e.field], e.message, parts.inputs[e.field] ? [parts.inputs[e.field]] : []);
        // A 编号 another case already has: offer that case.
        if (e.existing !== undefined && e.existing !== null) {
          const open = el("button", { type: "button", class: "btn btn-link btn-small", id: "case-open-existing" }, t("form.openExisting"));
          open.addEventListener("click", async () => {
            clearErrors();
            await fill(e.existing);
            parts.inputs.id?.focus();
          });
          parts.errors[e.field].append(" ", open);
        }
      } else if (e.message) loose.push(e.message);
    }
    if (loose.length) setError(parts.formError, loose.join(" "));
    const first = errors.find((e) => e.field && parts.inputs[e.field]);
    if (first) parts.inputs[first.field].scrollIntoView?.({ block: "nearest" });
  }

  async function submit() {
    clearErrors();
    const { record, problem } = read();
    if (problem) {
      parts.status.textContent = "";
      setError(parts.formError, t("form.fixRows"));
      return;
    }
    if (Object.keys(record).length === 0) {
      setError(parts.formError, t("form.empty"));
      return;
    }
    const wasNew = editing === null;
    parts.save.disabled = true;
    let put;
    try {
      put = await workspace.putCase(ind.id, editing, record);
    } catch (error) {
      setError(parts.formError, error.message);
      return;
    } finally {
      parts.save.disabled = false;
    }
    const shownId = put.result?.id ?? record.id ?? "";
    if (put.key === null || put.key === undefined) {
      // Not kept: what is typed stays, with the core's reasons beside the fields.
      refused = true;
      // Kept as this indicator's draft (not in the data): the form offers it again later.
      drafts.set(ind.id, typed());
      showingDraft = true;
      renderDraftLine();
      parts.status.textContent = t("form.refused", { id: shownId });
      showFieldErrors(put.errors ?? [], put.result ?? {});
      return;
    }
    refused = false;
    if (showingDraft) drafts.delete(ind.id);
    reset();
    // The save can be taken back: the workspace's undo puts the case back as it was (or removes a new one).
    const undo = el("button", { type: "button", class: "btn btn-link btn-small", id: "case-form-undo" }, t("form.undo"));
    undo.addEventListener("click", async () => {
      undo.disabled = true;
      try {
        await workspace.undo();
      } catch (error) {
        setError(parts.formError, error.message);
        return;
      }
      if (editing === put.key) reset();
      parts.status.textContent = t(wasNew ? "form.undone.new" : "form.undone.edit", { id: shownId });
    });
    parts.status.replaceChildren(t(wasNew ? "form.savedNew" : "form.savedEdit", { id: shownId }), " ", undo);
    onSaved(ind.id, put.key, wasNew);
  }

  /** What is typed in the form now: { editing, inputs: { name: text }, lists: { name: [values] } }. */
  function typed() {
    const inputs = Object.fromEntries(Object.entries(parts.inputs).map(([name, input]) => [name, input.value]));
    const lists = Object.fromEntries(Object.entries(parts.lists).map(([name, list]) => [name, list.read().map((r) => r.values)]));
    return { editing, inputs, lists };
  }

  /** The refused case checked again (not kept), for its messages in the language now shown. */
  async function recheck() {
    const { record, problem } = read();
    if (problem) return;
    const check = await workspace.checkCase(ind.id, record).catch(() => null);
    if (!check || !refused) return;
    clearErrors();
    showFieldErrors(check.errors ?? [], check.result ?? {});
  }

  /** Puts back what typed() kept, where the form has the same fields. */
  function restore(kept) {
    editing = kept.editing;
    for (const [name, value] of Object.entries(kept.inputs)) if (parts.inputs[name]) parts.inputs[name].value = value;
    for (const [name, rows] of Object.entries(kept.lists)) for (const values of rows) parts.lists[name]?.add(values);
    setTitle();
    syncPickers();
  }

  return {
    /** Builds the form for `indicator` (a catalogue entry) unless it is already shown. */
    show(indicator) {
      const settings = getState().settings;
      const nextKey = `${indicator.id}|${fieldsFor(indicator, settings).join(",")}|${language()}`;
      if (nextKey === key && parts) return;
      // The same indicator drawn again (in another language, say): what was typed stays.
      const kept = parts && ind?.id === indicator.id ? typed() : null;
      key = nextKey;
      ind = indicator;
      editing = null;
      build();
      reset();
      if (kept) restore(kept);
      if (kept && refused) {
        showingDraft = drafts.has(ind.id);
        renderDraftLine();
        recheck();
      } else refused = false;
    },
    /** Loads the case kept under `caseKey` for changing it (null: a new case), with the core's message if it is faulty. */
    async edit(caseKey, row) {
      if (caseKey === null || caseKey === undefined) reset();
      else await fill(caseKey);
      parts.status.textContent = "";
      if (row?.status === "invalid") showCaseError(row);
      parts.heading.scrollIntoView({ block: "start" });
      parts.heading.focus({ preventScroll: true });
    },
    /** After the case under `caseKey` was deleted: forget it if it was being changed. */
    deleted(caseKey) {
      if (editing === caseKey) reset();
    },
    editing: () => editing,
  };
}

/** A measure as a ledger may name it (户数, 金额…), as the catalogue's id for the form's choice. */
function measureId(ind, value) {
  const text = String(value).trim();
  const m = (ind.measures ?? []).find((x) => x.id === text || x.nameZh === text || x.nameEn === text || (x.synonyms ?? []).includes(text));
  return m ? m.id : text;
}
