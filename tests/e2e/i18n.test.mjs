// The dictionaries (www/i18n/zh.json, en.json, read by www/js/lib/i18n.js): every key used by the page exists, and
// the English dictionary (for the coming language switch) matches the Chinese
// one key for key and placeholder for placeholder. No browser needed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { dictionaries } from "../../www/js/lib/i18n.js";

const www = new URL("../../www/", import.meta.url);
const { zh, en } = dictionaries;
/** Every script of the page, by its path under www/js/ (sub-folders included). */
const scripts = () => readdirSync(new URL("js/", www), { recursive: true }).filter((file) => file.endsWith(".js"));
const placeholders = (v) => (typeof v === "string" ? [...v.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() : []);

test("en has exactly the keys of zh, with the same placeholders and list lengths", () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
  for (const key of Object.keys(zh)) {
    assert.equal(typeof en[key], typeof zh[key], key);
    if (Array.isArray(zh[key])) assert.equal(en[key].length, zh[key].length, key);
    assert.deepEqual(placeholders(en[key]), placeholders(zh[key]), key);
  }
});

test("every key the markup and the scripts name is in the dictionary", () => {
  const html = readFileSync(new URL("index.html", www), "utf8");
  const used = new Set([...html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)].map((m) => m[1]));
  for (const file of scripts()) {
    const js = readFileSync(new URL(`js/${file}`, www), "utf8");
    for (const m of js.matchAll(/\bt\(\s*"([^"]+)"/g)) used.add(m[1]);
  }
  const missing = [...used].filter((key) => !(key in zh));
  assert.deepEqual(missing, []);
  assert.ok(used.size > 50, `found ${used.size} keys`);
});

test("no Chinese text is written in the scripts outside i18n.js", () => {
  for (const file of scripts()) {
    if (file === "i18n.js") continue;
    const code = readFileSync(new URL(`js/${file}`, www), "utf8")
      .split("\n")
      .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line))
      .join("\n");
    assert.doesNotMatch(code, /[\u4e00-\u9fff]/, `${file} has a hard-coded Chinese string`);
  }
});
