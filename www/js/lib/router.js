// Hash routing between the four views: #/dashboard, #/indicator/1.1,
// #/counties, #/calculator. Each view is a <section id="view-NAME"> that is
// shown alone. Hashes that do not start with "#/" (the skip link's #main)
// are ordinary in-page anchors and leave the view as it is.

import { t } from "./i18n.js";

const DEFAULT = "dashboard";

/** "#/indicator/1.1" → { view: "indicator", param: "1.1" }; null for other hashes. */
export function parseHash(hash) {
  if (!hash || hash === "#" || hash === "#/") return { view: DEFAULT, param: null };
  if (!hash.startsWith("#/")) return null;
  const [view, ...rest] = hash.slice(2).split("/");
  return { view: decodeURIComponent(view), param: rest.length ? decodeURIComponent(rest.join("/")) : null };
}

export function hashFor(view, param) {
  return param ? `#/${view}/${encodeURIComponent(param)}` : `#/${view}`;
}

/**
 * @param views  { name: { section, show(param) → title text, heading?: () => Element } }
 * @param onRoute  called after a view was shown, with { view, param }
 */
export function createRouter(views, { navLinks = [], onRoute = () => {} } = {}) {
  let current = null;

  function go(route, { focus }) {
    if (!(route.view in views)) route = { view: DEFAULT, param: null };
    for (const [name, view] of Object.entries(views)) view.section.hidden = name !== route.view;
    const view = views[route.view];
    const title = view.show(route.param);
    document.title = title ? t("doc.titleOf", { view: title }) : t("doc.title");
    for (const link of navLinks) {
      if (link.dataset.view === route.view) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    current = route;
    onRoute(route);
    if (focus) {
      const heading = view.heading?.();
      if (heading) heading.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    // The route now on screen: the hash changes a task before its view is shown.
    document.documentElement.dataset.route = hashFor(route.view, route.param);
  }

  function fromLocation({ focus }) {
    const route = parseHash(location.hash);
    if (!route) return; // an in-page anchor
    if (!location.hash.startsWith("#/") || !(route.view in views)) {
      // No view named (first open) or an unknown one: the default, made linkable.
      history.replaceState(null, "", hashFor(route.view in views ? route.view : DEFAULT, route.param));
    }
    go(route, { focus });
  }

  window.addEventListener("hashchange", () => fromLocation({ focus: true }));

  return {
    start: () => fromLocation({ focus: false }),
    /** Shows the current view again (after the data changed). */
    refresh: () => current && go(current, { focus: false }),
    current: () => current,
    navigate(view, param) {
      const hash = hashFor(view, param);
      if (location.hash === hash) go({ view, param }, { focus: true });
      else location.hash = hash;
    },
  };
}
