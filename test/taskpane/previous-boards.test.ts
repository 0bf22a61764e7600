/**
 * The pane's list of earlier boards (src/taskpane/previousBoards.ts), without a browser: each file
 * read as core reads a board (its month, what cannot be read, a board written in pages), the list
 * added to, replaced in and removed from, and the lines the pane shows — what core's boardsFor says
 * of a repeated month or one not before the month built, under the file it names.
 */
import ExcelJS from "exceljs";
import { decodeBytes, parseCsv, KefuError, type SourceKind } from "../../src/core";
import { addSourceSheet } from "../../src/excel/sourceSheet";
import { scanSources } from "../../src/excel/read";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { translator, type Lang } from "../../src/taskpane/i18n";
import { runBuild } from "../../src/taskpane/pipeline";
import { addBoards, boardInputs, boardRows, readBoardFile, removeBoard, type ChosenBoard } from "../../src/taskpane/previousBoards";
import { ExcelDouble } from "../support/excelDouble";

const bytes = (text: string) => new TextEncoder().encode(text);
const json = (month: string | null, credited: unknown[] = []) => JSON.stringify({ ...(month ? { month } : {}), credited });
const credit = (id: string, yuan: unknown) => ({ orderId: id, agent: "KF01", paid: yuan, shipping: 0, refund: 0, collected: yuan });
const board = async (file: string, month: string | null, credited: unknown[] = []) => readBoardFile(file, bytes(json(month, credited)));

describe("readBoardFile", () => {
  it("a JSON board: its month, nothing wrong", async () => {
    const b = await board("2026-08.json", "2026-08", [credit("7001", 20000)]);
    expect([b.month, b.problems, b.paged, b.input.file]).toEqual(["2026-08", [], null, "2026-08.json"]);
  });

  it("a JSON board without a month: kept, month null, core's located reason", async () => {
    const b = await board("旧.json", null);
    expect(b.month).toBeNull();
    expect(b.problems.map((p) => [p.code, p.file])).toEqual([["previous.json", "旧.json"]]);
  });

  it("a file that is no JSON: a bilingual error naming the file, not a bare SyntaxError", async () => {
    const e = await readBoardFile("坏.json", bytes("{month: 2026-08")).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KefuError);
    const p = (e as KefuError).problems[0];
    expect([p.code, p.file, p.zh.startsWith("无法读取看板：不是有效的 JSON"), p.en.startsWith("cannot read the board: not valid JSON")]).toEqual(["previous.unreadable", "坏.json", true, true]);
  });

  it("a workbook the pane wrote in pages: its month, the paged note once (in the pane's words, not core's too), only the sheets the reader reads kept", async () => {
    const x = new ExcelDouble();
    const orders = "订单编号,买家会员名,买家实际支付金额,买家应付邮费,退款金额,订单状态,订单创建时间,订单付款时间,订单备注\n" + [1, 2, 3].map((i) => `400000000000000000${i},买家${i},${i}000,0,0,交易成功,2026-10-0${i} 09:00:00,2026-10-0${i} 09:01:00,KF01\n`).join("");
    await addSourceSheet(x.run, "orders.csv", parseCsv(decodeBytes(bytes(orders)).text));
    const sources = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind as SourceKind }));
    await runBuild({ run: x.run, sources, month: "2026-10", file: "oct.xlsx", engine: new LocalEngine("oct.xlsx"), onStep: () => undefined, detailPageRows: 1 });
    const wb = new ExcelJS.Workbook();
    for (const n of x.sheetNames()) wb.addWorksheet(n).addRows(x.rows(n).map((r) => r.map((v) => (typeof v === "string" && v.startsWith("=") ? { formula: v.slice(1) } : v))));
    const b = await readBoardFile("十月看板.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect([b.month, b.paged, b.problems.map((p) => p.code)]).toEqual(["2026-10", { written: 1, total: 3 }, []]);
    expect("sheets" in b.input && b.input.sheets.map((s) => s.sheet).sort()).toEqual(["提成表", "订单明细", "规则"].sort());
    const [row] = boardRows([b], "2026-11", translator("zh-CN"), "zh-CN");
    expect(row.notes).toEqual([{ intent: "warning", text: "看板 十月看板.xlsx 的“订单明细”只写入了前 1 行（共 3 行）：追回和季度、年终回款只能看到这些订单。请先在该月的工作簿中写入全部订单明细，或改用该月的 JSON 文件。" }]);
  }, 60000);
});

describe("the list", () => {
  it("files are added after those listed; one chosen again replaces its entry in place; one is removed; all go to the build in order", async () => {
    const jul = await board("jul.json", "2026-07");
    const aug = await board("aug.json", "2026-08");
    const augFixed = await board("aug.json", "2026-08", [credit("7001", 20000)]);
    let list: ChosenBoard[] = addBoards([], [jul, aug]);
    list = addBoards(list, [await board("sep.json", "2026-09"), augFixed]);
    expect(list.map((b) => b.input.file)).toEqual(["jul.json", "aug.json", "sep.json"]);
    expect(list[1]).toBe(augFixed);
    list = removeBoard(list, "sep.json");
    expect(boardInputs(list).map((i) => i.file)).toEqual(["jul.json", "aug.json"]);
  });

  const months = (lang: Lang) => (lang === "zh-CN" ? ["2026年7月", "2026年8月", "2026年8月", "2026年9月", "读不出月份"] : ["July 2026", "August 2026", "August 2026", "September 2026", "month not readable"]);
  it.each([
    // the month built, language, each file's note codes (in the list's order: jul, aug, aug2, sep, old)
    ["2026-09", "zh-CN", [[], [], ["看板 aug2.json 与 aug.json 都是 2026-08 的"], ["看板 sep.json 是 2026-09 的，不早于正在生成的 2026-09"], ["上月 JSON 缺少 month"]], [false, false, true, true, true]],
    ["2026-09", "en-US", [[], [], ["the boards aug2.json and aug.json are both for 2026-08"], ["the board sep.json is for 2026-09, not before 2026-09"], ["The previous JSON lacks month"]], [false, false, true, true, true]],
    // Month automatic: not known before the build, so only the repeat is said (the build says the rest in 问题).
    [null, "zh-CN", [[], [], ["看板 aug2.json 与 aug.json 都是 2026-08 的"], [], ["上月 JSON 缺少 month"]], [false, false, true, false, true]],
    // October reads only September's board: July's and August's are named as not used (a warning: the wrong file?).
    ["2026-10", "zh-CN", [["看板 jul.json 是 2026-07 的：生成 2026-10 用不到它"], ["看板 aug.json 是 2026-08 的：生成 2026-10 用不到它"], ["看板 aug2.json 是 2026-08 的：生成 2026-10 用不到它"], [], ["上月 JSON 缺少 month"]], [true, true, true, false, true]],
  ] as [string | null, Lang, string[][], boolean[]][])("building %s (%s): each file's month, and what is wrong under it", async (month, lang, notes, unused) => {
    const list = addBoards([], [await board("jul.json", "2026-07"), await board("aug.json", "2026-08"), await board("aug2.json", "2026-08"), await board("sep.json", "2026-09"), await board("old.json", null)]);
    const rows = boardRows(list, month, translator(lang), lang);
    expect(rows.map((r) => r.month)).toEqual(months(lang));
    rows.forEach((r, i) => notes[i].forEach((start, k) => expect(r.notes[k].text.startsWith(start)).toBe(true)));
    expect(rows.map((r) => r.notes.length)).toEqual(notes.map((n) => n.length));
    expect(rows.every((r) => r.notes.every((n) => n.intent === (/用不到它|does not use/.test(n.text) ? "warning" : "error")))).toBe(true);
    expect(rows.map((r) => r.unused)).toEqual(unused);
  });

  it("a board with many unreadable amounts: two said, the rest counted", async () => {
    const b = await board("aug.json", "2026-08", ["a", "b", "c", "d", "e"].map((v, i) => credit(`700${i}`, v)));
    expect(b.problems).toHaveLength(10); // paid and collected of each
    const [row] = boardRows([b], "2026-09", translator("en-US"), "en-US");
    expect(row.notes.map((n) => n.intent)).toEqual(["warning", "warning", "warning"]);
    expect(row.notes[2].text).toBe("8 more: see the 问题 sheet after the build");
    expect(row.unused).toBe(false);
  });
});
