/**
 * The demo workbook as a manager prints it: LibreOffice renders the sample month to PDF; each
 * sheet's pages are counted by the footer every page carries, no sheet is more than one page
 * wide (every page repeats the header row from the first column to the last), the workbook
 * prints in under 40 pages without 订单明细, and the first page of the board, the ledger, the
 * reconciliation, the commission (and the pay slip, when the workbook has one) is saved as a PNG
 * under test-output/screenshots/ (docs/screenshots holds the README's copies).
 */
import { promises as fs, readdirSync } from "fs";
import * as path from "path";
import { mergeImports } from "../../src/core/import";
import { buildMonth, pickMonth } from "../../src/core/engine";
import { defaultRules } from "../../src/core/rules/defaults";
import type { ImportResult } from "../../src/core/import/types";
import { buildWorkbookSpec } from "../../src/core/sheets";
import type { WorkbookSpec } from "../../src/core/sheets/types";
import { readSourceFile } from "../../src/xlsx/read";
import { writeWorkbook } from "../../src/xlsx/write";
import { libreofficePdf, pdfPageRaster, pdfPageTexts } from "./libreoffice";

const SAMPLES = path.resolve(__dirname, "../../samples");
const OUT = path.resolve(__dirname, "../../test-output");
const SHOTS = path.join(OUT, "screenshots");
/** Sheets whose first page the README shows, by key → file name. */
const SHOWN: Record<string, string> = { performance: "board", penalties: "ledger", reconciliation: "reconciliation", commission: "commission", payslip: "payslip" };

let spec: WorkbookSpec;
let pdf: string;
let pages: string[];
/** Sheet of each page (by its footer). */
let sheetOf: string[];

beforeAll(async () => {
  const results: ImportResult[] = [];
  for (const f of readdirSync(SAMPLES).filter((f) => /\.(csv|xlsx)$/.test(f))) results.push(...(await readSourceFile(path.join(SAMPLES, f))));
  const { data, problems } = mergeImports(results);
  spec = buildWorkbookSpec(buildMonth(data, defaultRules(), { month: pickMonth(data.orders)!, importProblems: problems }));
  const dir = path.join(OUT, "visual");
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, "kefu-board-demo.xlsx");
  await writeWorkbook(spec, file);
  pdf = await libreofficePdf(file, dir);
  pages = await pdfPageTexts(pdf);
  sheetOf = pages.map((t) => /(\S+) +第 \d+ 页/.exec(t.split("\n").reverse().find((l) => /第 \d+ 页/.test(l)) ?? "")?.[1] ?? "");
}, 240000);

const count = (name: string) => sheetOf.filter((s) => s === name).length;
const named = (key: string) => spec.sheets.find((s) => s.key === key)!.name;

test("every page names its sheet in the footer; each sheet prints, in order", () => {
  expect(sheetOf.filter((s) => s === "")).toEqual([]);
  const order = sheetOf.filter((s, i) => i === 0 || sheetOf[i - 1] !== s);
  expect(order).toEqual(spec.sheets.map((s) => s.name));
});

test("pages per sheet: the board and the ledger on one page; the reconciliation and the rules in a few", () => {
  const perSheet = Object.fromEntries(spec.sheets.map((s) => [s.key, count(s.name)]));
  expect(perSheet.performance).toBe(1);
  expect(perSheet.penalties).toBe(1);
  // Two of them list the orders behind 超时未发货 and 待催付 (the sample month has ~270): the orders to ship and to chase.
  expect(perSheet.reconciliation).toBeLessThanOrEqual(6);
  expect(perSheet.rules).toBeLessThanOrEqual(3);
  for (const s of spec.sheets) expect({ sheet: s.name, pages: count(s.name) > 0 }).toEqual({ sheet: s.name, pages: true });
  // The pay slip, once the workbook has one: one agent a page (its manual page breaks).
  const slip = spec.sheets.find((s) => s.key === "payslip");
  if (slip) expect(count(slip.name)).toBe(slip.print!.breaksBefore.length + 1);
});

test("the demo prints in under 40 pages without 订单明细", () => {
  const without = sheetOf.filter((s) => s !== named("orders")).length;
  expect(without).toBeLessThan(40);
});

test("no sheet is more than one page wide: every page shows the first and the last printed column's header", () => {
  const word = (h: string) => h.split(/\s+/)[0];
  const bad: string[] = [];
  pages.forEach((text, i) => {
    const s = spec.sheets.find((x) => x.name === sheetOf[i])!;
    const flat = text.replace(/\s+/g, "");
    const first = word(s.columns[0].header);
    const cut = s.columns.findIndex((c) => c.key === s.print?.lastColumnKey);
    const last = word(s.columns[cut >= 0 ? cut : s.columns.length - 1].header);
    if (!flat.includes(first) || !flat.includes(last)) bad.push(`${s.name} p${i + 1}: ${first} … ${last}`);
  });
  expect(bad).toEqual([]);
});

test("PNGs of the board, the ledger, the reconciliation, the commission and the pay slip", async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  const saved: string[] = [];
  for (const [key, file] of Object.entries(SHOWN)) {
    const sheet = spec.sheets.find((s) => s.key === key);
    if (!sheet) continue; // the pay slip, once the workbook has one
    const page = sheetOf.indexOf(sheet.name) + 1;
    const png = path.join(SHOTS, `${file}.png`);
    const r = await pdfPageRaster(pdf, page, 110, png);
    expect(r.width).toBeGreaterThan(1000); // A4 landscape at 110 dpi
    saved.push(file);
  }
  expect(saved.slice(0, 4)).toEqual(["board", "ledger", "reconciliation", "commission"]);
  for (const f of saved) expect((await fs.stat(path.join(SHOTS, `${f}.png`))).size).toBeGreaterThan(20000);
}, 120000);
