/**
 * Parity: the sample month through the pane's pipeline (in the Excel double, in-pane engine) and
 * through the command line gives the same JSON, byte for byte, and the same cells, sheet by sheet
 * — on the first build and on a rebuild after the manager typed " 是 " into 免罚, "¥12" into 调整
 * and a remark on a fine whose source row was then deleted.
 *
 * The one thing that differs by host is where a source lives: the command line names each file
 * (订单报表-2026-10.csv) and its previous board (board.xlsx), the pane the workbook holding every
 * sheet (样例.xlsx). The sheets are named alike; the pane's workbook name is mapped to the command
 * line's file of the same sheet before comparing — nothing else is normalised. (Cells: a link is
 * compared as the =HYPERLINK the Excel adapter writes for it, numbers to the millisecond.)
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { decodeBytes, parseCsv } from "../../src/core";
import { addSourceSheet } from "../../src/excel/sourceSheet";
import { scanSources } from "../../src/excel/read";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { runBuild } from "../../src/taskpane/pipeline";
import { readWorkbookRows } from "../../src/xlsx/read";
import { cli } from "../cli/run";
import { ExcelDouble, type DCell } from "../support/excelDouble";
import { sheetParts } from "../support/sheet-parts";

const SAMPLES = path.resolve(__dirname, "../../samples");
const BOOK = "样例.xlsx";
const EPOCH = Date.UTC(1899, 11, 30);
const SLOT: Record<string, string> = { 订单报表: "--orders", 钉钉考勤: "--attendance", 千牛客服绩效: "--sales", 花名册: "--roster", 违规记录: "--incidents" };
const INCIDENTS = "违规记录-2026-10.xlsx";

let tmp: string;
/** sheet name → the command line's file holding it. */
const fileOf = new Map<string, string>();

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-parity-"));
  await fs.mkdir(path.join(tmp, "src"));
  for (const f of await fs.readdir(SAMPLES)) if (/\.(csv|xlsx)$/.test(f)) await fs.copyFile(path.join(SAMPLES, f), path.join(tmp, "src", f));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const serial = (d: Date) => (d.getTime() - EPOCH) / 86400000;

/** The sources as the pane holds them: each file's sheets under the sheet's own name (a CSV's: its file name). */
async function paneWorkbook(): Promise<ExcelDouble> {
  const x = new ExcelDouble();
  // The previous board: the command line's --out file, the pane's own report sheets.
  for (const s of ["罚款台账", "提成表"]) fileOf.set(s, "board.xlsx");
  for (const f of (await fs.readdir(path.join(tmp, "src"))).sort()) {
    const file = path.join(tmp, "src", f);
    if (f.endsWith(".xlsx")) {
      for (const s of await readWorkbookRows(file)) {
        fileOf.set(s.sheet, f);
        x.addTypedSheet(s.sheet, s.rows.map((r) => r.map((v): DCell => (v instanceof Date ? serial(v) : v))));
      }
    } else if (f.endsWith(".csv")) {
      const added = await addSourceSheet(x.run, f, parseCsv(decodeBytes(new Uint8Array(await fs.readFile(file))).text));
      fileOf.set(added.name, f);
    }
  }
  return x;
}

async function paneBuild(x: ExcelDouble): Promise<string> {
  const sources = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind! }));
  expect(sources).toHaveLength(5);
  const r = await runBuild({ run: x.run, sources, month: "2026-10", file: BOOK, engine: new LocalEngine(BOOK), onStep: () => undefined, json: true });
  return r.json!;
}

async function cliBuild(): Promise<string> {
  const args = (await fs.readdir(path.join(tmp, "src"))).sort().flatMap((f) => {
    const slot = Object.entries(SLOT).find(([k]) => f.startsWith(k))![1];
    return [slot, path.join(tmp, "src", f)];
  });
  const r = await cli("build", ...args, "--month", "2026-10", "--out", path.join(tmp, "board.xlsx"), "--json", path.join(tmp, "board.json"));
  expect(r.code).toBe(0);
  return fs.readFile(path.join(tmp, "board.json"), "utf8");
}

/** A sheet name a cell points at ("订单报表-2026-10!12" or the sheet itself), if any. */
function sheetIn(v: unknown): string | null {
  if (typeof v !== "string") return null;
  if (fileOf.has(v)) return v;
  const m = /^(.*)!\d+$/.exec(v);
  return m && fileOf.has(m[1]) ? m[1] : null;
}

/** The pane's JSON with its workbook name replaced by the command line's file of the same sheet. */
function asCli(json: string): string {
  const fix = (o: unknown): unknown => {
    if (Array.isArray(o)) return o.map(fix);
    if (o === null || typeof o !== "object") return o;
    const rec = o as Record<string, unknown>;
    const sheet = sheetIn(rec.sheet) ?? sheetIn(rec.source);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) out[k] = v === BOOK && sheet ? fileOf.get(sheet) : fix(v);
    return out;
  };
  return JSON.stringify(fix(JSON.parse(json)));
}

/** A written cell as compared: a formula as "=…", a date as its serial, blank as null. */
function plain(v: ExcelJS.CellValue): DCell {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return serial(v);
  if (typeof v === "object") {
    if ("formula" in v && v.formula) return "=" + v.formula;
    if ("sharedFormula" in v) throw new Error("shared formula: compare by its master");
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text);
    if ("error" in v) return String(v.error);
  }
  return v as DCell;
}

/** The written workbook's cells per sheet; a link cell as the Excel adapter writes it (=HYPERLINK), from the sheet's <hyperlink> elements. */
async function cliCells(): Promise<Map<string, DCell[][]>> {
  const file = path.join(tmp, "board.xlsx");
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const parts = await sheetParts(zip);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, DCell[][]>();
  for (const ws of wb.worksheets) {
    const links = new Map<string, string>();
    const xml = await zip.file(parts.get(ws.name)!)!.async("string");
    for (const m of xml.matchAll(/<hyperlink\b[^>]*>/g)) {
      const ref = /\bref="([^"]+)"/.exec(m[0])![1];
      const loc = /\blocation="([^"]+)"/.exec(m[0])![1].replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
      links.set(ref, loc);
    }
    const rows: DCell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: DCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = plain(cell.value);
        const link = links.get(cell.address);
        cells[c - 1] = link !== undefined && typeof v === "string" ? `=HYPERLINK("#${link}","${v.replace(/"/g, '""')}")` : v;
      });
      rows[r - 1] = Array.from(cells, (v) => v ?? null);
    });
    out.set(ws.name, trim(Array.from(rows, (r) => r ?? [])));
  }
  return out;
}

/** Rows and columns without trailing blanks (the two hosts' used ranges may differ by empty cells). */
function trim(rows: DCell[][]): DCell[][] {
  const out = rows.map((r) => {
    const row = r.map((v) => (v === "" || v === undefined ? null : v));
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    return row;
  });
  while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
  return out;
}

function paneCells(x: ExcelDouble, names: Iterable<string>): Map<string, DCell[][]> {
  const out = new Map<string, DCell[][]>();
  for (const n of names) {
    const rows = trim(x.rows(n)).map((row) => {
      const sheet = row.map(sheetIn).find((s) => s !== null);
      return row.map((v) => (v === BOOK && sheet ? fileOf.get(sheet)! : v));
    });
    out.set(n, rows);
  }
  return out;
}

/**
 * The pane's cells with each number that equals the command line's to within a millisecond of a
 * day-serial replaced by it: a date-time read back through ExcelJS's Date is off in the 17th digit.
 */
function sameNumbers(pane: DCell[][], cli: DCell[][]): DCell[][] {
  return pane.map((row, r) =>
    row.map((v, c) => {
      const w = cli[r]?.[c];
      return typeof v === "number" && typeof w === "number" && Math.abs(v - w) <= 1e-12 * Math.max(1, Math.abs(w)) ? w : v;
    }),
  );
}

async function expectSame(x: ExcelDouble, paneJson: string, cliJson: string): Promise<void> {
  // The same text but the workbook's name: the same data, and the same layout line by line.
  expect(asCli(paneJson)).toBe(JSON.stringify(JSON.parse(cliJson)));
  expect(paneJson.split("\n").length).toBe(cliJson.split("\n").length);
  const cells = await cliCells();
  expect(cells.size).toBeGreaterThanOrEqual(8);
  const pane = paneCells(x, cells.keys());
  for (const [name, rows] of cells) expect([name, sameNumbers(pane.get(name) ?? [], rows)]).toEqual([name, rows]);
}

/** Header text → 0-based column on the header row (row 3). */
const colIn = (rows: DCell[][], header: string) => rows[2].findIndex((h) => typeof h === "string" && h.startsWith(header));

test("the pane and the command line build the same month: same JSON bytes, same cells — also after the manager's edits and a deleted source row", async () => {
  const x = await paneWorkbook();
  const cliJson = await cliBuild();
  const paneJson = await paneBuild(x);
  await expectSame(x, paneJson, cliJson);

  // The manager's edits, the same in both: " 是 " waives a fine, "¥12" typed as text adjusts KF04's
  // pay, a remark on a fine from the incidents sheet whose source row is then deleted.
  const j = JSON.parse(cliJson);
  const waived = j.penalties.find((p: { sourceFile: string }) => p.sourceFile !== INCIDENTS);
  const gone = j.penalties.find((p: { sourceFile: string }) => p.sourceFile === INCIDENTS);
  expect(waived && gone).toBeTruthy();
  const goneRow = Number(/!(\d+)$/.exec(gone.source)![1]);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(tmp, "board.xlsx"));
  const pen = wb.getWorksheet("罚款台账")!;
  const com = wb.getWorksheet("提成表")!;
  const penRows = x.rows("罚款台账");
  const comRows = x.rows("提成表");
  const wCol = colIn(penRows, "免罚");
  const rCol = colIn(penRows, "备注");
  const aCol = colIn(comRows, "调整");
  const waivedAt = penRows.findIndex((r) => r[0] === waived.id);
  const goneAt = penRows.findIndex((r) => r[0] === gone.id);
  const kf04At = comRows.findIndex((r) => r[1] === "KF04");
  expect(Math.min(wCol, rCol, aCol, waivedAt, goneAt, kf04At)).toBeGreaterThan(0);
  pen.getRow(waivedAt + 1).getCell(wCol + 1).value = " 是 ";
  pen.getRow(goneAt + 1).getCell(rCol + 1).value = "已约谈";
  com.getRow(kf04At + 1).getCell(aCol + 1).value = "¥12";
  await wb.xlsx.writeFile(path.join(tmp, "board.xlsx"));
  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("罚款台账").getRangeByIndexes(waivedAt, wCol, 1, 1).values = [[" 是 "]];
    ctx.workbook.worksheets.getItem("罚款台账").getRangeByIndexes(goneAt, rCol, 1, 1).values = [["已约谈"]];
    ctx.workbook.worksheets.getItem("提成表").getRangeByIndexes(kf04At, aCol, 1, 1).values = [["¥12"]];
  });

  // The incident behind `gone` is deleted (its row emptied, so every other row keeps its number).
  const inc = new ExcelJS.Workbook();
  await inc.xlsx.readFile(path.join(tmp, "src", INCIDENTS));
  const incSheet = inc.worksheets[0];
  const width = incSheet.columnCount;
  for (let c = 1; c <= width; c++) incSheet.getRow(goneRow).getCell(c).value = null;
  await inc.xlsx.writeFile(path.join(tmp, "src", INCIDENTS));
  await x.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(incSheet.name).getRangeByIndexes(goneRow - 1, 0, 1, width).values = [new Array(width).fill("")];
  });

  const cliJson2 = await cliBuild();
  const paneJson2 = await paneBuild(x);
  await expectSame(x, paneJson2, cliJson2);

  // And the edits did what they say, so the comparison above is of a rebuild that carried them.
  const j2 = JSON.parse(cliJson2);
  expect(j2.penalties.find((p: { id: string }) => p.id === waived.id)).toMatchObject({ waived: true, effective: 0 });
  expect(j2.penalties.some((p: { id: string }) => p.id === gone.id)).toBe(false);
  expect(j2.agents.find((a: { agent: string }) => a.agent === "KF04").adjustment).toBe(12);
  expect(waived.effective).toBeGreaterThan(0);
  expect(j2.fund).toBeCloseTo(j2.penalties.reduce((n: number, p: { effective: number }) => n + p.effective, 0), 2);
  expect(j2.fund).toBeLessThan(j.fund - waived.effective + 0.001);
  const rows = x.rows("罚款台账");
  expect(rows[rows.findIndex((r) => r[0] === waived.id)][wCol]).toBe("是");
  const removedAt = rows.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("已移除"));
  expect(rows[removedAt + 1][0]).toBe(gone.id);
  expect(rows[removedAt + 1][rCol]).toBe("已约谈");
  expect(x.rows("提成表")[kf04At][aCol]).toBe(12);
}, 120000);
