/**
 * 绩效看板 — every figure of each agent's month, the KPI parts and score, the rank, a totals row
 * and a chart (回款 by agent, 询单转化率 on a secondary axis). Order figures are live SUMIFS over
 * 订单明细, complaints and fines over 罚款台账 (a waived fine shows without a rebuild), rates and
 * the KPI score formulas over the row.
 */
import { KPI_METRICS, type KpiTargetUnit } from "../rules/kpi";
import { countedShops, shopsNamed } from "../shops";
import type { MonthReport, PerformanceRow } from "../reports/types";
import { countedEach } from "../reports/counted";
import { BlockCursor, TableRef, cellText, formula, isPlainCriterion, yuan, yuanOrNull } from "./layout";
import { SHEET_NAMES, yesMark } from "./names";
import type { ColumnSpec, SheetSpec, SpecCell } from "./types";

const BASE_COLUMNS: ColumnSpec[] = [
  { key: "rank", header: "排名 Rank", format: "int", width: 7 },
  { key: "agent", header: "工号 Agent", format: "text", width: 10 },
  { key: "name", header: "姓名 Name", format: "text", width: 10 },
  { key: "nick", header: "旺旺 Nick", format: "text", width: 18 },
  { key: "orders", header: "订单数 Orders", format: "int", width: 9 },
  { key: "sales", header: "销售额 Sales", format: "money", width: 13 },
  { key: "refunds", header: "退款 Refunds", format: "money", width: 12 },
  { key: "collected", header: "回款 Collected", format: "money", width: 13 },
  { key: "refundRate", header: "退款率 Refund rate", format: "rate", width: 9 },
  { key: "buyers", header: "买家数 Buyers", format: "int", width: 9 },
  { key: "aov", header: "客单价 AOV", format: "money", width: 11 },
  { key: "inquiries", header: "询单人数 Inquiries", format: "int", width: 10 },
  { key: "payers", header: "付款人数 Payers", format: "int", width: 10 },
  { key: "conversion", header: "询单转化率 Conversion", format: "rate", width: 11 },
  { key: "avgResponseSec", header: "平均响应(秒) Response (s)", format: "seconds", width: 11 },
  { key: "lateCount", header: "迟到 Late", format: "int", width: 7 },
  { key: "earlyCount", header: "早退 Early", format: "int", width: 7 },
  { key: "absenceDays", header: "缺勤天数 Absence days", format: "general", width: 9 },
  { key: "complaints", header: "投诉 Complaints", format: "int", width: 8 },
  { key: "fines", header: "罚款 Fines", format: "money", width: 11 },
];

/** 店铺 goes after 旺旺 (agentRow writes it there). */
const NICK = BASE_COLUMNS.findIndex((c) => c.key === "nick");
const SHOPS_COLUMN: ColumnSpec = { key: "shops", header: "店铺 Shops", format: "text", width: 16 };

/**
 * A group's month (the counted orders name two shops or more): each agent's shops, those of the
 * orders credited to them, in name order ("A店、B店"). Null for a one-shop month: no 店铺 column.
 */
export function agentShops(report: MonthReport): Map<string, string> | null {
  // Asked for twice a build (the columns, then the rows): one pass over the counted orders per report.
  const known = shopsByReport.get(report);
  if (known !== undefined) return known;
  const found = computeAgentShops(report);
  shopsByReport.set(report, found);
  return found;
}

const shopsByReport = new WeakMap<MonthReport, Map<string, string> | null>();

function computeAgentShops(report: MonthReport): Map<string, string> | null {
  if (countedShops(report).length < 2) return null;
  const names = new Map<string, Set<string>>();
  countedEach(report, ({ agent, creditRemovedBy, shop }) => {
    if (agent === null || creditRemovedBy !== null || shop === "") return;
    let set = names.get(agent);
    if (set === undefined) names.set(agent, (set = new Set()));
    set.add(shop);
  });
  return new Map(report.performance.map((p) => [p.agent.staffNo, shopsNamed(names.get(p.agent.staffNo) ?? []).join("、")]));
}

/** The columns for a rules set: the base figures (with 店铺 after 旺旺 for a group), one score column per KPI metric, the score. */
export function performanceColumns(report: MonthReport): ColumnSpec[] {
  const kpi: ColumnSpec[] = report.rules.kpi.map((k) => ({
    key: `kpi_${k.metric}`,
    header: `${KPI_METRICS[k.metric].zh}得分 ${KPI_METRICS[k.metric].en} score`,
    format: "number",
    width: 10,
  }));
  const base = agentShops(report) === null ? BASE_COLUMNS : [...BASE_COLUMNS.slice(0, NICK + 1), SHOPS_COLUMN, ...BASE_COLUMNS.slice(NICK + 1)];
  return [
    ...base,
    ...kpi,
    { key: "kpiScore", header: "KPI 得分 KPI score", format: "number", width: 10 },
    { key: "inRoster", header: "在花名册 In roster", format: "text", width: 9 },
  ];
}

export interface PerformanceRefs {
  self: TableRef;
  /** 订单明细, when it holds every counted order (null: too many for one sheet, values only). */
  orders: TableRef | null;
  penalties: TableRef;
  /** 考勤明细, when the report carries its judged attendance days. */
  attendance: TableRef | null;
}

function agentRow(p: PerformanceRow, report: MonthReport, refs: PerformanceRefs, row: number, shops: Map<string, string> | null): SpecCell[] {
  const { self, orders, penalties, attendance } = refs;
  const key = p.agent.staffNo;
  const live = isPlainCriterion(key);
  const me = self.cell("agent", row);
  const here = (k: string) => self.cell(k, row);
  // The engine's definitions, as formulas: credited orders only (订单明细 "credited" = 1);
  // rates rounded as the engine rounds them (6 places); KPI = parts summed, 2 places.
  const byAgent = (sumKey: string, v: number) =>
    live && orders ? formula(`SUMIFS(${orders.range(sumKey, true)},${orders.range("agent", true)},${me},${orders.range("credited", true)},1)`, v) : v;
  const penaltiesOf = (f: string, v: number) => (live ? formula(f, v) : v);
  // The ledger shows rule names (Chinese), not keys: complaints are counted by the complaint
  // rule's name when no other rule shares it and it is a plain criterion, else the value stands.
  const fines = report.rules.fines;
  const label = fines.complaint.label;
  const complaintLabel = isPlainCriterion(label) && Object.values(fines).filter((f) => f.label === label).length === 1 ? label : null;
  const days = (sumKey: string, v: number) =>
    live && attendance ? formula(`SUMIFS(${attendance.range(sumKey, true)},${attendance.range("agent", true)},${me})`, v) : v;
  const kpiCols = report.rules.kpi.map((k) => here(`kpi_${k.metric}`));
  const cells: SpecCell[] = [
    p.rank,
    cellText(key),
    cellText(p.agent.name),
    cellText(p.agent.nick),
    ...(shops === null ? [] : [cellText(shops.get(key) ?? "")]),
    byAgent("credited", p.orders),
    byAgent("paid", yuan(p.sales)),
    byAgent("refund", yuan(p.refunds)),
    live && orders
      ? formula(`SUMIFS(${orders.range("collected", true)},${orders.range("agent", true)},${me})`, yuan(p.collected))
      : yuan(p.collected),
    formula(`IFERROR(ROUND(${here("refunds")}/${here("sales")},6),"")`, p.refundRate ?? ""),
    p.buyers,
    formula(`IFERROR(ROUND(${here("sales")}/${here("payers")},2),"")`, yuanOrNull(p.aov) ?? ""),
    p.inquiries,
    p.payers,
    formula(`IFERROR(ROUND(${here("payers")}/${here("inquiries")},6),"")`, p.conversion ?? ""),
    p.avgResponseSec,
    days("late", p.lateCount),
    days("early", p.earlyCount),
    days("absent", p.absenceDays),
    complaintLabel !== null
      ? penaltiesOf(`COUNTIFS(${penalties.range("agent", true)},${me},${penalties.range("ruleLabel", true)},"${complaintLabel.replace(/"/g, '""')}")`, p.complaints)
      : p.complaints,
    penaltiesOf(`SUMIFS(${penalties.range("effective", true)},${penalties.range("agent", true)},${me})`, yuan(p.fines)),
  ];
  for (const k of report.rules.kpi) {
    const part = p.kpiParts.find((x) => x.metric === k.metric);
    cells.push(part ? part.score : null);
  }
  cells.push(kpiCols.length ? formula(`ROUND(SUM(${kpiCols.join(",")}),2)`, p.kpiScore) : p.kpiScore, yesMark(p.agent.inRoster));
  return cells;
}

const SUMMED = ["orders", "sales", "refunds", "collected", "inquiries", "payers", "lateCount", "earlyCount", "absenceDays", "complaints", "fines"] as const;
const MONEY = new Set(["sales", "refunds", "collected", "fines"]);

function totalsRow(report: MonthReport, self: TableRef, row: number): SpecCell[] {
  const cells: SpecCell[] = new Array(self.columns.length).fill(null);
  cells[0] = "合计 Total";
  for (const key of SUMMED) {
    let sum = 0;
    for (const p of report.performance) sum += p[key];
    cells[self.col(key)] = formula(`SUM(${self.range(key, false)})`, MONEY.has(key) ? yuan(sum) : sum);
  }
  let payers = 0;
  let inquiries = 0;
  for (const p of report.performance) {
    payers += p.payers;
    inquiries += p.inquiries;
  }
  cells[self.col("conversion")] = formula(
    `IFERROR(ROUND(${self.cell("payers", row)}/${self.cell("inquiries", row)},6),"")`,
    inquiries > 0 ? Math.round((payers / inquiries) * 1e6) / 1e6 : "",
  );
  return cells;
}

const KPI_TARGET: Record<KpiTargetUnit, (t: number) => string> = {
  money: (t) => `¥${yuan(t).toLocaleString("en-US")}`,
  rate: (t) => `${+(t * 100).toFixed(2)}%`,
  seconds: (t) => `${t} 秒`,
  count: (t) => `${t} 次`,
};

/**
 * Under the board: how the KPI score is made — each part's weight, target and cap, the highest
 * score it can reach, so 108.46 reads as "above target", not as an error.
 */
export function kpiNotes(report: MonthReport): string[] {
  const kpi = report.rules.kpi;
  const top = kpi.reduce((s, k) => s + k.weight * (k.cap > 0 ? k.cap : 1), 0);
  const lines = [
    `KPI 得分 = 各项得分之和；每项 = 权重 × 实际/目标（越低越好的项为 目标/实际），单项最多得 权重 × 上限，故满分 ${+top.toFixed(2)}（达标即 ${kpi.reduce((s, k) => s + k.weight, 0)}）` +
      ` / KPI score = sum of the parts; each = weight × actual/target (target/actual where lower is better), at most weight × cap: ${+top.toFixed(2)} at most`,
  ];
  for (const k of kpi) {
    const l = KPI_METRICS[k.metric];
    const cap = k.cap > 0 ? k.cap : 1;
    lines.push(
      `${l.zh} ${l.en}：权重 weight ${k.weight}，目标 target ${KPI_TARGET[KPI_METRICS[k.metric].unit](k.target)}${k.reverse ? "（越低越好，为 0 得上限 lower is better; 0 earns the cap）" : ""}，上限 cap ${+(cap * 100).toFixed(0)}% → 最多 ${+(k.weight * cap).toFixed(2)} 分 points`,
    );
  }
  return lines;
}

export function buildPerformanceSheet(report: MonthReport, refs: PerformanceRefs): SheetSpec {
  const { self } = refs;
  const shops = agentShops(report);
  const rows = report.performance.map((p, i) => agentRow(p, report, refs, self.firstRow + i, shops));
  const totalRow = new BlockCursor(rows.length).place(undefined, 1);
  const s = SHEET_NAMES.performance;
  return {
    key: "performance",
    name: s.name,
    nameEn: s.nameEn,
    title: `${s.name} ${report.month}`,
    subtitle: `${s.nameEn} · ${report.month} · 回款与罚款为实时公式 collected and fines are live formulas`,
    tabColor: s.tabColor,
    columns: self.columns.slice(),
    rows,
    idColumn: 1,
    blocks: [
      { rows: [totalsRow(report, self, totalRow)], style: "total" },
      ...(report.rules.kpi.length > 0 ? [{ title: "KPI 得分怎么来 How the KPI score is made", rows: kpiNotes(report).map((t) => [t]), style: "note" as const }] : []),
    ],
    freeze: { rows: 3, columns: 3 },
    autoFilter: true,
    chart: {
      kind: "columnLine",
      title: "回款与询单转化率 Collected and conversion by agent",
      categoryKey: "name",
      seriesKeys: ["collected", "conversion"],
      secondaryKeys: ["conversion"],
    },
  };
}
