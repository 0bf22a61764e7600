/**
 * Text written by strangers (buyer names, seller notes, roster names, incident remarks) goes
 * through the whole product and stays text: in the .xlsx the command line writes (read from the
 * package XML: no `<f>` in those cells, every part well-formed XML), and in Excel through the
 * Office.js adapter (the in-memory double interprets a string as Excel does unless the cell is
 * text-formatted first). Text longer than a cell holds is cut with a marker and a located problem.
 */
import ExcelJS from "exceljs";
import { JSDOM } from "jsdom";
import JSZip from "jszip";
import { promises as fs } from "fs";
import { decodeBytes, parseCsv } from "../../src/core/import";
import type { SourceKind } from "../../src/core/import/types";
import { MAX_CELL_TEXT as SHEET_LIMIT } from "../../src/core/sheets/layout";
import { MAX_CELL_TEXT } from "../../src/core/reports/text";
import { scanSources } from "../../src/excel/read";
import { addSourceSheet } from "../../src/excel/sourceSheet";
import { ExcelDouble } from "../support/excelDouble";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { runBuild } from "../../src/taskpane/pipeline";
import { REPORT_SHEETS, build, cleanupTmp, csv, findLocated, packageXml, type Built, type InputSpec } from "./harness";
import * as C from "./corpus";
import { agrees, evaluateFormulas } from "../sheets/formula-check";

export const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil","点我")',
  cmd: "=cmd|' /C calc'!A0",
  at: "@SUM(1)",
  plus: "+1",
  minus: "-1",
  plusFormula: "+SUM(7,8)",
  tab: "\t=1+2",
  cr: "\r=3+4",
  emoji: "😀 客服 🎉 👩‍👩‍👧",
  control: "a\u0001b\u0007c\u001Fd\u000Be",
  html: '<img src=x onerror="alert(1)">',
  script: "<script>alert('x')</script>&amp;",
  escapeLookalike: "_x0041_ stays literal",
};
const HOSTILE_TEXTS = Object.values(HOSTILE);
/**
 * The text as the reports show it: cells are trimmed on import (a leading tab or CR is how
 * exports pad ids), so "\t=1+2" arrives as "=1+2" — which must then still be text.
 */
const shown = (h: string) => h.trim();
const SHOWN_TEXTS = HOSTILE_TEXTS.map(shown);
/** Fragments that must never appear inside a formula of the written workbook. */
const NEVER_IN_FORMULA = ["evil", "cmd|", "calc", "SUM(1)", "SUM(7,8)", "1+2", "3+4", "onerror", "script"];

const LONG_NOTE = "王女士 2*3米 " + "长".repeat(40000) + " 😀 end";
const EXACT_NOTE = "无工号" + "满".repeat(MAX_CELL_TEXT - 3);
const CUT_MARK = "…[截断 truncated]";

const N0 = 80; // order numbers of the hostile rows
const hostileOrders = () => [
  ...C.ordersRows(),
  ...HOSTILE_TEXTS.map((h, i) => C.orderRow(N0 + i, { buyer: h, note: h })),
  ...HOSTILE_TEXTS.map((h, i) => C.orderRow(N0 + 20 + i, { buyer: `${h}`, note: `KF02 ${h}` })),
  C.orderRow(N0 + 40, { note: LONG_NOTE }),
  C.orderRow(N0 + 41, { note: EXACT_NOTE }),
];
const hostileRoster = () => [...C.rosterRows().slice(0, 3), ["KF03", HOSTILE.html, HOSTILE.hyperlink, "售后", "2025-01-01", ""]];
const hostileSales = () => [...C.salesRows().slice(0, 3), [HOSTILE.hyperlink, "2026-10-05", 8, 2, 200, 25]];
const hostileIncidents = () => [...C.incidentRows(), ["2026-10-13", "KF02", "投诉", "", "", HOSTILE.cmd], ["2026-10-14", "KF01", "迟到", "", "", HOSTILE.script]];

function hostileMonth() {
  return C.month({
    orders: { name: "订单报表.csv", csv: csv(hostileOrders()) },
    roster: { name: "花名册.csv", csv: csv(hostileRoster()) },
    sales: { name: "客服绩效.csv", csv: csv(hostileSales()) },
    incidents: { name: "违规记录.csv", csv: csv(hostileIncidents()) },
  });
}

interface XmlCell {
  sheet: string;
  ref: string;
  formula: string | null;
  text: string | null;
  /** A formula's cached result as stored (ExcelJS drops falsy ones when reading). */
  cached: number | string | null;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}
const unescapeOoxml = (s: string) => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h) => String.fromCharCode(parseInt(h, 16)));

/** Every cell of every worksheet part: its formula (if any) and its text (shared / inline string). */
async function xmlCells(xlsx: string): Promise<XmlCell[]> {
  const { sheets, shared } = await packageXml(xlsx);
  const strings = [...shared.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescapeOoxml(decode([...m[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(""))),
  );
  const out: XmlCell[] = [];
  for (const [sheet, xml] of sheets) {
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = /\br="([A-Z]+\d+)"/.exec(m[1])![1];
      const body = m[2] ?? "";
      const f = /<f[^>]*>([\s\S]*?)<\/f>/.exec(body);
      const type = /\bt="(\w+)"/.exec(m[1])?.[1];
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let text: string | null = null;
      if (type === "s" && v !== undefined) text = strings[Number(v)];
      else if (type === "inlineStr") text = unescapeOoxml(decode(/<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1] ?? ""));
      const cached = f && v !== undefined ? (type === "str" ? unescapeOoxml(decode(v)) : Number(v)) : f && type === "str" ? "" : null;
      out.push({ sheet, ref, formula: f ? decode(f[1]) : null, text, cached });
    }
  }
  return out;
}

afterAll(cleanupTmp);

describe("the command line's workbook", () => {
  let b: Built;
  let cells: XmlCell[];
  beforeAll(async () => {
    b = await build(hostileMonth());
    if (b.code !== 0) throw new Error(b.err);
    cells = await xmlCells(b.xlsx);
  }, 60000);

  test("every report is written", () => {
    expect(b.sheetNames).toEqual(expect.arrayContaining(REPORT_SHEETS));
  });

  test("no formula of the workbook carries any of the untrusted text", () => {
    const formulas = cells.filter((c) => c.formula !== null);
    expect(formulas.length).toBeGreaterThan(20); // the live totals are there
    for (const c of formulas) for (const bad of NEVER_IN_FORMULA) expect(`${c.sheet}!${c.ref} ${c.formula}`).not.toContain(bad);
  });

  test.each(Object.entries(HOSTILE))("%s is a plain string cell on the order sheets, never a formula", (_k, h) => {
    const hits = cells.filter((c) => c.text === shown(h));
    // As buyer and as note, on 订单明细 at least.
    expect(hits.filter((c) => c.sheet === "订单明细").length).toBeGreaterThanOrEqual(2);
    for (const c of hits) expect(c.formula).toBeNull();
  });

  test("roster names, nicks and incident remarks that look like formulas or HTML are text too", () => {
    for (const [h, sheet] of [
      [HOSTILE.html, "绩效看板"],
      [HOSTILE.hyperlink, "绩效看板"],
      [HOSTILE.html, "提成表"],
      [HOSTILE.cmd, "罚款台账"],
    ] as const) {
      const hit = cells.filter((c) => c.sheet === sheet && c.text !== null && c.text.includes(h));
      expect(`${sheet}: ${hit.length}`).not.toBe(`${sheet}: 0`);
      for (const c of hit) expect(c.formula).toBeNull();
    }
  });

  test("ExcelJS reads the same cells back as strings", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(b.xlsx);
    const ws = wb.getWorksheet("订单明细")!;
    const seen = new Set<string>();
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string" && SHOWN_TEXTS.includes(cell.value)) {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          seen.add(cell.value);
        }
      }),
    );
    expect([...seen].sort()).toEqual([...SHOWN_TEXTS].sort());
  });

  test("every XML part is well-formed (control characters did not corrupt the package)", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(b.xlsx));
    const parser = new new JSDOM("").window.DOMParser();
    const parts = Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n));
    expect(parts.length).toBeGreaterThan(10);
    for (const n of parts) {
      const doc = parser.parseFromString(await zip.file(n)!.async("string"), "application/xml");
      expect(`${n}: ${doc.getElementsByTagName("parsererror").length}`).toBe(`${n}: 0`);
    }
  });

  test("a 40,000-character note is cut to the cell limit with a marker, and a located problem says so", () => {
    const cut = cells.filter((c) => c.text !== null && c.text.startsWith("王女士 2*3米 长长") && c.sheet !== "问题");
    expect(cut.length).toBeGreaterThan(0);
    for (const c of cut) {
      expect(c.text!.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
      expect(c.text!.endsWith(CUT_MARK)).toBe(true);
    }
    const row = hostileOrders().findIndex((r) => r[9] === LONG_NOTE) + 1;
    const { json } = findLocated(b, { code: "text.too_long", file: "订单报表.csv", sheet: "订单报表", row, column: "订单备注" });
    expect(json.value.startsWith("王女士 2*3米")).toBe(true);
    expect(json.zh).toContain(String(LONG_NOTE.length));
    expect(json.en).toContain("cut");
    // The JSON keeps the note whole.
    expect(b.json.unattributed.find((u: { note: string }) => u.note === LONG_NOTE)).toBeTruthy();
    expect(b.json.problems.filter((p: { code: string }) => p.code === "text.too_long")).toHaveLength(1);
  });

  test("a note of exactly 32,767 characters is written whole, without a problem, and the JSON keeps every note whole", () => {
    expect(cells.some((c) => c.text === EXACT_NOTE)).toBe(true);
    expect(b.json.unattributed.find((u: { note: string }) => u.note === EXACT_NOTE)).toBeTruthy();
    expect(SHEET_LIMIT).toBe(MAX_CELL_TEXT);
  });
});

describe("in Excel, through the task pane's pipeline and the Office.js double", () => {
  async function workbook(): Promise<ExcelDouble> {
    const x = new ExcelDouble();
    const m = hostileMonth();
    for (const { file } of m.inputs) {
      const f = file as Extract<InputSpec, { csv: string }>;
      await addSourceSheet(x.run, f.name, parseCsv(decodeBytes(new TextEncoder().encode(f.csv)).text));
    }
    // A sheet the manager typed by hand: hostile strings stored as text, as a saved workbook holds them.
    x.addTypedSheet("手工违规", [C.INCIDENT_HEADERS, ["2026-10-15", "KF01", "投诉", "", "", HOSTILE.at], ["2026-10-16", "KF02", "迟到", "", "", HOSTILE.plusFormula]]);
    for (const s of x.data.sheets) s.mutations = 0;
    return x;
  }

  test("every written cell holding untrusted text is text-formatted and not a formula; sources untouched", async () => {
    const x = await workbook();
    const sources = x.sheetNames();
    const before = sources.map((n) => x.sheet(n).snapshot());
    const found = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind as SourceKind }));
    expect(found.map((s) => s.kind).sort()).toEqual(["attendance", "incidents", "incidents", "orders", "roster", "sales"]);
    const r = await runBuild({ run: x.run, sources: found, month: "2026-10", file: "敌意.xlsx", engine: new LocalEngine("敌意.xlsx"), onStep: () => undefined });
    expect(r.write.sheets.filter((s) => !s.skipped).map((s) => s.name)).toEqual(expect.arrayContaining(REPORT_SHEETS));

    const seen = new Set<string>();
    for (const name of x.sheetNames().filter((n) => !sources.includes(n))) {
      const s = x.sheet(name);
      const rows = x.rows(name);
      rows.forEach((row, ri) =>
        row.forEach((_v, ci) => {
          const f = s.formula(ri, ci);
          if (f !== null) for (const bad of NEVER_IN_FORMULA) expect(`${name}!${ri},${ci} ${f}`).not.toContain(bad);
          const v = s.value(ri, ci);
          if (typeof v === "string" && SHOWN_TEXTS.some((h) => v.includes(h))) {
            expect(s.format(ri, ci)).toBe("@");
            for (const h of SHOWN_TEXTS) if (v.includes(h)) seen.add(h);
          }
        }),
      );
    }
    expect([...seen].sort()).toEqual([...SHOWN_TEXTS].sort());
    // The hand-typed remarks reached the ledger as text.
    const ledger = x.rows("罚款台账").flat();
    expect(ledger.filter((v) => typeof v === "string" && v.includes(HOSTILE.at))).not.toEqual([]);
    expect(ledger.filter((v) => typeof v === "string" && v.includes(HOSTILE.plusFormula))).not.toEqual([]);
    expect(sources.map((n) => x.sheet(n).snapshot())).toEqual(before);
    expect(sources.map((n) => x.sheet(n).mutations)).toEqual(sources.map(() => 0));
    // "Import a file" could not hold the 40,000-character note in a cell: the cut is visible.
    const cutNote = x.rows("订单报表").flat().find((v) => typeof v === "string" && v.startsWith("王女士 2*3米 长长")) as string;
    expect(cutNote.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
    expect(cutNote.endsWith(CUT_MARK)).toBe(true);
  }, 60000);
});

describe("staff numbers and names that look like criteria or formulas", () => {
  // Each would change what a SUMIFS / COUNTIFS criterion matches if it were used as one.
  const CODES = ["-1", "+2", "@3", "=KF4", "KF*", "KF?6", "<KF7", 'KF"8', "KF9 "];
  test("the live totals still equal the engine's figures (HyperFormula on the written file)", async () => {
    const roster = [C.ROSTER_HEADERS, ...CODES.map((code, i) => [code, `客服${i}`, `小店:客服${i}`, "售前", "2025-01-01", 20000])];
    const attendance = [C.ATTENDANCE_HEADERS, ...CODES.map((code, i) => [`客服${i}`, code, "2026-10-02", "白班", "08:4" + (i % 10), "17:35"])];
    const orders = [C.ORDER_HEADERS, ...CODES.map((_c, i) => C.orderRow(i, { note: `客服${i} 定制` }))];
    const incidents = [C.INCIDENT_HEADERS, ...CODES.map((code, i) => [`2026-10-0${1 + (i % 9)}`, code, "投诉", "", "", HOSTILE.cmd])];
    const b = await build(
      C.month({
        orders: C.csvFile("订单报表.csv", orders),
        roster: C.csvFile("花名册.csv", roster),
        attendance: C.csvFile("考勤.csv", attendance),
        incidents: C.csvFile("违规记录.csv", incidents),
        sales: C.csvFile("客服绩效.csv", [C.SALES_HEADERS]),
      }),
    );
    expect(b.code).toBe(0);
    expect(b.json.penalties.filter((p: { rule: string }) => p.rule === "complaint")).toHaveLength(CODES.length);
    const results = await evaluateFormulas(b.xlsx);
    expect(results.length).toBeGreaterThan(20);
    const stored = new Map((await xmlCells(b.xlsx)).filter((c) => c.formula !== null).map((c) => [`${c.sheet}!${c.ref}`, c.cached]));
    for (const r of results) r.cached = stored.get(`${r.sheet}!${r.address}`);
    const wrong = results.filter((r) => r.cached === undefined || r.cached === null || !agrees(r.actual, r.cached as number | string, r.money));
    expect(wrong.map((r) => `${r.sheet}!${r.address} ${r.formula}: ${String(r.actual)} ≠ ${String(r.cached)}`)).toEqual([]);
    for (const r of results) for (const bad of NEVER_IN_FORMULA) expect(r.formula).not.toContain(bad);
  }, 60000);
});
