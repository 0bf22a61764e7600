/**
 * The output sheets' names, English names and tab colours, in one catalogue. Sheet names are
 * Chinese (what the manager reads on the tab); the English name goes into the subtitle.
 */
export interface SheetName {
  name: string;
  nameEn: string;
  /** "#RRGGBB"; each host converts to its own colour form. */
  tabColor: string;
}

export const SHEET_NAMES = {
  performance: { name: "绩效看板", nameEn: "Performance board", tabColor: "#2E75B6" },
  penalties: { name: "罚款台账", nameEn: "Penalty ledger", tabColor: "#C00000" },
  reconciliation: { name: "每日对账", nameEn: "Daily reconciliation", tabColor: "#548235" },
  commission: { name: "提成表", nameEn: "Commission", tabColor: "#BF8F00" },
  payslip: { name: "工资条", nameEn: "Pay slips", tabColor: "#FFC000" },
  unattributed: { name: "未归属订单", nameEn: "Unattributed orders", tabColor: "#ED7D31" },
  orders: { name: "订单明细", nameEn: "Counted orders", tabColor: "#A5A5A5" },
  attendance: { name: "考勤明细", nameEn: "Attendance days", tabColor: "#70AD47" },
  rules: { name: "规则", nameEn: "Rules", tabColor: "#7030A0" },
  problems: { name: "问题", nameEn: "Problems", tabColor: "#FF0000" },
} as const satisfies Record<string, SheetName>;

export type SheetKey = keyof typeof SHEET_NAMES;

/** "是" / "" — how a yes/no figure reads in a cell (empty reads cleaner than 否 in long lists). */
export function yesMark(b: boolean): string {
  return b ? "是" : "";
}
