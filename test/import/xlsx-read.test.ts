import * as fs from "fs";
import * as path from "path";
import { plainCell, readSourceFile, readWorkbookRows } from "../../src/xlsx/read";
import { tmpDir, writeXlsx } from "./helpers";

describe("readWorkbookRows: ExcelJS values → plain cells", () => {
  test("rich text, formulas (cached result), hyperlinks, dates, errors, merged cells", async () => {
    const p = await writeXlsx("cells.xlsx", [
      {
        name: "订单",
        rows: [
          ["订单编号", "买家实际支付金额", "订单付款时间", "订单备注", "订单状态"],
          [
            { richText: [{ text: '="2873190' }, { font: { bold: true }, text: '462331523456"' }] },
            { formula: "10+2.5", result: 12.5 },
            new Date(Date.UTC(2026, 9, 3, 14, 5, 9)),
            { text: "KF03 链接", hyperlink: "https://example.com" },
            { error: "#N/A" },
          ],
        ],
        merges: [],
      },
      { name: "空表", rows: [] },
    ]);
    const sheets = await readWorkbookRows(p);
    expect(sheets.map((s) => [s.file, s.sheet])).toEqual([
      ["cells.xlsx", "订单"],
      ["cells.xlsx", "空表"],
    ]);
    expect(sheets[0].rows[1]).toEqual(['="2873190462331523456"', 12.5, new Date(Date.UTC(2026, 9, 3, 14, 5, 9)), "KF03 链接", "#N/A"]);
    const [r] = await readSourceFile(p);
    expect(r.kind).toBe("orders");
    expect(r.data.orders[0]).toMatchObject({ id: "2873190462331523456", paid: 1250, paidAt: Date.UTC(2026, 9, 3, 14, 5, 9), note: "KF03 链接" });
  });
  test("plainCell", () => {
    expect(plainCell(undefined)).toBeNull();
    expect(plainCell({ sharedFormula: "A1", result: "x" })).toBe("x");
    expect(plainCell({ formula: "A1" })).toBeNull();
    expect(plainCell({ text: { richText: [{ text: "a" }, { text: "b" }] }, hyperlink: "x" })).toBe("ab");
    expect(plainCell({ formula: "NOW()", result: new Date(0) })).toEqual(new Date(0));
  });
});

describe("readSourceFile", () => {
  test("a workbook with several sheets: each recognised sheet imports, others give one info problem", async () => {
    const p = await writeXlsx("book.xlsx", [
      { name: "说明", rows: [["这是说明页"], ["请勿修改"]] },
      { name: "花名册", rows: [["工号", "姓名", "岗位"], ["KF01", "王美", "售前"]] },
      { name: "违规", rows: [["日期", "客服", "类型"], ["2026-10-08", "KF01", "投诉"]] },
      { name: "空", rows: [] },
    ]);
    const rs = await readSourceFile(p);
    expect(rs.map((r) => r.kind)).toEqual(["roster", "incidents"]);
    const info = rs[0].problems.filter((x) => x.code === "import.sheet_skipped");
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ severity: "info", sheet: "说明" });
    expect(info[0].zh).toContain("工作表「说明」不是可识别的报表，已跳过");
    expect(info[0].en).toContain('sheet "说明" is not a recognised export and was skipped');
  });
  test("a workbook with nothing recognisable: an error explaining why", async () => {
    const p = await writeXlsx("none.xlsx", [{ name: "Sheet1", rows: [["foo", "bar"], [1, 2]] }]);
    const rs = await readSourceFile(p);
    expect(rs).toHaveLength(1);
    expect(rs[0].kind).toBeNull();
    expect(rs[0].problems.map((x) => [x.severity, x.code])).toEqual([["error", "import.unrecognised"]]);
  });
  test("an attendance workbook given as orders is refused with the reason", async () => {
    const p = await writeXlsx("att.xlsx", [{ name: "考勤", rows: [["姓名", "日期", "班次", "上班打卡", "下班打卡"], ["王美", "2026-10-01", "白班", "08:20", "17:40"]] }]);
    const rs = await readSourceFile(p, "orders");
    expect(rs[0].kind).toBeNull();
    expect(rs[0].problems[0]).toMatchObject({ code: "import.wrong_kind", severity: "error" });
  });
  test("a workbook whose sheets are all empty, and one with no sheets at all", async () => {
    const p = await writeXlsx("empty.xlsx", [{ name: "Sheet1", rows: [] }]);
    const [a] = await readSourceFile(p);
    expect(a.problems.map((x) => [x.severity, x.code])).toEqual([["error", "import.empty"]]);
    const none = await writeXlsx("nosheets.xlsx", []);
    const [b] = await readSourceFile(none);
    expect(b.kind).toBeNull();
    expect(b.problems.map((x) => x.severity)).toEqual(["error"]);
  });
  test("unsupported and damaged files", async () => {
    const xls = path.join(tmpDir(), "old.xls");
    fs.writeFileSync(xls, "x");
    const [a] = await readSourceFile(xls);
    expect(a.problems[0]).toMatchObject({ code: "file.type", severity: "error", value: ".xls" });
    expect(a.problems[0].zh).toContain("不支持的文件类型「.xls」");
    const bad = path.join(tmpDir(), "bad.xlsx");
    fs.writeFileSync(bad, "not a zip at all");
    const [b] = await readSourceFile(bad);
    expect(b.problems[0]).toMatchObject({ code: "file.unreadable", severity: "error" });
    expect(b.problems[0].en).toBe("cannot open this xlsx file (damaged, or not an xlsx); not imported");
  });
  test("a CSV is streamed in chunks (bigger than one read)", async () => {
    const p = path.join(tmpDir(), "big.csv");
    const lines = ["订单编号,买家实际支付金额,订单备注"];
    for (let i = 0; i < 60000; i++) lines.push(`="${2873190462331000000n + BigInt(i)}",1.00,"备注 ${"长".repeat(40)} KF01"`);
    fs.writeFileSync(p, lines.join("\r\n") + "\r\n");
    expect(fs.statSync(p).size).toBeGreaterThan(4 << 20);
    const progress: [number, number][] = [];
    const [r] = await readSourceFile(p, null, { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[progress.length - 1]).toEqual([fs.statSync(p).size, fs.statSync(p).size]);
    expect(r.data.orders).toHaveLength(60000);
    expect(r.data.orders[59999].id).toBe((2873190462331000000n + 59999n).toString());
    expect(r.data.orders[59999].source.row).toBe(60001);
    expect(r.problems).toEqual([]);
  });
});
