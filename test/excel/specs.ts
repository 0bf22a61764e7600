/** Hand-made SheetSpecs for adapter tests (the real builders have their own tests). */
import type { ColumnSpec, SheetSpec, SpecCell } from "../../src/core/sheets/types";

export const PENALTY_COLUMNS: ColumnSpec[] = [
  { key: "id", header: "编号 Id", format: "text", width: 18 },
  { key: "date", header: "日期 Date", format: "date", width: 12 },
  { key: "agent", header: "工号 Agent", format: "text", width: 10 },
  { key: "amount", header: "罚款 Amount", format: "money", width: 12 },
  { key: "waived", header: "免罚 Waived", format: "text", width: 10, manager: true, allowed: ["是", "Y"] },
  { key: "remark", header: "备注 Remark", format: "text", width: 24, manager: true },
  { key: "effective", header: "实计 Effective", format: "money", width: 12 },
];

export function penaltySpec(rows: { id: string; amount: number; waived?: string; remark?: string }[]): SheetSpec {
  return {
    key: "penalties",
    name: "罚款台账",
    nameEn: "Penalty ledger",
    title: "罚款台账 2026-10",
    subtitle: "Penalty ledger · 2026-10",
    tabColor: "#C00000",
    columns: PENALTY_COLUMNS,
    rows: rows.map((r, i) => [
      r.id,
      { date: "2026-10-0" + ((i % 9) + 1) },
      "KF0" + (i % 3),
      r.amount,
      r.waived ?? "",
      r.remark ?? "",
      { f: `$D${4 + i}*(COUNTIFS($E${4 + i},"是")=0)`, v: r.waived ? 0 : r.amount },
    ]),
    idColumn: 0,
    blocks: [{ title: "合计 Total", rows: [["部门基金 Fund", null, null, { f: `SUM($G$4:$G$${3 + Math.max(rows.length, 1)})`, v: 0 }, null, null, null]], style: "total" }],
    freeze: { rows: 3, columns: 1 },
    autoFilter: true,
  };
}

export const PERF_COLUMNS: ColumnSpec[] = [
  { key: "rank", header: "排名 Rank", format: "int", width: 6 },
  { key: "staffNo", header: "工号 Staff no.", format: "text", width: 10 },
  { key: "name", header: "姓名 Name", format: "text", width: 10 },
  { key: "collected", header: "回款 Collected", format: "money", width: 14 },
  { key: "conversion", header: "询单转化率 Conversion", format: "rate", width: 12 },
  { key: "fines", header: "罚款 Fines", format: "money", width: 12 },
];

export function performanceSpec(agents: [string, string, number, number][]): SheetSpec {
  return {
    key: "performance",
    name: "绩效看板",
    nameEn: "Performance board",
    title: "绩效看板 2026-10",
    subtitle: "Performance board · 2026-10",
    tabColor: "#2E75B6",
    columns: PERF_COLUMNS,
    rows: agents.map(([no, name, collected, conv], i) => [
      i + 1,
      no,
      name,
      collected,
      conv,
      { f: `SUMIFS('罚款台账'!$G:$G,'罚款台账'!$C:$C,$B${4 + i})`, v: 0 },
    ]),
    idColumn: 1,
    blocks: [{ rows: [[null, null, { text: "罚款明细 → ledger", target: "罚款台账!A4" } as SpecCell, null, null, null]], style: "note" }],
    freeze: { rows: 3, columns: 3 },
    autoFilter: true,
    chart: { kind: "columnLine", title: "回款与询单转化率", categoryKey: "name", seriesKeys: ["collected", "conversion"], secondaryKeys: ["conversion"] },
    highlights: [{ columnKey: "fines", when: "nonzero" }],
  };
}
