// The 中文 / English switch in the header: two buttons (aria-pressed), in the
// tab order, each labelled in its own language. The choice is remembered
// (i18n.js keeps it in localStorage) and every view draws itself again.

import { byId } from "../lib/dom.js";
import { language, onLanguageChange, setLanguage } from "../lib/i18n.js";

export function createLanguageSwitch() {
  const buttons = [byId("lang-zh"), byId("lang-en")];

  function mark() {
    for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.lang === language()));
  }

  for (const button of buttons) {
    button.addEventListener("click", () => {
      if (button.dataset.lang !== language()) setLanguage(button.dataset.lang);
      mark();
    });
  }
  onLanguageChange(mark);
  mark();
  return { mark };
}
