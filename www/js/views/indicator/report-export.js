// 导出 Excel / 导出 CSV on the indicator view: the indicator's cases, summary and
// counties, written by the core's Workspace in the workspace worker (nothing
// crosses to the page but the file's bytes) and downloaded.

import { byId, el } from "../../lib/dom.js";
import { CSV_TYPE, XLSX_TYPE, downloadMade, safeFileName } from "../../lib/download.js";
import { language, onLanguageChange, t } from "../../lib/i18n.js";
import { exportFileName } from "../import/import-view.js";

/**
 * @param evaluation  the views' answers (report(id) → { ok, value }; workspace)
 * @param currentId   () → the indicator shown
 */
export function createReportExport({ evaluation, currentId }) {
  const box = byId("indicator-actions");
  // Fixed texts carry their key (data-i18n): applyI18n() writes them again in another language.
  const xlsx = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "indicator-export-xlsx", "data-i18n": "export.xlsx" }, t("export.xlsx"));
  const csv = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "indicator-export-csv", "data-i18n": "export.csv" }, t("export.csv"));
  const template = el("button", { type: "button", class: "btn btn-secondary btn-small", id: "indicator-template", "data-i18n": "export.template" }, t("export.template"));
  const importLink = el("a", { class: "btn btn-link btn-small", id: "indicator-import", href: "#/import", "data-i18n": "indicator.import" }, t("indicator.import"));
  const status = el("p", { class: "form-status", id: "indicator-export-status", role: "status" });
  box.replaceChildren(el("div", { class: "btn-row" }, importLink, xlsx, csv, template), status);

  /** 下载空白台账模板: the headers the importer reads for this indicator, an example row, drop-downs, notes. */
  function downloadTemplate() {
    const id = currentId();
    return downloadMade(
      async () => {
        const ind = evaluation.workspace.catalog()?.indicators?.find((i) => i.id === id);
        return {
          data: await evaluation.workspace.template(id),
          name: safeFileName(t("export.templateName", { id, name: ind ? (language() === "en" ? ind.nameEn : ind.nameZh) : "" })),
          type: XLSX_TYPE,
        };
      },
      { status, buttons: [template] },
    );
  }
  template.addEventListener("click", downloadTemplate);

  async function run(format) {
    const result = await evaluation.report(currentId());
    if (!result.ok) {
      status.textContent = t("export.failed", { msg: result.message });
      return;
    }
    const report = result.value;
    await downloadMade(
      async () => ({
        data: await evaluation.workspace.exportOf({ indicator: report.indicatorId }, format),
        name: exportFileName(report, format),
        type: format === "csv" ? CSV_TYPE : XLSX_TYPE,
      }),
      { status, buttons: [xlsx, csv] },
    );
  }
  xlsx.addEventListener("click", () => run("xlsx"));
  csv.addEventListener("click", () => run("csv"));
  onLanguageChange(() => {
    status.textContent = "";
  });

  return {
    /** The indicator shown changed: the import link opens the import view for it. */
    update(id) {
      importLink.href = `#/import/${encodeURIComponent(id)}`;
      status.textContent = "";
    },
  };
}
