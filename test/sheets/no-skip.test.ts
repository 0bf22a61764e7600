/**
 * No silent skip: the LibreOffice checks (writer, samples, hostile text, print, chart, visual) run
 * on every machine. The test script installs LibreOffice and poppler as it installs Chromium, and
 * a missing tool fails the check with a message (libreoffice.ts) instead of the check vanishing.
 */
import { readFileSync, readdirSync, statSync } from "fs";
import * as path from "path";
import { MISSING_SOFFICE } from "./libreoffice";

const ROOT = path.resolve(__dirname, "../..");

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? testFiles(p) : /\.tsx?$/.test(e) ? [p] : [];
  });
}

test("no test skips itself when a tool is missing", () => {
  const skipping = testFiles(path.join(ROOT, "test")).filter((f) => /SOFFICE\s*\?|(describe|test|it)\.skip\b.*(soffice|SOFFICE|LibreOffice)/.test(readFileSync(f, "utf8")));
  expect(skipping.map((f) => path.relative(ROOT, f))).toEqual([]);
});

test("the test script installs LibreOffice (libreoffice-calc-nogui) and poppler-utils from Debian", () => {
  const install = readFileSync(path.join(ROOT, "scripts/install-browser.sh"), "utf8");
  expect(install).toMatch(/need\+=\(libreoffice-calc-nogui\)/);
  expect(install).toMatch(/need\+=\(poppler-utils\)/);
  expect(readFileSync(path.join(ROOT, "scripts/test.sh"), "utf8")).toContain("bash scripts/install-browser.sh");
});

test("a missing LibreOffice says what to do, in Chinese and English", () => {
  expect(MISSING_SOFFICE).toMatch(/未安装.*scripts\/install-browser\.sh.*not installed/);
});
