/**
 * The command line's split read of a big orders CSV (src/xlsx/read-csv.ts): the second half in a
 * worker thread (compiled csv-worker.js), merged to exactly what one pass gives. Forced on small
 * files with KEFU_CSV_SPLIT_FROM=0 and compared with the split turned off, through the compiled
 * code (the worker only runs from compiled JS): the whole `build --json`, and `readCsvFile` with
 * its `onSplit` report — rows renumbered, problems of both halves, a quoted multi-line note across
 * the split point (fallback), a GBK character cut by the midpoint, CRLF / LF, a UTF-8 BOM; and the
 * byte path (the default) against the text path (KEFU_CSV_SCAN=0).
 */
import { promises as fs } from "fs";
import * as iconv from "iconv-lite";
import * as path from "path";
import type { ImportResult } from "../../src/core/import/types";
import { generateSamples } from "../../src/samples/generate";
import type { CsvReadOptions } from "../../src/xlsx/read-csv";
import { compileCli, type CompiledCli } from "./compiled";

type Outcome = Parameters<NonNullable<CsvReadOptions["onSplit"]>>[1];
type ReadCsvFile = typeof import("../../src/xlsx/read-csv").readCsvFile;

const MONTH = "2026-10";
/** What read-csv.ts gives the main thread before it looks for a line break (MAIN_SHARE). */
const MAIN_SHARE = 0.55;
const NO_SPLIT = String(2 ** 50);

let cli: CompiledCli;
let readCsvFile: ReadCsvFile;
/** The generated month: the orders export's lines (GBK CSV, CRLF) and the other files. */
let orderLines: string[];
let others: { name: string; bytes: Uint8Array }[];

beforeAll(async () => {
  cli = await compileCli("kefu-split-");
  // The compiled module, so its worker script (lib/xlsx/csv-worker.js) sits beside it.
  ({ readCsvFile } = require(path.join(cli.lib, "xlsx", "read-csv.js")) as { readCsvFile: ReadCsvFile });
  const files = generateSamples({ orders: 3000, agents: 12, month: MONTH, seed: 20261001 });
  const text = iconv.decode(Buffer.from(files[0].bytes), "gbk");
  expect(text.endsWith("\r\n")).toBe(true);
  orderLines = text.slice(0, -2).split("\r\n"); // no field of the samples holds a line break: line i is row i + 1
  others = files.slice(1);
}, 180000);
afterAll(async () => {
  await cli?.remove();
});

interface Encoding {
  gbk?: boolean;
  bom?: boolean;
  eol?: string;
}

function encode(lines: string[], e: Encoding = {}): Buffer {
  const text = lines.join(e.eol ?? "\r\n") + (e.eol ?? "\r\n");
  if (e.gbk) return iconv.encode(text, "gbk");
  return Buffer.from((e.bom ? "\ufeff" : "") + text, "utf8");
}

async function writeOrders(name: string, lines: string[], e?: Encoding): Promise<{ file: string; bytes: Buffer }> {
  const file = path.join(cli.dir, name);
  const bytes = encode(lines, e);
  await fs.writeFile(file, bytes);
  return { file, bytes };
}

/** The file read split (forced) and in one pass, with what `onSplit` said. */
async function readBoth(file: string): Promise<{ split: ImportResult; onePass: ImportResult; outcomes: [number, Outcome][] }> {
  const saved = process.env.KEFU_CSV_SPLIT_FROM;
  const outcomes: [number, Outcome][] = [];
  try {
    process.env.KEFU_CSV_SPLIT_FROM = "0";
    const split = await readCsvFile(file, "orders", { onSplit: (at, o) => void outcomes.push([at, o]) });
    process.env.KEFU_CSV_SPLIT_FROM = NO_SPLIT;
    const onePass = await readCsvFile(file, "orders", { onSplit: (at, o) => void outcomes.push([-at, o]) });
    return { split, onePass, outcomes };
  } finally {
    if (saved === undefined) delete process.env.KEFU_CSV_SPLIT_FROM;
    else process.env.KEFU_CSV_SPLIT_FROM = saved;
  }
}

/** The order id replaced by one the importer rejects (an error, the row skipped). */
const badId = (line: string): string => line.replace(/^="\d+"/, '="12345"');

/** Byte offset where each line starts, and the file's size (a line ends with an `eolBytes` break). */
function lineStarts(lines: string[], e: Encoding): { starts: number[]; size: number } {
  const eolBytes = (e.eol ?? "\r\n").length;
  const starts: number[] = [];
  let at = e.bom ? 3 : 0;
  for (const l of lines) {
    starts.push(at);
    at += (e.gbk ? iconv.encode(l, "gbk").length : Buffer.byteLength(l)) + eolBytes;
  }
  return { starts, size: at };
}

/** The line holding byte `pos`. */
const lineOf = (starts: number[], pos: number): number => starts.findIndex((s, i) => i === starts.length - 1 || starts[i + 1] > pos);

const orderIdProblems = (r: ImportResult) => r.problems.filter((p) => p.code.startsWith("order.id.")).map((p) => p.row);

describe("the month with problems in both halves", () => {
  let lines: string[];
  let file: string;
  let size: number;
  let badRows: number[];

  beforeAll(async () => {
    lines = orderLines.slice();
    const n = lines.length;
    // Bad ids early (inside the main thread's head and after it), around the middle, and at the end.
    const bad = [2, 5, 30, Math.floor(n * 0.4), Math.floor(n * 0.7), Math.floor(n * 0.85), n - 2, n - 1];
    for (const i of bad) lines[i] = badId(lines[i]);
    // A bad amount (a warning, the order kept) in each half too.
    // 买家实际支付金额 is the 11th column; the ten before it hold no quoted field.
    for (const i of [40, n - 40]) lines[i] = lines[i].replace(/^((?:[^,]*,){10})[^,]*,/, "$112.3.4,");
    badRows = bad.map((i) => i + 1);
    const w = await writeOrders("订单报表-problems.csv", lines, { gbk: true });
    file = w.file;
    size = w.bytes.length;
  });

  test("the byte path (default) and the text path (KEFU_CSV_SCAN=0) give the same result, split and in one pass", async () => {
    const bytePath = await readBoth(file);
    const saved = process.env.KEFU_CSV_SCAN;
    process.env.KEFU_CSV_SCAN = "0";
    try {
      const textPath = await readBoth(file);
      expect(bytePath.split).toEqual(textPath.split);
      expect(bytePath.onePass).toEqual(textPath.onePass);
      expect(bytePath.outcomes).toEqual(textPath.outcomes);
    } finally {
      if (saved === undefined) delete process.env.KEFU_CSV_SCAN;
      else process.env.KEFU_CSV_SCAN = saved;
    }
  });

  test("readCsvFile: the worker's half is used, and orders and problems (row numbers) are the one pass's", async () => {
    const { split, onePass, outcomes } = await readBoth(file);
    expect(outcomes).toHaveLength(1);
    const [at, outcome] = outcomes[0];
    expect(outcome).toBe("worker");
    expect(at).toBeGreaterThan(size * MAIN_SHARE);
    expect(at).toBeLessThan(size);
    const { starts } = lineStarts(lines, { gbk: true });
    expect(starts).toContain(at); // the halves meet where a line starts

    expect(onePass.data.orders).toHaveLength(lines.length - 1 - badRows.length);
    expect(orderIdProblems(onePass)).toEqual(badRows);
    expect(onePass.problems.filter((p) => p.code === "order.paid.invalid").map((p) => [p.row, p.column, p.value])).toEqual([
      [41, "买家实际支付金额", "12.3.4"],
      [lines.length - 39, "买家实际支付金额", "12.3.4"],
    ]);
    // Rows of the worker's half really are on both sides of the split, numbered as in the file.
    const splitRow = lineOf(starts, at) + 1;
    expect(badRows.filter((r) => r > splitRow).length).toBeGreaterThanOrEqual(3);
    expect(split.data.orders.filter((o) => o.source.row > splitRow).length).toBeGreaterThan(1000);

    expect(split).toEqual(onePass);
    expect(split.data.orders.map((o) => o.source.row)).toEqual(onePass.data.orders.map((o) => o.source.row));
  });

  test("build --json: the same summary with the split forced and turned off", async () => {
    const inputs: string[] = ["--orders", file];
    for (const f of others) {
      const p = path.join(cli.dir, f.name);
      await fs.writeFile(p, f.bytes);
      if (f.name.includes("考勤")) inputs.push("--attendance", p);
      else if (f.name.includes("客服绩效")) inputs.push("--sales", p);
      else if (f.name.includes("花名册")) inputs.push("--roster", p);
      else if (f.name.includes("违规")) inputs.push("--incidents", p);
    }
    expect(inputs.filter((a) => a.startsWith("--"))).toHaveLength(5);
    const build = (tag: string, from: string) =>
      cli.run(["build", ...inputs, "--out", path.join(cli.dir, `${tag}.xlsx`), "--json", path.join(cli.dir, `${tag}.json`)], { KEFU_CSV_SPLIT_FROM: from });
    const [a, b] = await Promise.all([build("split", "0"), build("one-pass", NO_SPLIT)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const splitJson = await fs.readFile(path.join(cli.dir, "split.json"), "utf8");
    const onePassJson = await fs.readFile(path.join(cli.dir, "one-pass.json"), "utf8");
    const summary = JSON.parse(onePassJson) as { month: string; problems: { code: string; row: number | null; file: string }[] };
    expect(summary.month).toBe(MONTH);
    expect(summary.problems.filter((p) => p.code.startsWith("order.id.")).map((p) => p.row)).toEqual(badRows);
    expect(splitJson).toBe(onePassJson); // no timing fields in the summary: byte for byte
  }, 60000);
});

/** The first `n` order lines after the header. */
const firstOrders = (n: number): string[] => orderLines.slice(0, n + 1);

test("a quoted multi-line note across the split point: the main thread reads on (not-aligned), the one pass's result", async () => {
  const lines = firstOrders(600);
  const segments = Array.from({ length: 1500 }, (_, i) => `第${i + 1}条：客户说"加急"，"褶皱"要熨平 KF03`);
  const note = segments.join("\n");
  const field = `"${note.replace(/"/g, '""')}"`;
  // Put it where it straddles the main thread's share of the file.
  const base = lineStarts(lines, { gbk: true });
  const noteBytes = iconv.encode(field, "gbk").length;
  const k = lineOf(base.starts, (base.size + noteBytes) * MAIN_SHARE - noteBytes / 2);
  lines[k] = lines[k].replace(/"[^"]*KF\d+[^"]*"/, () => field);
  const { file, bytes } = await writeOrders("订单报表-multiline.csv", lines, { gbk: true });
  const noteStart = bytes.indexOf(iconv.encode(field.slice(0, 12), "gbk"));
  const middle = Math.floor(bytes.length * MAIN_SHARE);
  expect(noteStart).toBeGreaterThan(0);
  expect(noteStart).toBeLessThan(middle);
  expect(noteStart + noteBytes).toBeGreaterThan(middle + 200);

  const { split, onePass, outcomes } = await readBoth(file);
  expect(outcomes.map(([, o]) => o)).toEqual(["not-aligned"]);
  expect(outcomes[0][0]).toBeLessThan(noteStart + noteBytes); // it cut the note
  const order = onePass.data.orders.find((o) => o.source.row === k + 1);
  expect(order?.note).toContain('第750条：客户说"加急"，"褶皱"要熨平 KF03\n第751条');
  expect(onePass.data.orders).toHaveLength(600);
  expect(split).toEqual(onePass);
});

test("GBK: the midpoint inside a two-byte character, the split read is the one pass's and no text is damaged", async () => {
  const lines = firstOrders(600);
  const e = { gbk: true };
  // Lengthen the first order's buyer message until the byte at the midpoint is a character's second byte.
  let cut: { line: number; char: string } | null = null;
  for (let pad = 0; pad < 200 && !cut; pad++) {
    lines[1] = orderLines[1].replace(/,交易成功,,|,([^,]*等待[^,]*),,/, (m) => m.slice(0, -1) + "x".repeat(pad) + ",");
    const { starts, size } = lineStarts(lines, e);
    const middle = Math.floor(size * MAIN_SHARE);
    const line = lineOf(starts, middle);
    let at = starts[line];
    for (const ch of lines[line]) {
      const n = iconv.encode(ch, "gbk").length;
      if (middle > at && middle < at + n) cut = { line, char: ch };
      if (at + n > middle) break;
      at += n;
    }
  }
  expect(cut).not.toBeNull();
  expect(iconv.encode(cut!.char, "gbk")).toHaveLength(2);
  const { file } = await writeOrders("订单报表-gbk.csv", lines, e);

  const { split, onePass, outcomes } = await readBoth(file);
  expect(outcomes.map(([, o]) => o)).toEqual(["worker"]);
  const text = (r: ImportResult) => r.data.orders.map((o) => [o.buyer, o.status, o.note, o.salesperson].join("|")).join("\n");
  expect(text(split)).not.toContain("\ufffd");
  expect(split.problems.filter((p) => p.code.startsWith("file.encoding"))).toEqual([]);
  expect(split.data.orders.find((o) => o.source.row === cut!.line + 1)).toEqual(onePass.data.orders.find((o) => o.source.row === cut!.line + 1));
  expect(split).toEqual(onePass);
});

describe.each([
  ["UTF-8 with a BOM, CRLF", { bom: true, eol: "\r\n" }],
  ["UTF-8 without a BOM, LF", { eol: "\n" }],
  ["GBK, LF", { gbk: true, eol: "\n" }],
] as [string, Encoding][])("%s", (label, e) => {
  test("split read equals the one pass, problems in both halves", async () => {
    const lines = firstOrders(800);
    const bad = [3, 200, 600, 799];
    for (const i of bad) lines[i] = badId(lines[i]);
    const { file, bytes } = await writeOrders(`订单报表-${label.replace(/\W+/g, "-")}.csv`, lines, e);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(e.bom === true);
    const { split, onePass, outcomes } = await readBoth(file);
    expect(outcomes.map(([, o]) => o)).toEqual(["worker"]);
    expect(lineStarts(lines, e).starts).toContain(outcomes[0][0]);
    expect(orderIdProblems(onePass)).toEqual(bad.map((i) => i + 1));
    expect(onePass.data.orders).toHaveLength(800 - bad.length);
    // Nothing of a line break stays in a value (the last column read is 商家备忘, before 主订单编号).
    expect(onePass.data.orders.some((o) => /[\r\n]/.test(o.note + o.tracking + o.buyer))).toBe(false);
    expect(split).toEqual(onePass);
  });
});

describe("problems beyond the per-code cap in the worker's half", () => {
  let read: Awaited<ReturnType<typeof readBoth>>;
  beforeAll(async () => {
    const lines = orderLines.slice();
    for (let i = 20; i < 30; i++) lines[i] = badId(lines[i]);
    for (let i = lines.length - 1300; i < lines.length; i++) lines[i] = badId(lines[i]);
    read = await readBoth((await writeOrders("订单报表-many-bad.csv", lines, { gbk: true })).file);
  });

  test("the orders and the listed problems are the one pass's", () => {
    const { split, onePass, outcomes } = read;
    expect(outcomes.map(([, o]) => o)).toEqual(["worker"]);
    expect(split.data.orders).toEqual(onePass.data.orders);
    const listed = (r: ImportResult) => r.problems.filter((p) => !p.code.endsWith(".more"));
    expect(listed(split)).toEqual(listed(onePass));
    expect(onePass.problems.find((p) => p.code === "order.id.invalid.more")?.value).toBe("310");
  });

  // The worker's summary line ("order.id.invalid.more", row null) once went with its header
  // problems, so its unlisted problems were lost: the split said "10 more", one pass "310 more".
  test("the summary of unlisted problems counts the worker's too", () => {
    const { split, onePass } = read;
    expect(split.problems).toEqual(onePass.problems);
  });
});

describe("rows that do not fit the header, in both halves and past the per-code cap", () => {
  let read: Awaited<ReturnType<typeof readBoth>>;
  let n: number;
  const extra = (line: string) => line + ",x"; // a value past the header's 72 named columns
  const cut = (line: string) => line.split(",").slice(0, 11).join(","); // the first 11 hold no quoted field
  beforeAll(async () => {
    const lines = orderLines.slice();
    n = lines.length;
    for (const i of [7, 40, Math.floor(n * 0.6)]) lines[i] = extra(lines[i]);
    for (let i = 100; i < 400; i++) lines[i] = extra(lines[i]);
    for (let i = n - 900; i < n; i++) lines[i] = extra(lines[i]);
    for (const i of [50, Math.floor(n * 0.8)]) lines[i] = cut(lines[i]);
    lines[Math.floor(n * 0.75)] = lines[0]; // the header again
    read = await readBoth((await writeOrders("订单报表-ragged.csv", lines, { gbk: true })).file);
  });

  test("the worker's half is used and gives the one pass's problems, row for row, and its count of the unlisted", () => {
    const { split, onePass, outcomes } = read;
    expect(outcomes.map(([, o]) => o)).toEqual(["worker"]);
    const shape = (r: ImportResult) => r.problems.filter((p) => /^csv\.fields|^import\.header/.test(p.code));
    expect(shape(onePass).filter((p) => p.code !== "csv.fields.extra").map((p) => [p.code, p.row])).toEqual([
      ["csv.fields.missing", 51],
      ["import.header_repeated", Math.floor(n * 0.75) + 1],
      ["csv.fields.missing", Math.floor(n * 0.8) + 1],
      ["csv.fields.extra.more", null],
    ]);
    const extraRows = shape(onePass).filter((p) => p.code === "csv.fields.extra").map((p) => p.row!);
    expect(extraRows.slice(0, 3)).toEqual([8, 41, 101]);
    expect(extraRows).toContain(Math.floor(n * 0.6) + 1);
    expect(extraRows.filter((r) => r > n - 900)).toHaveLength(1000 - 303);
    // 1,203 lines made too long, two of them then cut short or made the header again.
    expect(onePass.problems.find((p) => p.code === "csv.fields.extra.more")?.value).toBe("201");
    expect(onePass.data.orders).toHaveLength(n - 1 - 1201 - 1);
    expect(split).toEqual(onePass);
  });
});

describe("a cut-off last record that is all the worker's half holds", () => {
  let read: Awaited<ReturnType<typeof readBoth>>;
  beforeAll(async () => {
    // A huge note on the next-to-last line puts the main thread's share inside it, so the split
    // falls on the start of the last line: 20 of the 73 fields, no final line break (a cut download).
    const lines = firstOrders(150);
    const last = lines.length - 1;
    lines[last] = lines[last].replace(/"([^"]*KF\d+[^"]*)"/, (_, s: string) => `"${s}${"，".repeat(200000)}"`);
    const cut = orderLines[160].split(",").slice(0, 20).join(",");
    const bytes = Buffer.concat([encode(lines, { gbk: true }), iconv.encode(cut, "gbk")]);
    const file = path.join(cli.dir, "订单报表-cut.csv");
    await fs.writeFile(file, bytes);
    read = await readBoth(file);
  });

  test("one pass reports the cut record and skips it; the split reads that half again itself", () => {
    const { onePass, outcomes } = read;
    expect(outcomes.map(([, o]) => o)).toEqual(["worker-failed"]);
    expect(onePass.problems.map((p) => [p.code, p.row])).toEqual([["csv.truncated", 152]]);
    expect(onePass.data.orders).toHaveLength(150);
  });

  // A half of one record cannot tell a cut record (it has no record before it to count fields
  // against): the worker calls it unusual and the main thread reads that half itself.
  test("the split read reports it as one pass does", () => {
    const { split, onePass } = read;
    expect(split).toEqual(onePass);
  });
});

/** Every `yyyy-mm-dd` date of a line written `dd/mm/yyyy`, as an export re-saved by a day-first Excel has them. */
const dayFirst = (line: string): string => line.replace(/(\d{4})-(\d{2})-(\d{2})(?= \d{2}:\d{2}:\d{2})/g, (_, y: string, m: string, d: string) => `${d}/${m}/${y}`);
/** The line's dates; whether all of them read two ways once written `dd/mm/yyyy` (day ≤ 12, day ≠ month), or none does. */
const datesOf = (line: string): { day: number; month: number }[] =>
  [...line.matchAll(/\d{4}-(\d{2})-(\d{2}) \d{2}:\d{2}:\d{2}/g)].map((m) => ({ month: +m[1], day: +m[2] }));
const twoWay = (line: string): boolean => datesOf(line).length > 0 && datesOf(line).every((d) => d.day <= 12 && d.day !== d.month);
const oneWay = (line: string): boolean => datesOf(line).length > 0 && datesOf(line).every((d) => d.day > 12);

// One pass decides how the sheet writes `a/b/yyyy` from every row: a `13/10/2026` anywhere says the
// day comes first, and a `05/10/2026` elsewhere is then the 5th of October. Each half alone knows
// only its own rows, so a split read must not decide alone when the other half's rows could change it.
describe.each([
  ["the day-first evidence in the main thread's half, two-way dates in the worker's", "main"],
  ["two-way dates in the main thread's half, the evidence in the worker's", "worker"],
] as const)("%s", (_label, evidence) => {
  let read: Awaited<ReturnType<typeof readBoth>>;
  let changed: number[];
  beforeAll(async () => {
    const lines = firstOrders(800);
    const n = lines.length;
    // One row after the head (the worker is given the head, not the rows after it) with only
    // day-first-only dates, in the half named; every row of the other half that reads two ways.
    const inMain = (i: number) => i > 20 && i < n * 0.4;
    const inWorker = (i: number) => i > n * 0.7;
    const evidenceRow = lines.findIndex((l, i) => (evidence === "main" ? inMain(i) : inWorker(i)) && oneWay(l));
    expect(evidenceRow).toBeGreaterThan(0);
    lines[evidenceRow] = dayFirst(lines[evidenceRow]);
    changed = [];
    lines.forEach((l, i) => {
      if ((evidence === "main" ? inWorker(i) : inMain(i)) && twoWay(l)) {
        lines[i] = dayFirst(l);
        changed.push(i + 1);
      }
    });
    expect(changed.length).toBeGreaterThan(20);
    read = await readBoth((await writeOrders(`订单报表-dates-${evidence}.csv`, lines, { gbk: true })).file);
  });

  test("the one pass reads every two-way date day first, with no problem", () => {
    const { onePass } = read;
    expect(onePass.problems.filter((p) => p.code.includes("ambiguous"))).toEqual([]);
    const rows = new Set(changed);
    const rewritten = onePass.data.orders.filter((o) => rows.has(o.source.row));
    expect(rewritten).toHaveLength(changed.length);
    for (const o of rewritten) expect(o.createdAt).not.toBeNull();
  });

  test("the split read gives the one pass's result", () => {
    const { split, onePass, outcomes } = read;
    expect(outcomes.map(([, o]) => o)).toEqual(["sheet-wide"]);
    expect(split).toEqual(onePass);
  });
});

test("two-way dates in one half only, no other a/b/yyyy date: the worker's half is used", async () => {
  const lines = firstOrders(800);
  const n = lines.length;
  lines.forEach((l, i) => {
    if (i > n * 0.7 && twoWay(l)) lines[i] = dayFirst(l);
  });
  const { split, onePass, outcomes } = await readBoth((await writeOrders("订单报表-dates-one-half.csv", lines, { gbk: true })).file);
  expect(outcomes.map(([, o]) => o)).toEqual(["worker"]);
  // Nothing says which number is the day: each such date is a located error, split or not.
  expect(onePass.problems.filter((p) => p.code.endsWith(".ambiguous")).length).toBeGreaterThan(20);
  expect(split).toEqual(onePass);
});

describe("rows the whole file decides: the split read is the one pass's", () => {
  const HEAD = "内部单号,线上单号,店铺,订单日期,付款日期,发货日期,买家账号,收货人,状态,应付金额,已付金额,运费,买家留言,备注,快递公司,快递单号";
  /** An ERP (聚水潭) export line: ERP number, platform id ("" = none), note. */
  const erpLine = (erp: number, id: string, note: string) =>
    `${erp},${id === "" ? "" : `="${id}"`},小店旗舰店,2026-10-03 14:05:09,2026-10-03 14:06:00,,tb_${erp},王女士,已发货,136.00,136.00,8.00,,${note},中通快递,'7730001${erp}`;
  const platformId = (i: number) => `28731904623${String(31520000 + i).padStart(8, "0")}`;

  test("an ERP number in the worker's half joined by a row of the main thread's half", async () => {
    const lines = [HEAD];
    for (let i = 0; i < 800; i++) lines.push(erpLine(10000 + i, platformId(i), `备注 ${i} KF0${i % 9}`));
    // The second of an order's two lines (a split parcel), late in the file: only the ERP number.
    lines.push(erpLine(10005, "", "补发 KF03"));
    const { split, onePass, outcomes } = await readBoth((await writeOrders("订单报表-erp-join.csv", lines, { bom: true })).file);
    expect(outcomes.map(([, o]) => o)).toEqual(["sheet-wide"]);
    expect(onePass.problems.filter((p) => p.code === "order.id.unjoined")).toEqual([]);
    expect(onePass.data.orders.filter((o) => o.id === platformId(5))).toHaveLength(2);
    expect(split).toEqual(onePass);
  });

  test("ids padded by Excel: most of the main thread's half, not most of the file", async () => {
    const lines = [HEAD];
    // 40% of the file's ids end in zeros, all in its first part: too few to refuse them (one pass).
    for (let i = 0; i < 800; i++) lines.push(erpLine(10000 + i, i < 320 ? `${287319046233000 + i}0000` : platformId(i), `KF0${i % 9}`));
    const { split, onePass, outcomes } = await readBoth((await writeOrders("订单报表-padded.csv", lines, { bom: true })).file);
    expect(outcomes.map(([, o]) => o)).toEqual(["sheet-wide"]);
    expect(onePass.problems.filter((p) => p.code === "order.id.mangled")).toEqual([]);
    expect(onePass.data.orders).toHaveLength(800);
    expect(split).toEqual(onePass);
  });
});
