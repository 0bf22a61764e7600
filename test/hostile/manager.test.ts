/**
 * Nothing lost: a rebuild keeps every value a manager typed into the written workbook (免罚, 备注,
 * 调整), also when the row it belonged to has no source any more — it moves to the "removed" block
 * and stays there on later builds.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { build, cleanupTmp, tmpDir, type Built } from "./harness";
import * as C from "./corpus";

afterAll(cleanupTmp);

/** Header text → 1-based column on row 3 of a report sheet. */
const colOf = (ws: ExcelJS.Worksheet, header: string) => {
  const i = (ws.getRow(3).values as unknown[]).findIndex((v) => typeof v === "string" && v.startsWith(header));
  if (i < 1) throw new Error(`no column ${header} on ${ws.name}`);
  return i;
};
function rowById(ws: ExcelJS.Worksheet, id: string): ExcelJS.Row | null {
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === id) return ws.getRow(r);
  return null;
}

interface Scenario {
  out: string;
  offTask: { id: string };
  complaint2: { id: string };
  second: Built;
  third: Built;
}

/**
 * Build; the manager waives the off-task fine with a remark, remarks a complaint and adjusts KF02's
 * pay in the written workbook (saved as Excel would); the off-task incident is then deleted from
 * the source and the month rebuilt twice.
 */
async function scenario(): Promise<Scenario> {
  const dir = await tmpDir("manager");
  const out = path.join(dir, "out", "board.xlsx");
  const first = await build(C.month(), { dir });
  expect(first.code).toBe(0);
  const complaint2 = first.json.penalties.find((p: { rule: string; occurrence: number }) => p.rule === "complaint" && p.occurrence === 2);
  const offTask = first.json.penalties.find((p: { rule: string }) => p.rule === "off_task");
  expect(complaint2).toBeTruthy();
  expect(offTask).toBeTruthy();

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const pen = wb.getWorksheet("罚款台账")!;
  const gone = rowById(pen, offTask.id)!;
  gone.getCell(colOf(pen, "免罚")).value = "是";
  gone.getCell(colOf(pen, "备注")).value = REMARK;
  rowById(pen, complaint2.id)!.getCell(colOf(pen, "备注")).value = "已约谈";
  const com = wb.getWorksheet("提成表")!;
  const kf02 = rowWhere(com, "工号", "KF02");
  kf02.getCell(colOf(com, "调整")).value = 66.6;
  kf02.getCell(colOf(com, "备注")).value = "加班补贴";
  await wb.xlsx.writeFile(out);

  const inc = C.incidentRows().filter((r) => r[2] !== "off_task");
  const second = await build(C.month({ incidents: C.csvFile("违规记录.csv", inc) }), { dir });
  const third = await build(C.month({ incidents: C.csvFile("违规记录.csv", inc) }), { dir });
  return { out, offTask, complaint2, second, third };
}

const REMARK = '=HYPERLINK("http://evil","点我") 玩的是公司的游戏';

function rowWhere(ws: ExcelJS.Worksheet, header: string, value: string): ExcelJS.Row {
  const c = colOf(ws, header);
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(c).value === value) return ws.getRow(r);
  throw new Error(`no row with ${header} = ${value} on ${ws.name}`);
}

async function sheet(file: string, name: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.getWorksheet(name)!;
}

let s: Scenario;
beforeAll(async () => {
  s = await scenario();
}, 60000);

describe("a rebuild never loses what the manager typed", () => {
  test("waived, remark and adjustment on rows that still exist are kept, in the JSON and in the sheets", async () => {
    for (const b of [s.second, s.third]) {
      expect(b.code).toBe(0);
      const j = b.json;
      expect(j.penalties.find((p: { id: string }) => p.id === s.offTask.id)).toBeUndefined();
      expect(j.penalties.find((p: { id: string }) => p.id === s.complaint2.id)).toMatchObject({ remark: "已约谈", waived: false });
      expect(j.agents.find((a: { agent: string }) => a.agent === "KF02")).toMatchObject({ adjustment: 66.6 });
      // The fund is the remaining fines only.
      expect(j.fund).toBe(j.penalties.reduce((n: number, p: { effective: number }) => n + p.effective, 0));
    }
    const pen = await sheet(s.out, "罚款台账");
    expect(rowById(pen, s.complaint2.id)!.getCell(colOf(pen, "备注")).value).toBe("已约谈");
    const com = await sheet(s.out, "提成表");
    const kf02 = rowWhere(com, "工号", "KF02");
    expect(kf02.getCell(colOf(com, "调整")).value).toBe(66.6);
    expect(kf02.getCell(colOf(com, "备注")).value).toBe("加班补贴");
  });

  test("entries whose source row disappeared are kept in the removed block, as text, across rebuilds", async () => {
    const pen = await sheet(s.out, "罚款台账");
    let title = "";
    const removed: ExcelJS.Row[] = [];
    pen.eachRow((row, r) => {
      const v = row.getCell(1).value;
      if (typeof v === "string" && v.startsWith("已移除")) title = v;
      if (v === s.offTask.id && r > 3) removed.push(row);
    });
    expect(title).toMatch(/已移除.*Removed/);
    expect(removed).toHaveLength(1); // once, after two rebuilds
    expect(removed[0].getCell(colOf(pen, "免罚")).value).toBe("是");
    expect(removed[0].getCell(colOf(pen, "备注")).value).toBe(REMARK);
    expect(removed[0].getCell(colOf(pen, "备注")).formula).toBeUndefined();
    // Kept, but no longer counted.
    expect(s.third.json.penalties.some((p: { id: string }) => p.id === s.offTask.id)).toBe(false);
  });
});
