// Charts of an indicator (分布图, 县区图, 按月趋势图): the SVG text is drawn by
// the core (chartSvg, Rust, user text XML-escaped there); this module only
// puts it on the page — parsed as XML with DOMParser and imported as nodes,
// never through innerHTML — and saves it as an .svg or a 2× .png file.

import { messageOf } from "../../core/api.js";
import { el } from "../../lib/dom.js";
import { download, safeFileName } from "../../lib/download.js";
import { t } from "../../lib/i18n.js";

export const SVG_TYPE = "image/svg+xml";
const SVG_NS = "http://www.w3.org/2000/svg";

/** The elements a chart is drawn with; anything else is dropped before import. */
const ALLOWED = new Set(["svg", "g", "title", "desc", "rect", "line", "polyline", "polygon", "path", "circle", "ellipse", "text", "tspan"]);

/**
 * Parses SVG text into an <svg> element of this document, or throws.
 * Only drawing elements and plain attributes are kept (no scripts, event
 * handlers, links or foreign content), whatever the text holds.
 */
export function svgNode(text) {
  const doc = new DOMParser().parseFromString(String(text), SVG_TYPE);
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== "svg" || doc.getElementsByTagName("parsererror").length) {
    throw new Error("not an SVG document");
  }
  for (const node of [...root.querySelectorAll("*")]) {
    if (!node.isConnected) continue;
    if (node.namespaceURI !== SVG_NS || !ALLOWED.has(node.localName)) node.remove();
  }
  for (const node of [root, ...root.querySelectorAll("*")]) {
    for (const attr of [...node.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || name.includes("href") || name === "style" || /^\s*(javascript|data):/i.test(attr.value)) {
        node.removeAttribute(attr.name);
      }
    }
  }
  return document.importNode(root, true);
}

/** The chart as a PNG Blob at `scale` × its size: the SVG drawn on a canvas (an image from a blob: URL). */
export function svgToPng(text, scale = 2) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([text], { type: SVG_TYPE }));
    const image = new Image();
    image.addEventListener("load", () => {
      try {
        const width = Math.max(1, Math.round((image.naturalWidth || 720) * scale));
        const height = Math.max(1, Math.round((image.naturalHeight || 400) * scale));
        const canvas = document.createElement("canvas");
        canvas.width = width;
        canvas.height = height;
        const context = canvas.getContext("2d");
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, width, height);
        context.drawImage(image, 0, 0, width, height);
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("canvas.toBlob gave nothing"))), "image/png");
      } catch (error) {
        reject(error);
      } finally {
        URL.revokeObjectURL(url);
      }
    });
    image.addEventListener("error", () => {
      URL.revokeObjectURL(url);
      reject(new Error("the SVG could not be drawn as an image"));
    });
    image.src = url;
  });
}

/**
 * A <figure> with chart `kind` and its download buttons, or a figure saying
 * why there is no chart.
 *
 * @param kind      "distribution" | "counties" | "trend"
 * @param result    what the core's chartSvg gave: { ok, value: SVG text } or { ok: false, message }
 * @param indicator { id, name } for the file names
 * @param buttons   false: the chart alone (the printed report)
 */
export function chartFigure(kind, result, { indicator, id = null, buttons = true }) {
  const title = t(`chart.${kind}`);
  let svg = null;
  let failure = result.ok ? null : result.message;
  if (result.ok) {
    try {
      svg = svgNode(result.value);
    } catch (error) {
      failure = messageOf(error);
    }
  }
  const figure = el("figure", { class: `chart chart-${kind}`, id, "data-chart": kind });
  if (!svg) {
    figure.append(el("p", { class: "notice notice-error chart-error" }, t("chart.failed", { msg: failure })));
    return figure;
  }
  svg.classList.add("chart-svg");
  figure.append(svg);
  if (!buttons) return figure;

  const status = el("p", { class: "form-status chart-status", role: "status" });
  const fileName = (ext) => safeFileName(t("chart.fileName", { id: indicator.id, name: indicator.name, chart: title, ext }));
  const svgButton = el(
    "button",
    { type: "button", class: "btn btn-link btn-small chart-svg-download", "aria-label": t("chart.downloadSvgAria", { chart: title }) },
    t("chart.downloadSvg"),
  );
  const pngButton = el(
    "button",
    { type: "button", class: "btn btn-link btn-small chart-png-download", "aria-label": t("chart.downloadPngAria", { chart: title }) },
    t("chart.downloadPng"),
  );
  svgButton.addEventListener("click", () => {
    const name = fileName("svg");
    download(new Blob([result.value], { type: SVG_TYPE }), name);
    status.textContent = t("export.started", { name });
  });
  pngButton.addEventListener("click", async () => {
    pngButton.disabled = true;
    try {
      const blob = await svgToPng(result.value, 2);
      const name = fileName("png");
      download(blob, name);
      status.textContent = t("export.started", { name });
    } catch (error) {
      status.textContent = t("chart.pngFailed", { msg: messageOf(error) });
    } finally {
      pngButton.disabled = false;
    }
  });
  figure.append(el("figcaption", { class: "chart-caption no-print" }, el("span", { class: "btn-row" }, svgButton, pngButton), status));
  return figure;
}

/** Whether the core drew a chart without data (its "暂无数据" placeholder). */
export function isEmptyChart(figure) {
  return Boolean(figure.querySelector("svg .empty"));
}
