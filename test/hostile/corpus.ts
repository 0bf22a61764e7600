/**
 * The hostile corpus: a small clean month of a three-agent shop (every source present), and the
 * messy variants issue 8 lists, each built from it by changing one file. Files are generated
 * here (large ones inside the tests), never committed.
 */
import { csv, type BuildCase, type InputSpec, type Row, type Slot } from "./harness";

export const ORDER_HEADERS = ["订单编号", "买家会员名", "买家实际支付金额", "买家应付邮费", "退款金额", "订单状态", "订单创建时间", "订单付款时间", "发货时间", "订单备注"];

/** `="…"` as the seller centre wraps ids. */
export const wrapped = (id: string) => `="${id}"`;

export function orderRow(n: number, over: Partial<Record<"id" | "buyer" | "paid" | "status" | "created" | "paidAt" | "shipped" | "note" | "refund", string>> = {}): Row {
  const day = String(1 + (n % 28)).padStart(2, "0");
  return [
    over.id ?? wrapped(`28731904623315${String(20000 + n).padStart(5, "0")}`),
    over.buyer ?? `buyer_${n}`,
    over.paid ?? `${100 + n}.50`,
    "0",
    over.refund ?? "无退款申请",
    over.status ?? "交易成功",
    over.created ?? `2026-10-${day} 09:00:00`,
    over.paidAt ?? `2026-10-${day} 09:05:00`,
    over.shipped ?? `2026-10-${day} 18:00:00`,
    over.note ?? `KF0${1 + (n % 3)} 2*3米 顺丰`,
  ];
}

export function ordersRows(n = 12): Row[] {
  return [ORDER_HEADERS, ...Array.from({ length: n }, (_v, i) => orderRow(i))];
}

export const ROSTER_HEADERS = ["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"];
export const rosterRows = (): Row[] => [
  ROSTER_HEADERS,
  ["KF01", "小美", "小店:小美", "售前", "2025-01-01", 20000],
  ["KF02", "阿强", "小店:阿强", "售前", "2025-01-01", 20000],
  ["KF03", "丽丽", "小店:丽丽", "售后", "2025-01-01", ""],
];

export const ATTENDANCE_HEADERS = ["姓名", "工号", "日期", "班次", "上班打卡时间", "下班打卡时间"];
export const attendanceRows = (): Row[] => [
  ATTENDANCE_HEADERS,
  ["小美", "KF01", "2026-10-01", "白班", "08:25", "17:35"],
  ["小美", "KF01", "2026-10-02", "白班", "08:45", "17:35"],
  ["阿强", "KF02", "2026-10-01", "晚班", "17:20", "00:55"],
  ["丽丽", "KF03", "2026-10-01", "白班", "08:20", "17:40"],
];

export const SALES_HEADERS = ["客服昵称", "日期", "询单人数", "询单最终付款人数", "询单最终付款金额", "平均响应时长"];
export const salesRows = (): Row[] => [
  SALES_HEADERS,
  ["小店:小美", "2026-10-05", 10, 4, 400, 20],
  ["小店:阿强", "2026-10-05", 20, 5, 500, 30],
  ["小店:丽丽", "2026-10-05", 8, 2, 200, 25],
];

export const INCIDENT_HEADERS = ["日期", "客服", "类型", "订单编号", "损失金额", "备注"];
export const incidentRows = (): Row[] => [
  INCIDENT_HEADERS,
  ["2026-10-03", "KF03", "投诉", "", "", "第一次"],
  ["2026-10-10", "KF03", "投诉", "", "", "第二次"],
  ["2026-10-12", "KF01", "off_task", "", "", "玩游戏"],
];

const FILE_NAMES: Record<Exclude<Slot, "rules">, string> = {
  orders: "订单报表.csv",
  attendance: "考勤.csv",
  sales: "客服绩效.csv",
  roster: "花名册.csv",
  incidents: "违规记录.csv",
};

/** The clean month as CSV files, one per slot; `replace` swaps or adds files per slot. */
export function month(replace: Partial<Record<Slot, InputSpec | InputSpec[] | null>> = {}): BuildCase {
  const base: Record<Exclude<Slot, "rules">, InputSpec> = {
    orders: { name: FILE_NAMES.orders, csv: csv(ordersRows()), encoding: "gbk" },
    attendance: { name: FILE_NAMES.attendance, csv: csv(attendanceRows()) },
    sales: { name: FILE_NAMES.sales, csv: csv(salesRows()) },
    roster: { name: FILE_NAMES.roster, csv: csv(rosterRows()) },
    incidents: { name: FILE_NAMES.incidents, csv: csv(incidentRows()) },
  };
  const inputs: BuildCase["inputs"] = [];
  for (const slot of ["orders", "attendance", "sales", "roster", "incidents", "rules"] as Slot[]) {
    const r = replace[slot];
    if (r === null) continue;
    const files = r === undefined ? (slot === "rules" ? [] : [base[slot as Exclude<Slot, "rules">]]) : Array.isArray(r) ? r : [r];
    for (const file of files) inputs.push({ slot, file });
  }
  return { inputs, month: "2026-10" };
}

export const csvFile = (name: string, rows: Row[], encoding: "utf8" | "utf8bom" | "gbk" | "utf16le" = "utf8", eol = "\r\n"): InputSpec => ({
  name,
  csv: csv(rows, eol),
  encoding,
});
