/**
 * A column the manager named in 规则's 【列名】 block is read by its display like a known one: a
 * roster 员工编号 column holding 3 shown as 003 (Excel's "000" format) is staff number 003 in the
 * pane, as the command line reads "003" from the file — before, the pane read 3, and the order
 * whose note says 003 was credited to nobody, without a word.
 */
import { parseCsv } from "../../src/core";
import type { SourceKind } from "../../src/core/import/types";
import { saveColumnMappings } from "../../src/excel/columnMapping";
import { scanSources } from "../../src/excel/read";
import { addSourceSheet } from "../../src/excel/sourceSheet";
import { LocalEngine } from "../../src/taskpane/engineClient";
import { runBuild } from "../../src/taskpane/pipeline";
import { ExcelDouble } from "../support/excelDouble";

test("a 工号 column named in 【列名】 keeps its displayed 003", async () => {
  const x = new ExcelDouble();
  const orders = "订单编号,买家会员名,买家实际支付金额,买家应付邮费,退款金额,订单状态,订单创建时间,订单付款时间,订单备注\n4000000000000000001,买家甲,25000,0,0,交易成功,2026-10-20 09:00:00,2026-10-20 09:01:00,003\n";
  await addSourceSheet(x.run, "orders.csv", parseCsv(orders));
  const att = ["姓名,工号,日期,班次,上班打卡时间,下班打卡时间", ...Array.from({ length: 31 }, (_v, i) => `甲一,003,2026-10-${String(i + 1).padStart(2, "0")},白班,08:25,17:35`)].join("\n");
  await addSourceSheet(x.run, "att.csv", parseCsv(att));
  x.addSheet("花名册", [["员工编号", "姓名", "旺旺子账号", "岗位", "入职日期"], [3, "甲一", "小店:甲一", "售前", "2025-01-01"]], [{ column: 0, format: "000" }]);
  await saveColumnMappings(x.run, [{ kind: "roster", field: "staffNo", header: "员工编号" }], "2026-10");
  const sources = (await scanSources(x.run)).filter((s) => s.kind).map((s) => ({ sheet: s.sheet, kind: s.kind as SourceKind }));
  expect(sources.map((s) => s.kind).sort()).toEqual(["attendance", "orders", "roster"]);
  const r = await runBuild({ run: x.run, sources, month: "2026-10", file: "book.xlsx", engine: new LocalEngine("book.xlsx"), onStep: () => undefined, json: true });
  const j = JSON.parse(r.json!) as { agents: { agent: string; collected: number }[] };
  expect(j.agents.map((a) => [a.agent, a.collected])).toEqual([["003", 25000]]);
}, 60000);
