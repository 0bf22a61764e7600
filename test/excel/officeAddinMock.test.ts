/**
 * The adapter against Microsoft's office-addin-mock (toolchain trap 4/5: it has no Excel object
 * model, so the objects the read path touches are described here, and syncs are counted by a spy).
 */
import { OfficeMockObject } from "office-addin-mock";
import { readSource } from "../../src/excel/read";
import type { ExcelRun } from "../../src/excel/types";

const ROSTER = [
  ["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"],
  ["KF01", "小美", "小店旗舰店:小美", "售前", "2025-03-01", 20000],
  ["KF02", "阿强", "小店旗舰店:阿强", "售后", "2025-06-15", ""],
];

function mockRun(rows: (string | number)[][]): { run: ExcelRun; syncs: () => number; requested: string[] } {
  const requested: string[] = [];
  // office-addin-mock resolves loads on the object's own sync(): the context's sync syncs them all.
  const created: OfficeMockObject[] = [];
  const width = rows[0].length;
  const data = {
    context: {
      workbook: {
        worksheets: {
          sheet: {
            getUsedRangeOrNullObject() {
              const used = new OfficeMockObject({ rowIndex: 0, rowCount: rows.length, columnIndex: 0, columnCount: width }) as any;
              // Office.js answers isNullObject after any sync; the mock would want it loaded.
              used.isNullObject = false;
              created.push(used);
              return used;
            },
            getRangeByIndexes(r0: number, c0: number, n: number, cols: number) {
              requested.push(`${r0},${c0},${n},${cols}`);
              const values = rows.slice(r0, r0 + n).map((r) => r.slice(c0, c0 + cols));
              const range = new OfficeMockObject({ values, text: values.map((r) => r.map(String)) });
              created.push(range);
              return range;
            },
          },
          getItem(name: string) {
            if (name !== "花名册") throw new Error("ItemNotFound");
            return this.sheet;
          },
        },
      },
      sync: async () => {
        await mock.context.workbook.sync();
        for (const o of created) await o.sync();
      },
    },
  };
  const mock = new OfficeMockObject(data) as any;
  const sync = jest.spyOn(mock.context, "sync");
  const run = (async (batch: (ctx: any) => Promise<unknown>) => batch(mock.context)) as ExcelRun;
  return { run, syncs: () => sync.mock.calls.length, requested };
}

test("readSource loads the used range, then the head, through load/sync as Office.js requires", async () => {
  const m = mockRun(ROSTER);
  const r = await readSource(m.run, "花名册", null);
  expect(r.kind).toBe("roster");
  expect(r.data.roster.map((a) => [a.staffNo, a.name, a.nick, a.monthlyTarget])).toEqual([
    ["KF01", "小美", "小店旗舰店:小美", 2000000],
    ["KF02", "阿强", "小店旗舰店:阿强", null],
  ]);
  // One request for the used range, one for the head (the whole sheet fits in it).
  expect(m.syncs()).toBe(2);
  expect(m.requested).toEqual(["0,0,3,6"]);
});

test("after the head, only the columns the importer needs are requested, one sync per chunk", async () => {
  const rows: (string | number)[][] = [["工号", "姓名", "备用1", "备用2", "备用3", "旺旺", "岗位", "入职日期", "月度目标", "备用4"]];
  for (let i = 1; i <= 30; i++) rows.push([`KF${String(i).padStart(2, "0")}`, `客服${i}`, "x", "x", "x", `店:客服${i}`, "售前", "2025-01-01", 20000, "y"]);
  const m = mockRun(rows);
  const r = await readSource(m.run, "花名册", "roster");
  expect(r.data.roster).toHaveLength(30);
  expect(r.data.roster[29].staffNo).toBe("KF30");
  // Head: rows 1–12, all 10 columns. Then rows 13–31: columns A–B and F–I only (C–E and J are
  // not needed), plus the displayed text of the staff-number and nick columns.
  expect(m.requested).toEqual(["0,0,12,10", "12,0,19,2", "12,5,19,4", "12,0,19,1", "12,5,19,1"]);
  expect(m.syncs()).toBe(3);
});

test("on the page a chunk is imported in slices, yielding between them, with the same rows and requests", async () => {
  const rows: (string | number)[][] = [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"]];
  for (let i = 1; i <= 30; i++) rows.push([`KF${String(i).padStart(2, "0")}`, `客服${i}`, `店:客服${i}`, "售前", "2025-01-01", 20000]);
  const m = mockRun(rows);
  let pauses = 0;
  const r = await readSource(m.run, "花名册", "roster", undefined, { sliceRows: 7, pause: async () => void pauses++ });
  expect(r.data.roster.map((a) => a.staffNo)).toEqual(rows.slice(1).map((x) => x[0]));
  // Rows 13–31 (19 rows) in one chunk: slices of 7, 7 and 5 rows, two yields; still 3 syncs.
  expect(pauses).toBe(2);
  expect(m.syncs()).toBe(3);
});
