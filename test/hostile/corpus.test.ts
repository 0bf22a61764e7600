/**
 * Issue 8's corpus through the real command line (`kefu-board build`, in-process): each messy
 * input is one changed file of a clean three-agent month. For every case the build still writes
 * every report, every problem of the JSON is a row of the written workbook's 问题 sheet (read from
 * the package XML), and the case's own problem is there located (file, sheet, row, column, value)
 * with a Chinese and an English message. Inputs accepted as they should be are checked by value.
 */
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { KefuError } from "../../src/core/problems";
import { readRulesWorkbook } from "../../src/xlsx/rules";
import {
  REPORT_SHEETS,
  build,
  cleanupTmp,
  tmpDir,
  csv,
  findLocated,
  type BuildCase,
  type Built,
  type Expected,
} from "./harness";
import * as C from "./corpus";

afterAll(cleanupTmp);

interface CorpusCase {
  name: string;
  make: () => BuildCase;
  problems: Expected[];
  check?: (b: Built) => void;
}

const byId = (b: Built, id: string) => b.json.unattributed.find((u: { orderId: string }) => u.orderId === id);
const idOf = (n: number) => `28731904623315${String(20000 + n).padStart(5, "0")}`;
/** An order no agent code in its note: it lands in `unattributed` with its amount and paid time. */
const loose = (n: number, over: Parameters<typeof C.orderRow>[1]) => C.orderRow(n, { note: "无工号", ...over });

const CASES: CorpusCase[] = [
  {
    name: "the clean month: no error, every figure present",
    make: () => C.month(),
    problems: [],
    check: (b) => {
      expect(b.json.problems.filter((p: { severity: string }) => p.severity === "error")).toEqual([]);
      expect(b.json.agents.map((a: { agent: string }) => a.agent).sort()).toEqual(["KF01", "KF02", "KF03"]);
    },
  },
  {
    name: "another shop's export version: an ERP order export (订单号, 支付金额, 卖家备注, 业务员)",
    make: () =>
      C.month({
        orders: C.csvFile("订单ERP.csv", [
          ["订单号", "收货人", "支付金额", "卖家备注", "业务员", "付款时间", "订单状态"],
          ["2873190462331523999", "王", "88.00", "KF01 加急", "KF01", "2026-10-05 10:00:00", "已发货"],
          ["2873190462331524000", "李", "12.00", "无工号", "", "2026-10-06 10:00:00", "已发货"],
        ]),
      }),
    problems: [],
    check: (b) => {
      expect(b.json.shopCollected).toBe(100);
      expect(b.json.agents.find((a: { agent: string }) => a.agent === "KF01").collected).toBe(88);
      expect(b.json.unattributed.map((u: { orderId: string }) => u.orderId)).toEqual(["2873190462331524000"]);
    },
  },
  {
    name: "a file with only headers (a second orders file)",
    make: () => C.month({ orders: [C.csvFile("订单报表.csv", C.ordersRows()), C.csvFile("订单2.csv", [C.ORDER_HEADERS])] }),
    problems: [{ code: "import.no_data", file: "订单2.csv", sheet: "订单2", row: null }],
  },
  {
    name: "a roster with only headers: every agent still reported, each flagged as not in the roster",
    make: () => C.month({ roster: C.csvFile("花名册.csv", [C.ROSTER_HEADERS]) }),
    problems: [
      { code: "import.no_data", file: "花名册.csv", row: null },
      { code: "agent.notInRoster", file: "考勤.csv", sheet: "考勤", row: 4, column: "工号", value: "KF02" },
    ],
    check: (b) => expect(b.json.agents).toHaveLength(3),
  },
  {
    name: "a UTF-16 attendance file",
    make: () => C.month({ attendance: C.csvFile("考勤.csv", C.attendanceRows(), "utf16le") }),
    problems: [],
    check: (b) => expect(b.json.penalties.filter((p: { rule: string }) => p.rule === "late")).toMatchObject([{ agent: "KF01", date: "2026-10-02", source: "考勤!3" }]),
  },
  {
    name: "a truncated last line",
    make: () => C.month({ orders: { name: "订单报表.csv", csv: csv(C.ordersRows()).replace(/\r\n$/, "").replace(/,[^,]*,[^,]*$/, ",2026-10-1") } }),
    problems: [{ code: "csv.truncated", file: "订单报表.csv", sheet: "订单报表", row: 13, severity: "error", value: /^="2873190462331520011",buyer_11/ }],
    check: (b) => expect(b.json.days.reduce((n: number, d: { ordersPaid: number }) => n + d.ordersPaid, 0)).toBe(11),
  },
  {
    name: "mixed line endings (LF, CR, CRLF) read as the same rows",
    make: () => {
      let i = 0;
      return C.month({ orders: { name: "订单报表.csv", csv: csv(C.ordersRows()).replace(/\r\n/g, () => ["\n", "\r", "\r\n"][i++ % 3]) } });
    },
    problems: [],
    check: (b) => expect(b.json.days.reduce((n: number, d: { ordersPaid: number }) => n + d.ordersPaid, 0)).toBe(12),
  },
  {
    name: "duplicate header names",
    make: () => C.month({ orders: C.csvFile("订单报表.csv", [[...C.ORDER_HEADERS, "订单备注"], ...C.ordersRows().slice(1).map((r) => [...r, "KF02"])]) }),
    problems: [{ code: "header.duplicate", file: "订单报表.csv", row: 1, column: "订单备注", value: "订单备注" }],
    // The first 订单备注 is used: KF01 keeps its orders.
    check: (b) => expect(b.json.agents.find((a: { agent: string }) => a.agent === "KF01").orders).toBe(4),
  },
  {
    name: "the same order exported twice across two files: counted once, and reported",
    make: () => C.month({ orders: [C.csvFile("订单报表.csv", C.ordersRows()), C.csvFile("订单报表-2.csv", [C.ORDER_HEADERS, C.orderRow(3), C.orderRow(50)])] }),
    problems: [{ code: "order.duplicate", file: "订单报表-2.csv", sheet: "订单报表-2", row: 2, column: "订单编号", value: idOf(3) }],
    check: (b) => {
      // 12 + 1 new; order 3 once (103.50 once for KF01).
      expect(b.json.days.reduce((n: number, d: { ordersPaid: number }) => n + d.ordersPaid, 0)).toBe(13);
      const kf01 = b.json.agents.find((a: { agent: string }) => a.agent === "KF01");
      expect(kf01.orders).toBe(4);
    },
  },
  {
    name: "an order id mangled to 2.873E+18",
    make: () => C.month({ orders: C.csvFile("订单报表.csv", [...C.ordersRows(), C.orderRow(60, { id: "2.873E+18" })]) }),
    problems: [{ code: "order.id.mangled", file: "订单报表.csv", row: 14, column: "订单编号", value: "2.873E+18", severity: "error" }],
  },
  {
    name: "amounts with ¥, 元, thousands separators and full-width digits",
    make: () =>
      C.month({
        orders: C.csvFile("订单报表.csv", [
          ...C.ordersRows(),
          loose(61, { paid: "¥1,234.50" }),
          loose(62, { paid: "12.50元" }),
          loose(63, { paid: "１２３.４５" }),
          loose(64, { paid: "￥２,０００元" }),
          loose(65, { paid: "一百元" }),
        ]),
      }),
    problems: [{ code: "order.paid.invalid", file: "订单报表.csv", row: 18, column: "买家实际支付金额", value: "一百元" }],
    check: (b) => {
      expect(byId(b, idOf(61)).amount).toBe(1234.5);
      expect(byId(b, idOf(62)).amount).toBe(12.5);
      expect(byId(b, idOf(63)).amount).toBe(123.45);
      expect(byId(b, idOf(64)).amount).toBe(2000);
    },
  },
  {
    name: "dates as text in five forms and as an Excel serial; an impossible date reported",
    make: () =>
      C.month({
        orders: C.csvFile("订单报表.csv", [
          ...C.ordersRows(),
          loose(71, { paidAt: "2026/10/25 14:05" }),
          loose(72, { paidAt: "2026年10月25日 14:05" }),
          loose(73, { paidAt: "2026.10.25 14:05:00" }),
          loose(74, { paidAt: "20261025" }),
          loose(75, { paidAt: "26-10-25 星期日" }),
          loose(76, { paidAt: "46320.5" }),
          loose(77, { paidAt: "2026-02-30" }),
        ]),
      }),
    problems: [{ code: "order.paidAt.invalid", file: "订单报表.csv", row: 20, column: "订单付款时间", value: "2026-02-30" }],
    check: (b) => {
      expect(byId(b, idOf(71)).paidAt).toBe("2026-10-25 14:05:00");
      expect(byId(b, idOf(72)).paidAt).toBe("2026-10-25 14:05:00");
      expect(byId(b, idOf(73)).paidAt).toBe("2026-10-25 14:05:00");
      expect(byId(b, idOf(74)).paidAt).toBe("2026-10-25 00:00:00");
      expect(byId(b, idOf(75)).paidAt).toBe("2026-10-25 00:00:00");
      expect(byId(b, idOf(76)).paidAt).toBe("2026-10-25 12:00:00");
      expect(b.json.days.find((d: { date: string }) => d.date === "2026-10-25").ordersPaid).toBe(6);
    },
  },
  {
    name: "24:xx times: 24:30 is half past midnight, 25:61 is reported",
    make: () =>
      C.month({
        attendance: C.csvFile("考勤.csv", [
          ...C.attendanceRows(),
          ["阿强", "KF02", "2026-10-02", "晚班", "17:20", "24:30"],
          ["阿强", "KF02", "2026-10-03", "晚班", "17:20", "25:61"],
        ]),
      }),
    problems: [{ code: "attendance.time.invalid", file: "考勤.csv", row: 7, column: "下班打卡时间", value: "25:61" }],
    // 24:30 on a shift ending 01:00 is 30 minutes early.
    check: (b) =>
      expect(b.json.penalties.filter((p: { agent: string; rule: string; date: string }) => p.agent === "KF02" && p.rule === "early" && p.date === "2026-10-02")).toMatchObject([
        { source: "考勤!6", detail: expect.stringContaining("30 min") },
      ]),
  },
  {
    name: "a clock cell holding an hour or a date, not a time: no punch, reported (was an on-time 00:00)",
    make: () =>
      C.month({
        attendance: C.csvFile("考勤.csv", [
          ...C.attendanceRows(),
          ["丽丽", "KF03", "2026-10-06", "白班", "0930", "17:40"],
          ["丽丽", "KF03", "2026-10-07", "白班", "2026-10-07", "17:40"],
        ]),
      }),
    problems: [
      { code: "attendance.time.invalid", file: "考勤.csv", row: 6, column: "上班打卡时间", value: "0930" },
      { code: "attendance.time.invalid", file: "考勤.csv", row: 7, column: "上班打卡时间", value: "2026-10-07" },
    ],
    check: (b) => {
      // The days stay worked (their clock-outs stand); no fine is made up from a 00:00 clock-in.
      expect(b.json.agents.find((a: { agent: string }) => a.agent === "KF03")).toMatchObject({ daysWorked: 3, lateCount: 0 });
    },
  },
  {
    name: "clock-out before clock-in",
    make: () => C.month({ attendance: C.csvFile("考勤.csv", [...C.attendanceRows(), ["丽丽", "KF03", "2026-10-02", "白班", "08:31", "08:00"]]) }),
    problems: [{ code: "attendance.clockout.before_clockin", file: "考勤.csv", row: 6, column: "下班打卡时间", value: "08:00" }],
    check: (b) => expect(b.json.penalties.filter((p: { agent: string; rule: string }) => p.agent === "KF03" && p.rule === "late")).toMatchObject([{ date: "2026-10-02" }]),
  },
  {
    name: "an attendance agent missing from the roster: reported, still on the board",
    make: () => C.month({ attendance: C.csvFile("考勤.csv", [...C.attendanceRows(), ["路人甲", "KF09", "2026-10-02", "白班", "08:31", "17:30"]]) }),
    problems: [{ code: "agent.notInRoster", file: "考勤.csv", sheet: "考勤", row: 6, column: "工号", value: "KF09" }],
    check: (b) => expect(b.json.agents.find((a: { agent: string }) => a.agent === "KF09")).toMatchObject({ inRoster: false, lateCount: 1 }),
  },
  {
    name: "two roster rows with one staff number",
    make: () => C.month({ roster: C.csvFile("花名册.csv", [...C.rosterRows(), ["KF02", "阿强二", "小店:阿强2", "售前", "2025-01-01", 20000]]) }),
    problems: [{ code: "roster.staffno.duplicate", file: "花名册.csv", row: 5, column: "工号", value: "KF02" }],
    check: (b) => expect(b.json.agents.find((a: { agent: string }) => a.agent === "KF02").name).toBe("阿强"),
  },
  {
    name: "a 千牛 sales export with a banner line, summary rows and 延迟统计: summaries skipped and said so",
    make: () =>
      C.month({
        sales: C.csvFile("千牛客服绩效.csv", [
          ["客服绩效 2026-10-01~2026-10-31"],
          ["旺旺昵称", "询单人数", "询单最终付款人数", "询单最终付款转化率", "询单最终付款金额", "平均响应时长（秒)"],
          ["小店:小美", 10, 4, "40.00%", 400, 20],
          ["小店:阿强", 20, 5, "25.00%", "延迟统计", 30],
          ["汇总值", 30, 9, "30.00%", 400, 25],
          ["同行同层均值", 12, 3, "25.00%", 300, 28],
        ]),
      }),
    problems: [
      { code: "sales.summary_row", file: "千牛客服绩效.csv", row: 5, column: "旺旺昵称", value: "汇总值", severity: "info" },
      { code: "sales.summary_row", row: 6, value: "同行同层均值" },
    ],
    check: (b) => {
      expect(b.json.agents.map((a: { agent: string }) => a.agent).sort()).toEqual(["KF01", "KF02", "KF03"]);
      expect(b.json.agents.find((a: { agent: string }) => a.agent === "KF01")).toMatchObject({ inquiries: 10, payers: 4 });
    },
  },
  {
    name: "incidents naming an unknown rule and an agent nobody knows",
    make: () =>
      C.month({
        incidents: C.csvFile("违规记录.csv", [...C.incidentRows(), ["2026-10-20", "KF01", "上厕所太久", "", "", ""], ["2026-10-21", "", "投诉", "", "", "没写客服"]]),
      }),
    problems: [
      { code: "incident.rule.unknown", file: "违规记录.csv", row: 5, column: "类型", value: "上厕所太久" },
      { code: /^incident\.agent|^row\.agent/, file: "违规记录.csv", row: 6 },
    ],
    check: (b) => expect(b.json.penalties.filter((p: { rule: string }) => p.rule === "complaint")).toHaveLength(2),
  },
  {
    name: "a sales nick missing from the roster: reported at its cell, still on the board",
    make: () => C.month({ sales: C.csvFile("客服绩效.csv", [...C.salesRows(), ["小店:新人", "2026-10-05", 3, 1, 50, 40]]) }),
    problems: [{ code: "agent.notInRoster", file: "客服绩效.csv", row: 5, column: "旺旺昵称", value: "小店:新人" }],
    check: (b) => expect(b.json.agents.find((a: { nick: string }) => a.nick === "小店:新人")).toMatchObject({ inRoster: false, inquiries: 3 }),
  },
];

describe("the corpus through kefu-board build", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    const b = await build(c.make());
    if (b.code !== 0) throw new Error(`exit ${b.code}\n${b.err}`);
    // Every report is written, whatever went wrong in the inputs.
    expect(b.sheetNames).toEqual(expect.arrayContaining(REPORT_SHEETS));
    // Every problem of the JSON is a row of the 问题 sheet, in the same order, located and bilingual.
    expect(b.problemsSheet.map((p) => [p.code, p.file, p.sheet, p.row, p.column, p.value, p.zh, p.en])).toEqual(
      b.json.problems.map((p: { code: string; file: string; sheet: string; row: number | null; column: string | null; value: string; zh: string; en: string }) => [
        p.code, p.file, p.sheet, p.row, p.column ?? "", p.value, p.zh, p.en,
      ]),
    );
    for (const p of b.json.problems) {
      expect(p.zh).toMatch(/\p{Script=Han}/u);
      expect(p.en).toMatch(/[A-Za-z]{3}/);
      if (p.row !== null) expect(p.file).not.toBe("");
    }
    for (const e of c.problems) findLocated(b, e);
    c.check?.(b);
  });
});

describe("xlsx inputs: Excel serial dates and an id that Excel already turned into a number", () => {
  test("serial date-times are read, a numeric 2.873E+18 id is reported with its place", async () => {
    const b = await build(
      C.month({
        orders: {
          name: "订单.xlsx",
          sheets: [
            {
              name: "订单报表",
              rows: [
                C.ORDER_HEADERS,
                ["2873190462331520101", "a", 50, 0, 0, "交易成功", 46320.375, 46320.5, 46321, "无工号"],
                ["2873190462331520102", "b", 60, 0, 0, "交易成功", new Date(Date.UTC(2026, 9, 26, 8)), new Date(Date.UTC(2026, 9, 26, 9, 30)), null, "KF01"],
                [2.873e18, "c", 70, 0, 0, "交易成功", 46320.375, 46320.5, 46321, "KF02"],
              ],
            },
          ],
        },
      }),
    );
    expect(b.code).toBe(0);
    expect(byId(b, "2873190462331520101")).toMatchObject({ amount: 50, paidAt: "2026-10-25 12:00:00" });
    expect(b.json.days.find((d: { date: string }) => d.date === "2026-10-26")).toMatchObject({ ordersPaid: 1, paidAmount: 60 });
    findLocated(b, { code: "order.id.mangled", file: "订单.xlsx", sheet: "订单报表", row: 4, column: "订单编号", severity: "error" });
    expect(b.sheetNames).toEqual(expect.arrayContaining(REPORT_SHEETS));
  });
});

describe("files that cannot serve their slot stop the build with a located message and write nothing", () => {
  const junk = new Uint8Array(Array.from({ length: 300 }, (_v, i) => (i * 37 + 11) % 256));
  test.each([
    ["an attendance file given as --orders", C.month({ orders: C.csvFile("考勤.csv", C.attendanceRows()) }), ["考勤.csv", "--orders", "考勤表", "an attendance sheet"]],
    // An empty optional file (incidents) is only a warning since gap 3: test/cli/empty-inputs.test.ts.
    ["an empty orders file (required)", C.month({ orders: { name: "订单报表.csv", csv: "" } }), ["订单报表.csv", "没有数据行", "has no data rows"]],
    ["binary junk next to a good sales file", C.month({ sales: [C.csvFile("客服绩效.csv", C.salesRows()), { name: "junk.csv", bytes: junk }] }), ["junk.csv", "二进制", "binary data"]],
    ["a sales export with unknown headers", C.month({ sales: C.csvFile("客服绩效.csv", [["foo", "bar"], [1, 2]]) }), ["客服绩效.csv"]],
  ] as const)("%s", async (_n, c, words) => {
    const b = await build(c as BuildCase);
    expect(b.code).toBe(1);
    for (const w of words) expect(b.err).toContain(w);
    expect(b.err).toMatch(/错误 error: .+ \/ .+/);
    expect(b.json).toBeNull();
    expect(b.sheetNames).toEqual([]);
  });
});

/** The 规则 sheet written by `kefu-board rules`, with cells changed by key. */
type RulesEdit = (ws: ExcelJS.Worksheet, rowOf: (key: string, nth?: number) => number) => void;

async function rulesFile(dir: string, edit: RulesEdit): Promise<string> {
  const p = `${dir}/rules.xlsx`;
  expect(await main(["rules", "--out", p], { out: () => {}, err: () => {}, tty: false })).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(p);
  const ws = wb.getWorksheet("规则")!;
  const rowOf = (key: string, nth = 0) => {
    const hits: number[] = [];
    ws.eachRow((row, r) => {
      if (row.getCell(2).value === key) hits.push(r);
    });
    if (hits[nth] === undefined) throw new Error(`no rules row ${key}`);
    return hits[nth];
  };
  edit(ws, rowOf);
  await wb.xlsx.writeFile(p);
  return p;
}

describe("a rules sheet the manager got wrong", () => {
  const buildWith = async (edit: RulesEdit): Promise<Built> => {
    const dir = await tmpDir("rules");
    const rules = await rulesFile(dir, edit);
    const c = C.month();
    return build(c, { dir, extra: ["--rules", rules] });
  };

  test.each([
    ["overlapping tiers", ((ws, r) => (ws.getCell(r("commission.tier", 2), 3).value = 20000)) as RulesEdit, "rules.tiers.overlap", "20000"],
    ["a negative fine", ((ws, r) => (ws.getCell(r("fine.late"), 3).value = -10)) as RulesEdit, "rules.value.negative", "-10"],
    ["a rate written 2 (200%)", ((ws, r) => (ws.getCell(r("commission.tier", 2), 4).value = 2)) as RulesEdit, "rules.rate.tooHigh", "2"],
  ] as const)("%s: refused with the cell's place, nothing written", async (_n, edit, code, value) => {
    const b = await buildWith(edit);
    expect(b.code).toBe(1);
    expect(b.err).toContain("rules.xlsx / 规则");
    expect(b.err).toMatch(/第\d+行 \(row \d+\)/);
    expect(b.err).toContain(`值/value: "${value}"`);
    expect(b.json).toBeNull();
    // The same rules file through the reader the CLI uses: the problem carries the code and cell.
    const err = await readRulesWorkbook(`${b.dir}/rules.xlsx`).catch((e) => e);
    expect(err).toBeInstanceOf(KefuError);
    const p = (err as KefuError).problems.find((x) => x.code === code);
    expect(p).toMatchObject({ file: "rules.xlsx", sheet: "规则", value });
    expect(p!.row).toBeGreaterThan(3);
    expect(b.err).toContain(`第${p!.row}行`);
  });

  test("a rate written 2% and one written 0.02 are the same rule", async () => {
    // The first tier (from 0) at 2%: every agent earns 2% of collected, whichever way it is written.
    const asText = await buildWith((ws, r) => (ws.getCell(r("commission.tier", 0), 4).value = "2%"));
    const asNumber = await buildWith((ws, r) => (ws.getCell(r("commission.tier", 0), 4).value = 0.02));
    expect(asText.code).toBe(0);
    expect(asNumber.code).toBe(0);
    const figures = (b: Built) => b.json.agents.map((a: { agent: string; commissionRate: number; commission: number; collected: number }) => [a.agent, a.commissionRate, a.commission, a.collected]);
    expect(figures(asText)).toEqual(figures(asNumber));
    for (const [, rate, commission, collected] of figures(asText)) {
      expect(rate).toBe(0.02);
      expect(commission).toBeCloseTo(collected * 0.02, 2);
    }
  });
});
