/**
 * src/core/index.ts is the engine's only door: every host (command line, Excel adapter, task
 * pane, custom functions, xlsx reader/writer, sample generator) imports core through it and
 * nothing else, so a rule cannot be reached around the build entry. This scans the sources.
 */
import * as fs from "fs";
import * as path from "path";

const SRC = path.resolve(__dirname, "../../src");
const HOSTS = ["cli", "excel", "taskpane", "functions", "xlsx", "samples"];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|tsx|js)$/.test(e.name) ? [p] : [];
  });
}

/** Every module specifier a file names: import / export … from, import(), require(). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)) out.push(m[1]);
  return out;
}

/** Where a host's relative import lands, relative to src/core ("" = core itself), or null outside core. */
function inCore(file: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const target = path.relative(path.join(SRC, "core"), path.resolve(path.dirname(file), spec));
  return target.startsWith("..") ? null : target.replace(/\\/g, "/");
}

const hostFiles = HOSTS.flatMap((h) => files(path.join(SRC, h)));

test("the scan sees every host and their imports of core", () => {
  expect(hostFiles.length).toBeGreaterThan(40);
  const viaDoor = hostFiles.filter((f) => specifiers(fs.readFileSync(f, "utf8")).some((s) => inCore(f, s) !== null));
  expect(viaDoor.length).toBeGreaterThan(20);
});

test("hosts import core only through src/core/index.ts", () => {
  const around: string[] = [];
  for (const f of hostFiles) {
    for (const s of specifiers(fs.readFileSync(f, "utf8"))) {
      const t = inCore(f, s);
      if (t !== null && t !== "" && t !== "index") around.push(`${path.relative(SRC, f)} → ${s}`);
    }
  }
  expect(around).toEqual([]);
});

test("the scan would catch a host reaching past the door (each import form)", () => {
  const f = path.join(SRC, "cli", "x.ts");
  for (const text of [
    'import { buildMonth } from "../core/engine";',
    'export { x } from "../core/sheets/layout";',
    'const m = await import("../core/rules/sheet");',
    'const m = require("../core/problems");',
    'import "../core/import/cells";',
  ]) {
    const t = specifiers(text).map((s) => inCore(f, s));
    expect([text, t.some((x) => x !== null && x !== "" && x !== "index")]).toEqual([text, true]);
  }
  expect(specifiers('import { buildBoard } from "../core";').map((s) => inCore(f, s))).toEqual([""]);
});
