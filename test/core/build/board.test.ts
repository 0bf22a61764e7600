/**
 * The manager columns of a previous board, read once for every host (core/board.ts): the header
 * found anywhere, every row with an id read, the forms Excel users type accepted and written back
 * normalised (so the sheet's own formulas agree with the engine), and every value that cannot be
 * carried said with its place.
 */
import * as fs from "fs";
import * as path from "path";
import {
  FIRST_DATA_ROW,
  WAIVED_MARKS,
  blockFirstRows,
  buildBoard,
  columnLetter,
  importCsvBytes,
  readBoard,
  reportToJson,
  type BoardInput,
  type Cell,
  type SheetSpec,
  type SourceInput,
  type SourceKind,
  type SpecCell,
} from "../../../src/core";

const T = path.resolve(__dirname, "../../fixtures/cli/tiers");
const KINDS: SourceKind[] = ["orders", "attendance", "sales", "roster", "incidents"];
const sources = (): SourceInput[] =>
  KINDS.map((k) => ({ file: `${k}.csv`, slot: k, slotLabel: `--${k}`, results: [importCsvBytes(new Uint8Array(fs.readFileSync(path.join(T, `${k}.csv`))), `${k}.csv`)] }));

/** A spec cell as a host reads it back: a formula's value, a date's text. */
function shown(c: SpecCell): Cell {
  if (c === null || typeof c !== "object") return c;
  if ("f" in c) return c.v;
  if ("date" in c) return c.date;
  if ("text" in c) return c.text;
  return null;
}

/** A written sheet as cells, row 1 at index 0 (title, subtitle, header, data, blocks). */
function grid(s: SheetSpec): Cell[][] {
  const rows: Cell[][] = [[s.title], [s.subtitle], s.columns.map((c) => c.header)];
  for (const r of s.rows) rows.push(r.map(shown));
  blockFirstRows(s.rows.length, s.blocks).forEach((first, i) => {
    const b = s.blocks[i];
    while (rows.length < first - 1 - (b.title ? 1 : 0)) rows.push([]);
    if (b.title) rows.push([b.title]);
    for (const r of b.rows) rows.push(r.map(shown));
  });
  return rows;
}

const first = buildBoard({ sources: sources(), month: null });
const sheet = (key: string, spec = first.spec) => spec.sheets.find((s) => s.key === key)!;
const colOf = (s: SheetSpec, key: string) => s.columns.findIndex((c) => c.key === key);

/** The first build's manager sheets as cells, after `edit` (the manager's typing). */
function board(edit: (pen: Cell[][], com: Cell[][]) => void = () => undefined): BoardInput {
  const pen = grid(sheet("penalties"));
  const com = grid(sheet("commission"));
  edit(pen, com);
  return { file: "board.xlsx", sheets: [{ sheet: "罚款台账", key: "penalties", rows: pen }, { sheet: "提成表", rows: com }] };
}
const P = sheet("penalties");
const C = sheet("commission");
const penaltyIds = P.rows.map((r) => r[0] as string);
const row = (i: number) => FIRST_DATA_ROW - 1 + i; // the i-th data row's index in the grid
expect(penaltyIds.length).toBeGreaterThanOrEqual(3);

test.each([" 是 ", "是", "Y", "y ", "yes", "YES", "✓", "√", "对", true, 1, "TRUE"])("免罚 %p waives the fine, and is written back as the mark the sheet counts", (typed) => {
  const b = board((pen) => {
    pen[row(0)][colOf(P, "waived")] = typed;
  });
  const r = readBoard(b);
  expect(r.state[penaltyIds[0]]).toEqual({ waived: true });
  expect(r.problems).toEqual([]);
  const again = buildBoard({ sources: sources(), month: null, board: b });
  const p = again.report.penalties.find((x) => x.id === penaltyIds[0])!;
  expect(p).toMatchObject({ waived: true, effective: 0 });
  const written = sheet("penalties", again.spec).rows.find((x) => x[0] === penaltyIds[0])!;
  // The sheet's effective-amount formula counts the marks in WAIVED_MARKS: the written cell is one.
  expect(WAIVED_MARKS as readonly string[]).toContain(written[colOf(P, "waived")]);
  expect(again.report.fund).toBe(first.report.fund - first.report.penalties[0].effective);
});

test.each(["否", "N", "no", false, 0])("免罚 %p does not waive, without a message", (typed) => {
  const r = readBoard(board((pen) => void (pen[row(0)][colOf(P, "waived")] = typed)));
  expect(r.state[penaltyIds[0]]?.waived ?? false).toBe(false);
  expect(r.problems).toEqual([]);
});

test("a 免罚 not understood is a located warning, counts for nothing, and is kept as typed", () => {
  const b = board((pen) => void (pen[row(1)][colOf(P, "waived")] = "也许"));
  const r = readBoard(b);
  expect(r.state[penaltyIds[1]]).toBeUndefined();
  expect(r.problems).toHaveLength(1);
  expect(r.problems[0]).toMatchObject({
    severity: "warning",
    code: "board.value.unreadable",
    file: "board.xlsx",
    sheet: "罚款台账",
    row: row(1) + 1,
    column: `${columnLetter(colOf(P, "waived"))} ${P.columns[colOf(P, "waived")].header}`,
    value: "也许",
  });
  expect(r.problems[0].zh).toMatch(/无法识别/);
  expect(r.problems[0].en).toMatch(/not understood/);
  const again = buildBoard({ sources: sources(), month: null, board: b });
  expect(again.problems.some((p) => p.code === "board.value.unreadable")).toBe(true);
  expect(sheet("penalties", again.spec).rows.find((x) => x[0] === penaltyIds[1])![colOf(P, "waived")]).toBe("也许");
});

test.each([
  ["100", 10000, 100],
  ["¥12", 1200, 12],
  ["￥1,200.50", 120050, 1200.5],
  ["-50元", -5000, -50],
  [88.5, 8850, 88.5],
])("调整 %p is %p cents and is written back as the number %p (net pay's formula adds it)", (typed, cents, written) => {
  const b = board((_pen, com) => void (com[row(0)][colOf(C, "adjustment")] = typed));
  const r = readBoard(b);
  expect(r.state[C.rows[0][0] as string]).toEqual({ adjustment: cents });
  const again = buildBoard({ sources: sources(), month: null, board: b });
  expect(again.report.commission[0].adjustment).toBe(cents);
  expect(again.report.commission[0].netPay).toBe(first.report.commission[0].netPay + cents);
  expect(sheet("commission", again.spec).rows[0][colOf(C, "adjustment")]).toBe(written);
});

test("an adjustment that is not money is a located warning and counts for nothing", () => {
  const r = readBoard(board((_pen, com) => void (com[row(0)][colOf(C, "adjustment")] = "十二块")));
  expect(r.state[C.rows[0][0] as string]).toBeUndefined();
  expect(r.problems.map((p) => [p.code, p.sheet, p.row, p.value])).toEqual([["board.value.unreadable", "提成表", row(0) + 1, "十二块"]]);
});

test.each([
  ["TRUE", true, "TRUE"],
  ["a number beyond money", 1e308, "1e+308"],
])("调整 %s is no amount: a warning, and it is written back as text, so the sheet's N() adds nothing either", (_name, typed, written) => {
  const b = board((_pen, com) => void (com[row(0)][colOf(C, "adjustment")] = typed));
  const r = readBoard(b);
  expect(r.state[C.rows[0][0] as string]).toBeUndefined();
  expect(r.problems.map((p) => p.code)).toEqual(["board.value.unreadable"]);
  const again = buildBoard({ sources: sources(), month: null, board: b });
  expect(again.report.commission[0].netPay).toBe(first.report.commission[0].netPay);
  expect(sheet("commission", again.spec).rows[0][colOf(C, "adjustment")]).toBe(written);
});

test("rows inserted above the title and inside the table: the header is found where it is, every row with an id is read", () => {
  const b = board((pen) => {
    pen[row(2)][colOf(P, "remark")] = "第三条";
    pen[row(0)][colOf(P, "waived")] = "是";
    pen.splice(row(1), 0, [], ["", "", "主管插入的一行"]); // inside the data
    pen.unshift(["店铺 A 的十月台账"], []); // above the title
  });
  const r = readBoard(b);
  expect(r.state[penaltyIds[0]]).toEqual({ waived: true });
  expect(r.state[penaltyIds[2]]).toEqual({ remark: "第三条" });
  expect(r.problems).toEqual([]);
});

test("a manager value on a row without an id is said, with its place; totals rows are never entries", () => {
  const b = board((pen) => {
    pen.splice(row(1), 0, Object.assign(new Array(P.columns.length).fill(null), { [colOf(P, "remark")]: "这行没有编号" }));
  });
  const r = readBoard(b);
  expect(r.problems.map((p) => [p.code, p.row, p.value])).toEqual([["board.value.no_id", row(1) + 1, "这行没有编号"]]);
  // The commission sheet's total row sums the adjustment column: not an entry, no message.
  expect(Object.keys(r.state)).toEqual([]);
});

test("a remark that is a formula's text stays text", () => {
  const b = board((pen) => void (pen[row(0)][colOf(P, "remark")] = '=HYPERLINK("http://x","点我")'));
  const again = buildBoard({ sources: sources(), month: null, board: b });
  expect(again.report.penalties.find((p) => p.id === penaltyIds[0])!.remark).toBe('=HYPERLINK("http://x","点我")');
  expect(sheet("penalties", again.spec).rows.find((x) => x[0] === penaltyIds[0])![colOf(P, "remark")]).toBe('=HYPERLINK("http://x","点我")');
});

test("a header shortened to its Chinese name still counts; a renamed one is said, naming the headers it did not know", () => {
  const short = readBoard(board((pen) => {
    pen[2][colOf(P, "waived")] = "免罚";
    pen[row(0)][colOf(P, "waived")] = "是";
  }));
  expect(short.state[penaltyIds[0]]).toEqual({ waived: true });
  const renamed = readBoard(board((pen) => {
    pen[2][colOf(P, "waived")] = "豁免";
    pen[row(0)][colOf(P, "waived")] = "是";
  }));
  expect(renamed.state[penaltyIds[0]]).toBeUndefined();
  // Said, and what was typed under the renamed header is kept (under it, after the report's columns), not lost.
  expect(renamed.problems.map((p) => p.code)).toEqual(["board.column.missing", "board.column.extra"]);
  expect(renamed.problems[0]).toMatchObject({ severity: "warning", code: "board.column.missing", sheet: "罚款台账", row: 3 });
  expect(renamed.problems[0].zh).toContain("豁免");
});

test("a sheet whose header row is gone is said, not read as nothing", () => {
  const r = readBoard(board((pen) => void pen.splice(2, 1)));
  expect(r.problems.map((p) => [p.code, p.sheet])).toEqual([["board.header.missing", "罚款台账"]]);
});

test("a removed row keeps its entries in the removed block, says so, and comes back on the next build", () => {
  // The fixture's first complaint (incidents.csv, 2026-10-03) is the row whose source goes.
  const gone = "P-complaint-KF03-20261003";
  const at = penaltyIds.indexOf(gone);
  expect(at).toBeGreaterThanOrEqual(0);
  const b = board((pen) => {
    pen[row(at)][colOf(P, "remark")] = "已约谈";
    pen[row(at)][colOf(P, "waived")] = " 是 ";
  });
  expect(readBoard(b).values.get("penalties")!.get(gone)).toEqual({ remark: "已约谈", waived: "是" });
  const incidents = fs.readFileSync(path.join(T, "incidents.csv"), "utf8");
  const without = incidents.split("\n").filter((l) => !l.startsWith("2026-10-03,KF03,投诉"));
  expect(without.length).toBe(incidents.split("\n").length - 1);
  const src = sources();
  src[4] = { ...src[4], results: [importCsvBytes(new Uint8Array(Buffer.from(without.join("\n"))), "incidents.csv")] };
  const again = buildBoard({ sources: src, month: null, board: b });
  expect(again.report.penalties.some((p) => p.id === gone)).toBe(false);
  expect(again.removed).toBe(1);
  expect(again.problems.find((p) => p.code === "manager.removed")).toMatchObject({ severity: "warning", sheet: "罚款台账", value: gone });
  const removedBlock = sheet("penalties", again.spec).blocks.find((x) => x.style === "removed")!;
  expect(removedBlock.rows.map((r) => [r[0], r[colOf(P, "waived")], r[colOf(P, "remark")]])).toEqual([[gone, "是", "已约谈"]]);
  // Read back from the removed block on the next build: still kept, once.
  const third = buildBoard({ sources: src, month: null, board: { file: "board.xlsx", sheets: [{ sheet: "罚款台账", rows: grid(sheet("penalties", again.spec)) }] } });
  expect(third.removed).toBe(1);
  expect(sheet("penalties", third.spec).blocks.filter((x) => x.style === "removed").flatMap((x) => x.rows)).toHaveLength(1);
  // And back on its row when its source returns.
  const back = buildBoard({ sources: sources(), month: null, board: { file: "board.xlsx", sheets: [{ sheet: "罚款台账", rows: grid(sheet("penalties", third.spec)) }] } });
  expect(back.removed).toBe(0);
  expect(back.report.penalties.find((p) => p.id === gone)).toMatchObject({ waived: true, remark: "已约谈" });
});

const commissionIds = C.rows.map((r) => r[0] as string);
const adjAt = colOf(C, "adjustment");
/** The board with commission row 0's adjustment typed as `cell`, its number format `format` (Office.js gives them apart). */
function adjusted(cell: Cell, format?: string): BoardInput {
  const b = board((_p, com) => {
    com[row(0)][adjAt] = cell;
  });
  if (format !== undefined) {
    const rows = b.sheets[1].rows;
    b.sheets[1].formats = rows.map((r, i) => r.map((_c, j) => (i === row(0) && j === adjAt ? format : "General")));
  }
  return b;
}

test.each([
  // [what, cell, number format, adjustment in cents or null (not applied), a date warning]
  ["a Date cell (the xlsx reader)", new Date(Date.UTC(2026, 9, 1)), undefined, null, "2026-10-01"],
  ["a Date with a time", new Date(Date.UTC(2026, 9, 1, 8, 30)), undefined, null, "2026-10-01 08:30:00"],
  ["a serial under yyyy-mm-dd (Office.js)", 46296, "yyyy-mm-dd", null, "2026-10-01"],
  ["a serial under m/d (Excel's 10-1)", 46296, "m/d", null, "2026-10-01"],
  ["a serial under 1 (the first day Excel has)", 1, "yyyy-mm-dd", null, "1900-01-01"],
  ["a serial under a [$-804] Chinese date", 46296, '[$-804]yyyy"年"m"月"d"日"', null, "2026-10-01"],
  ["a number under the money format", 46296, "¥#,##0.00", 4_629_600, null],
  ["a number under a red-negative format", -50, "0.00_);[Red](0.00)", -5000, null],
  ["a number under General", 100, "General", 10_000, null],
])("调整 as %s: a date is never an amount", (_what, cell, format, cents, date) => {
  const r = readBoard(adjusted(cell, format));
  const id = commissionIds[0];
  if (cents === null) {
    expect(r.state[id]?.adjustment).toBeUndefined();
    const p = r.problems.find((x) => x.code === "board.value.unreadable")!;
    expect(p).toMatchObject({ severity: "warning", file: "board.xlsx", sheet: "提成表", row: row(0) + 1, value: date });
    expect(p.column).toBe(`${columnLetter(adjAt)} 调整 Adjustment`);
    expect(p.en).toMatch(/is a date .*an amount/);
    // Kept as its text: a number would be added back by the sheet's N().
    expect(r.values.get("commission")!.get(id)!.adjustment).toBe(date);
  } else {
    expect(r.state[id]).toEqual({ adjustment: cents });
    expect(r.problems).toEqual([]);
  }
});

test.each([
  // [what, first, second, used, warned]
  ["免罚 是 then 否", "waived", "是", "否", false, true],
  ["免罚 否 then 是", "waived", "否", "是", true, true],
  ["免罚 是 twice", "waived", "是", "是", true, false],
  ["调整 100 then -100", "adjustment", 100, -100, -10_000, true],
  ["调整 100 twice", "adjustment", 100, 100, 10_000, false],
  ["调整 100 then text 100", "adjustment", 100, "100", 10_000, false],
])("one id on two rows, %s: the later row is used and a conflict is said with both rows", (_what, key, a, b2, used, warned) => {
  const pen = key === "waived";
  const S = pen ? P : C;
  const col = colOf(S, key);
  const b = board((p, c) => {
    const g = pen ? p : c;
    g[row(0)][col] = a;
    const copy = g[row(0)].slice();
    copy[col] = b2;
    g.splice(row(1), 0, copy);
  });
  const r = readBoard(b);
  const id = (pen ? penaltyIds : commissionIds)[0];
  expect(r.state[id]?.[key as "waived" | "adjustment"]).toBe(used);
  const dup = r.problems.filter((x) => x.code === "board.value.duplicate");
  if (!warned) return expect(dup).toEqual([]);
  expect(dup).toHaveLength(1);
  expect(dup[0]).toMatchObject({ severity: "warning", row: row(1) + 1, value: String(b2) });
  expect(dup[0].en).toContain(`rows ${row(0) + 1} and ${row(1) + 1}`);
  expect(dup[0].en).toContain(`"${b2}" is used`);
});

describe("a manager sheet missing under its name, on a board read by name", () => {
  const typed = (): { pen: Cell[][]; com: Cell[][] } => {
    const b = board((p, c) => {
      p[row(0)][colOf(P, "waived")] = "是";
      c[row(0)][adjAt] = 100;
    });
    return { pen: b.sheets[0].rows, com: b.sheets[1].rows };
  };
  test.each([
    // [what, penalties' sheet name or null (gone), commission's]
    ["renamed 罚款 / Commission", "罚款", "Commission"],
    ["renamed to anything (found by its header row)", "Sheet1", "调整用"],
    ["English names in another case", "penalty LEDGER", "commission"],
  ])("%s: the entries are carried, with an info naming where they were found", (_what, penName, comName) => {
    const { pen, com } = typed();
    const r = readBoard({ file: "b.xlsx", sheets: [], others: [{ sheet: "Notes", rows: [["x"]] }, { sheet: penName, rows: pen }, { sheet: comName, rows: com }] });
    expect(r.state[penaltyIds[0]]).toEqual({ waived: true });
    expect(r.state[commissionIds[0]]).toEqual({ adjustment: 10_000 });
    const infos = r.problems.filter((p) => p.code === "board.sheet.renamed");
    expect(infos.map((p) => [p.severity, p.sheet])).toEqual([["info", penName], ["info", comName]]);
    expect(r.problems.filter((p) => p.severity !== "info")).toEqual([]);
  });
  test.each([
    ["no other sheet", []],
    ["other sheets without the header row", [{ sheet: "罚款", rows: [["编号"], ["P-1"]] }]],
  ])("%s: a warning names each missing sheet", (_what, others) => {
    const r = readBoard({ file: "b.xlsx", sheets: [], others: others as BoardInput["sheets"] });
    const miss = r.problems.filter((p) => p.code === "board.sheet.missing");
    expect(miss.map((p) => [p.severity, p.sheet])).toEqual([["warning", "罚款台账"], ["warning", "提成表"]]);
    expect(miss[0].zh).toContain("免罚");
  });
  test("one sheet present under its name: only the other is looked for", () => {
    const { pen, com } = typed();
    const r = readBoard({ file: "b.xlsx", sheets: [{ sheet: "罚款台账", key: "penalties", rows: pen }], others: [{ sheet: "Commission", rows: com }] });
    expect(r.problems.map((p) => [p.code, p.sheet])).toEqual([["board.sheet.renamed", "Commission"]]);
  });
  test("a host that knows its sheets by mark (no `others`): nothing is looked for or said", () => {
    expect(readBoard({ file: "b.xlsx", sheets: [] }).problems).toEqual([]);
  });
});

describe("a figure the report writes as a value, typed over by the manager", () => {
  // As October built on September's board: every agent has a 追回 line (0, with its reason).
  const sept = { ...reportToJson(first.report), month: "2026-09" };
  const withPrevious = { sources: sources(), month: null, previous: { file: "2026-09.json", json: sept } };
  const built = buildBoard(withPrevious);
  const commission = sheet("commission", built.spec);
  const comId = (i: number) => commission.rows[i][0] as string;
  const at = (s: SheetSpec, key: string, i: number) => ({ row: row(i) + 1, column: `${columnLetter(colOf(s, key))} ${s.columns[colOf(s, key)].header}` });
  /** The October board after the manager's typing, rebuilt from the same exports. */
  function rebuild(edit: (pen: Cell[][], com: Cell[][]) => void) {
    const pen = grid(sheet("penalties", built.spec));
    const com = grid(commission);
    edit(pen, com);
    return buildBoard({ ...withPrevious, board: { file: "board.xlsx", sheets: [{ sheet: "罚款台账", rows: pen }, { sheet: "提成表", rows: com }] } });
  }
  const named = (r: ReturnType<typeof buildBoard>) => r.problems.filter((p) => p.code === "board.value.overwritten");

  test.each([
    // [what, sheet, column, row index, typed, written by the build, where it belongs]
    ["追回 clawback forgiven in part", "commission", "clawback", 0, -200, 0, /「调整」和「备注」.*"调整 Adjustment" and "备注 Remark"/],
    ["季度提成 granted off-quarter", "commission", "quarterly", 2, "¥300", 0, /「调整」和「备注」/],
    ["a fine lowered", "penalties", "amount", 0, 5, 10, /「免罚」和「备注」.*"免罚 Waived \(填 是\)" and "备注 Remark"/],
    ["a fine cleared", "penalties", "amount", 1, null, 10, /是「（空）」，本次按导出写入 10/],
  ] as const)("%s: the build's figure is written and counted, and the typed one named with its place", (_what, key, col, i, typed, written, use) => {
    const s = sheet(key, built.spec);
    const again = rebuild((pen, com) => void ((key === "penalties" ? pen : com)[row(i)][colOf(s, col)] = typed));
    const found = named(again);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", file: "board.xlsx", sheet: s.name, ...at(s, col, i), value: typed === null ? "" : String(typed) });
    expect(found[0].zh).toContain(`本次按导出写入 ${written}`);
    expect(found[0].en).toContain(`the rebuild writes ${written} from the exports`);
    expect(`${found[0].zh} / ${found[0].en}`).toMatch(use);
    // Not kept: the figures are the exports' (traceable), the same as a build without the board.
    expect(sheet(key, again.spec).rows[i][colOf(s, col)]).toBe(written);
    expect(again.report.commission.map((c) => c.netPay)).toEqual(built.report.commission.map((c) => c.netPay));
    expect(again.problems.filter((p) => p.severity !== "info" && p.code !== "board.value.overwritten")).toEqual(built.problems.filter((p) => p.severity !== "info"));
  });

  test.each([
    ["the same figure, typed as text", (_pen: Cell[][], com: Cell[][]) => void (com[row(0)][colOf(commission, "clawback")] = "0.00")],
    ["a blank where the build writes 0", (_pen: Cell[][], com: Cell[][]) => void (com[row(0)][colOf(commission, "clawback")] = null)],
    // A board built from other exports: the figure and its reason both differ — the sources changed it.
    ["figure and reason both changed", (_pen: Cell[][], com: Cell[][]) => {
      com[row(0)][colOf(commission, "clawback")] = -400;
      com[row(0)][colOf(commission, "why_clawback")] = "上月（2026-09）回款 60,000.00 → 50,000.00";
    }],
    // A whole month without absence writes no 出勤 reason: nothing to tell a typed 应出勤 by.
    ["应出勤 of a clean month", (_pen: Cell[][], com: Cell[][]) => void (com[row(1)][colOf(commission, "scheduledDays")] = 26)],
    ["a fine whose occurrence changed too", (pen: Cell[][]) => {
      const P2 = sheet("penalties", built.spec);
      pen[row(0)][colOf(P2, "amount")] = 20;
      pen[row(0)][colOf(P2, "occurrence")] = 2;
    }],
  ])("not named: %s", (_what, edit) => {
    expect(named(rebuild(edit))).toEqual([]);
  });

  // No cell of the board holds the fine amounts it was built with (说明·罚款 says "1 条"): a fine moved by a
  // rules edit reads like one typed, and the warning says it may be the rules.
  test("the rules sheet's fine for 迟到 raised 10 → 20 and rebuilt: the late fine is named, the rules sheet given as the other cause", () => {
    const rules = grid(sheet("rules", built.spec));
    const late = rules.findIndex((r) => r[1] === "fine.late");
    expect(rules[late][2]).toBe(10);
    rules[late][2] = 20;
    rules[late][3] = 20;
    const pen = grid(sheet("penalties", built.spec));
    const com = grid(commission);
    const again = buildBoard({ ...withPrevious, rules: { file: "board.xlsx", sheets: [{ sheet: "规则", rows: rules }] }, board: { file: "board.xlsx", sheets: [{ sheet: "罚款台账", rows: pen }, { sheet: "提成表", rows: com }] } });
    expect(sheet("penalties", again.spec).rows[0][colOf(P, "amount")]).toBe(20);
    expect(named(again).map((p) => [p.sheet, p.value, p.zh.includes("若不是改了「规则」表"), p.en.includes("unless the rules sheet was changed")])).toEqual([["罚款台账", "10", true, true]]);
  });

  /** 提成表 as the pane or the command line reads it back: which cells hold a formula. */
  const formulaFlags = (com: Cell[][]): boolean[][] =>
    com.map((r, i) => r.map((_v, c) => {
      const cell = i >= row(0) ? commission.rows[i - row(0)]?.[c] : null;
      return cell !== null && cell !== undefined && typeof cell === "object" && "f" in cell;
    }));

  test.each([
    // 回款 is SUMIFS over 订单明细: a 回款 corrected there moved the cached result, not the reason written beside it.
    ["回款 after an edit in 订单明细", "collected", 45000, null, /引用的明细表（订单明细）.*a detail sheet it reads \(订单明细\)/],
    ["the same, with its reason changed too (the exports changed it): not named", "collected", 45000, "回款 45,000.00 达到 1% 档，全额 45,000.00 × 1%", null],
    ["a cached result equal to the build's: not named", "collected", null, null, null],
    // What a formula reads as before Excel calculated it (manual calculation, a host that does not calculate).
    ["a result of 0: not named", "collected", 0, null, null],
  ] as const)("a formula's result that moved while its reason did not — %s", (_what, col, cached, reason, re) => {
    const s = sheet("commission", built.spec);
    const i = 2;
    const com = grid(commission);
    if (cached !== null) com[row(i)][colOf(s, col)] = cached;
    if (reason !== null) com[row(i)][colOf(s, "why_commission")] = reason;
    const again = buildBoard({ ...withPrevious, board: { file: "board.xlsx", sheets: [{ sheet: "提成表", rows: com, formulas: formulaFlags(com) }] } });
    const found = named(again);
    expect(again.problems.filter((p) => p.code === "board.formula.overwritten")).toEqual([]);
    if (re === null) return expect(found).toEqual([]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ sheet: "提成表", ...at(s, col, i), value: String(cached) });
    expect(`${found[0].zh} / ${found[0].en}`).toMatch(re);
    const written = commission.rows[i][colOf(s, col)] as { f: string; v: number };
    expect(found[0].zh).toContain(`本次按导出为 ${written.v}`);
    // The formula is written again, over the exports' 订单明细.
    expect(sheet("commission", again.spec).rows[i][colOf(s, col)]).toEqual(written);
  });

  test("without reasons to go by (no previous board: no 追回 line), a changed 追回 cannot be told from a changed source and is not named", () => {
    const b = board((_pen, com) => void (com[row(0)][colOf(C, "clawback")] = -200));
    expect(buildBoard({ sources: sources(), month: null, board: b }).problems.filter((p) => p.code === "board.value.overwritten")).toEqual([]);
    expect(comId(0)).toBe(C.rows[0][0]);
  });
});
