// 案件录入: the form that adds or changes one case of an indicator, with the
// fields its method needs. A case is a plain object whose field names are
// the API's; it is sent to the workspace (putCase), which keeps it only when
// it can be evaluated — otherwise the core's message is shown here next to
// the field it names, and nothing is stored.

import { el, setError } from "../../lib/dom.js";
import { language, t } from "../../lib/i18n.js";
import { getState } from "../../core/state.js";
import { DATE_FIELDS, TEXT_FIELDS, buildCaseForm, fieldsFor } from "./case-fields.js";

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
    const built = buildCaseForm(ind, getState().settings);
    const { form, heading, status, cancel, draftOpen, draftDiscard } = built;
    container.replaceChildren(form, built.countyList);

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

    parts = built;
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
