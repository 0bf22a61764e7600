/**
 * A huge 订单明细 is written in pages (src/excel/paging.ts): the sample month with the page set to
 * 300 rows stands for a million-order month with pages of 100,000. Every figure must stay the
 * engine's: a formula that reaches into a sheet written in part is written as its value, every
 * other cell is written exactly as the whole write writes it; the sheet and the messages say
 * what was written, in Chinese and English; "write more" adds pages until the sheet is whole.
 */
import * as fs from "fs";
import * as path from "path";
import { buildMonth } from "../../src/core/engine";
import { mergeImports } from "../../src/core/import";
import type { ImportResult } from "../../src/core/import/types";
import { defaultRules } from "../../src/core/rules/defaults";
import { buildWorkbookSpec } from "../../src/core/sheets";
import type { SheetSpec, SpecCell, WorkbookSpec } from "../../src/core/sheets/types";
import { sheetRow, sheetRowCount } from "../../src/core";
import { readSourceFile } from "../../src/xlsx/read";
import { writeMoreRows, writeWorkbookSpec } from "../../src/excel/write";
import { pageWorkbookSpec, pagedNote, pagedNoteOf } from "../../src/excel/paging";
import { MAX_REQUEST_BYTES } from "../../src/excel/payload";
import { ExcelDouble } from "../support/excelDouble";

const SAMPLES = path.resolve(__dirname, "../../samples");
const PAGE = 300;

let spec: WorkbookSpec;
beforeAll(async () => {
  const results: ImportResult[] = [];
  for (const f of fs.readdirSync(SAMPLES).filter((f) => /\.(csv|xlsx)$/.test(f)).sort()) results.push(...(await readSourceFile(path.join(SAMPLES, f))));
  const { data, problems } = mergeImports(results);
  spec = buildWorkbookSpec(buildMonth(data, defaultRules(), { month: "2026-10", importProblems: problems }));
});

const isFormula = (c: SpecCell): c is { f: string; v: number | string } => c !== null && typeof c === "object" && "f" in c;
const intoDetail = (f: string) => f.includes("'订单明细'!");
const sheetOf = (key: string) => spec.sheets.find((s) => s.key === key)!;
const isLink = (c: SpecCell): c is { text: string; target: string } => c !== null && typeof c === "object" && "target" in c;
/** A link to a row of 订单明细 below the first page. */
const beyondPage = (target: string) => {
  const m = /^'订单明细'!A(\d+)$/.exec(target);
  return m !== null && Number(m[1]) > 3 + PAGE;
};

/** Every cell of the sheet's used range: value, or "=formula". */
function cells(x: ExcelDouble, name: string): unknown[][] {
  return x.rows(name).map((r) => r.slice());
}

describe("a detail sheet over the page size", () => {
  test("the sample month really has more orders than a page (else this proves nothing)", () => {
    expect(sheetRowCount(sheetOf("orders"))).toBeGreaterThan(2 * PAGE);
    // And formulas on the report sheets that reach into 订单明细.
    const reaching = spec.sheets.filter((s) => s.key !== "orders").flatMap((s) => [...s.rows, ...s.blocks.flatMap((b) => b.rows)].flat()).filter((c) => isFormula(c) && intoDetail(c.f));
    expect(reaching.length).toBeGreaterThan(0);
  });

  test("the first page is written; every formula into it is its value; every other cell is as the whole write's", async () => {
    const whole = new ExcelDouble();
    await writeWorkbookSpec(whole.run, spec, undefined, { detailPageRows: Infinity });
    const x = new ExcelDouble();
    const res = await writeWorkbookSpec(x.run, spec, undefined, { detailPageRows: PAGE });
    const orders = sheetOf("orders");
    const total = sheetRowCount(orders);
    expect(res.paged).toEqual([{ key: "orders", name: "订单明细", total, written: PAGE }]);
    expect(res.sheets.find((s) => s.key === "orders")).toMatchObject({ rows: PAGE, lastDataRow: 3 + PAGE, total });
    // Told in both languages, with the numbers.
    const msg = res.messages.find((m) => m.code === "detail.paged")!;
    expect(msg.zh).toContain(`共 ${total.toLocaleString("en-US")} 行，只写入了前 ${PAGE} 行`);
    expect(msg.en).toContain(`only the first ${PAGE} were written`);
    expect(x.maxRequestBytes()).toBeLessThan(MAX_REQUEST_BYTES);

    for (const s of spec.sheets) {
      if (s.key === "orders") continue;
      const got = cells(x, s.name);
      const want = cells(whole, s.name);
      expect([s.name, got.length]).toEqual([s.name, want.length]);
      // The spec's cells at their sheet rows (data from row 4, blocks after).
      const specAt = new Map<number, SpecCell[]>();
      for (let i = 0; i < s.rows.length; i++) specAt.set(3 + i, s.rows[i]);
      let r = 3 + s.rows.length;
      for (const b of s.blocks) {
        // blockFirstRows: a blank row, then the title (if any), then the rows.
        r += 1 + (b.title ? 1 : 0);
        for (const row of b.rows) specAt.set(r++, row);
      }
      let linksCut = 0;
      got.forEach((row, ri) =>
        row.forEach((v, c) => {
          const cell = specAt.get(ri)?.[c];
          if (cell !== undefined && isFormula(cell) && intoDetail(cell.f)) expect([s.name, ri, c, v]).toEqual([s.name, ri, c, cell.v]);
          else if (cell !== undefined && isLink(cell) && beyondPage(cell.target)) {
            // A link to a row not written is its text (a day's orders further down); others stay links.
            expect([s.name, ri, c, v]).toEqual([s.name, ri, c, cell.text]);
            linksCut++;
          } else expect([s.name, ri, c, v]).toEqual([s.name, ri, c, want[ri][c]]);
        }),
      );
      if (s.key === "reconciliation") {
        expect(linksCut).toBeGreaterThan(0);
        expect(got.flat().some((v) => typeof v === "string" && v.startsWith("=HYPERLINK(\"#'订单明细'!A"))).toBe(true);
      }
      // No formula written anywhere computes over 订单明细 (links to its written rows aside).
      for (const row of got) for (const v of row) if (typeof v === "string" && v.startsWith("=") && !v.startsWith("=HYPERLINK(")) expect(intoDetail(v)).toBe(false);
    }

    // 订单明细: its first PAGE rows as the whole write has them, then blank, the note, and 合计 as values over every order.
    const got = cells(x, "订单明细");
    const want = cells(whole, "订单明细");
    expect(got.slice(0, 3 + PAGE)).toEqual(want.slice(0, 3 + PAGE));
    expect(got[3 + PAGE].every((v) => v === null)).toBe(true);
    expect(got[4 + PAGE][0]).toBe(pagedNote(PAGE, total));
    expect(got[4 + PAGE][0]).toMatch(/写入更多订单明细.*Write more detail rows/);
    const totals = orders.blocks[orders.blocks.length - 1].rows[0];
    // A blank row between the note and 合计, as between every block.
    expect(got[5 + PAGE].every((v) => v === null)).toBe(true);
    expect(got[6 + PAGE]).toEqual(totals.map((c) => (isFormula(c) ? c.v : c)));
    expect(got[6 + PAGE][0]).toBe(`合计 Total：${total} 单 orders`);
    expect(got).toHaveLength(7 + PAGE);
    const sheet = x.sheet("订单明细");
    expect(sheet.autoFilter).toBe(`'订单明细'!A3:N${3 + PAGE}`);
    expect(sheet.styles).toContainEqual({ address: `'订单明细'!A${5 + PAGE}:N${5 + PAGE}`, prop: "font.italic", value: true });
  });

  test("write more: the next page goes where the note and totals were, they move below; the last page makes the sheet whole", async () => {
    const whole = new ExcelDouble();
    await writeWorkbookSpec(whole.run, spec, undefined, { detailPageRows: Infinity });
    const x = new ExcelDouble();
    const res = await writeWorkbookSpec(x.run, spec, undefined, { detailPageRows: PAGE });
    const orders = sheetOf("orders");
    const total = sheetRowCount(orders);
    let w = res.sheets.find((s) => s.key === "orders")!;
    const others = spec.sheets.filter((s) => s.key !== "orders").map((s) => x.sheet(s.name).snapshot());

    w = await writeMoreRows(x.run, spec, w, PAGE);
    expect(w).toMatchObject({ rows: 2 * PAGE, lastDataRow: 3 + 2 * PAGE, total });
    let got = cells(x, "订单明细");
    expect(got.slice(0, 3 + 2 * PAGE)).toEqual(cells(whole, "订单明细").slice(0, 3 + 2 * PAGE));
    expect(got[4 + 2 * PAGE][0]).toBe(pagedNote(2 * PAGE, total));
    expect(got[6 + 2 * PAGE][0]).toBe(`合计 Total：${total} 单 orders`);
    expect(got).toHaveLength(7 + 2 * PAGE);
    const sheet = x.sheet("订单明细");
    expect(sheet.autoFilter).toBe(`'订单明细'!A3:N${3 + 2 * PAGE}`);
    // Where the old note and totals were there are data rows now, without their styles left behind.
    expect(sheet.format(4 + PAGE, 0)).toBe("@");
    // The other sheets are not touched.
    expect(spec.sheets.filter((s) => s.key !== "orders").map((s) => x.sheet(s.name).snapshot())).toEqual(others);

    // The rest, in one go: the sheet is the engine's own, its 合计 live formulas again.
    w = await writeMoreRows(x.run, spec, w, total);
    expect(w).toMatchObject({ rows: total, total });
    got = cells(x, "订单明细");
    expect(got).toEqual(cells(whole, "订单明细"));
    // Nothing more to write.
    expect(await writeMoreRows(x.run, spec, w, PAGE)).toBe(w);
  });

  test("a board written in pages is recognised when read back (last month's board for the clawback)", () => {
    expect(pagedNoteOf([["订单明细 2026-10"], [null], ["x"], [pagedNote(100_000, 1_048_575)], ["合计 Total：1048575 单 orders"]])).toEqual({ written: 100_000, total: 1_048_575 });
    expect(pagedNoteOf([["订单明细 2026-10"], ["合计 Total：3 单 orders"]])).toBeNull();
  });

  test("a sheet under the page size is written whole, with its formulas; nothing is paged", async () => {
    const x = new ExcelDouble();
    const res = await writeWorkbookSpec(x.run, spec, undefined, { detailPageRows: sheetRowCount(sheetOf("orders")) });
    expect(res.paged).toEqual([]);
    expect(res.messages.filter((m) => m.code === "detail.paged")).toEqual([]);
    expect(pageWorkbookSpec(spec, sheetRowCount(sheetOf("orders"))).spec).toBe(spec);
  });

  test("paging a lazy sheet builds only the rows of the page", () => {
    let built = 0;
    const orders = sheetOf("orders");
    const counting: SheetSpec = { ...orders, rows: [] };
    Object.defineProperty(counting, "rowCount", { value: sheetRowCount(orders), enumerable: false, configurable: true });
    Object.defineProperty(counting, "rowAt", { value: (i: number) => (built++, sheetRow(orders, i)), enumerable: false, configurable: true });
    const paged = pageWorkbookSpec({ month: spec.month, sheets: [counting] }, PAGE);
    expect(built).toBe(0);
    const page = paged.spec.sheets[0];
    expect(sheetRowCount(page)).toBe(PAGE);
    for (let i = 0; i < PAGE; i++) sheetRow(page, i);
    expect(built).toBe(PAGE);
  });
});
