import * as fs from "fs";
import * as path from "path";
import { CATALOGUE_KEYS, catalogue, formatCents, pickLang, translator } from "../../src/taskpane/i18n";

test("both catalogues carry the same keys and no empty message", () => {
  expect(CATALOGUE_KEYS.en).toEqual(CATALOGUE_KEYS.zh);
  for (const lang of ["zh-CN", "en-US"] as const) for (const v of Object.values(catalogue(lang))) expect(v.trim()).not.toBe("");
});

test.each([
  ["zh-CN", "zh-CN"],
  ["zh-TW", "zh-CN"],
  ["ZH-cn", "zh-CN"],
  ["en-US", "en-US"],
  ["de-DE", "en-US"],
  ["", "en-US"],
  [undefined, "en-US"],
])("display language %p → %p", (display, lang) => {
  expect(pickLang(display)).toBe(lang);
});

test("placeholders are filled as plain text; unknown ones stay visible", () => {
  const t = translator("en-US");
  expect(t("open", { sheet: "<b>绩效看板</b>" })).toBe("Open <b>绩效看板</b>");
  expect(translator("zh-CN")("problemsValue", { count: 3 })).toBe("3 条（错误 {errors}）");
});

test("money reads as yuan", () => {
  expect(formatCents(123450, "zh-CN")).toMatch(/1,234\.50/);
  expect(formatCents(-5, "en-US")).toMatch(/0\.05/);
});

test("the pane never renders text as HTML", () => {
  const dir = path.resolve(__dirname, "../../src/taskpane");
  const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(tsx?|html)$/.test(f));
  expect(files.length).toBeGreaterThan(5);
  for (const f of files) {
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    expect([f, /dangerouslySetInnerHTML|innerHTML|insertAdjacentHTML|document\.write/.test(src)]).toEqual([f, false]);
  }
});
