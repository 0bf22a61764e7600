/**
 * Rows outside the built month (不在本月的行). Every reader keeps only the month's rows, which is
 * right — an order export spans a few days either side, an attendance app exports what it was
 * asked — but a row left out must not leave without a word: a complaint typed as 2026-11-03 for
 * October would otherwise lose its fine silently. So each source file says, once per kind, how
 * many of its rows the month did not count and which dates they carry. An info, not a warning:
 * neighbouring months are normal in an export; the range of dates is what shows a slip.
 */
import { salesDays, type Dataset, type DateStr, type MonthStr, type SourceRef, type WallTime } from "../model";
import { problem, type Problem } from "../problems";
import { dateOf, dayStart, monthSpan } from "./calendar";

/** What the message says of each kind: the rows, the date read, and what else still reads them. */
export interface OutsideKind {
  code: string;
  zh: { rows: string; date: string; still: string };
  en: { rows: string; date: string; still: string };
}

const ORDERS_STILL = {
  zh: "未计入本月回款（导出常含相邻月份的订单；上月订单的退款仍用于追回，季末时本季度的订单仍计入季度提成）",
  en: "not counted in this month's collected sales (exports often hold a neighbouring month's orders; last month's refunds are still clawed back, and at a quarter's end the quarter's orders still count for the quarterly commission)",
};

export const OUTSIDE_KINDS = {
  orders: {
    code: "orders.outside_month",
    zh: { rows: "行订单", date: "付款时间", still: ORDERS_STILL.zh },
    en: { rows: "order rows", date: "payment time", still: ORDERS_STILL.en },
  },
  ordersConfirmed: {
    code: "orders.outside_month",
    zh: { rows: "行订单", date: "确认收货时间", still: ORDERS_STILL.zh },
    en: { rows: "order rows", date: "confirmation time", still: ORDERS_STILL.en },
  },
  attendance: {
    code: "attendance.outside_month",
    zh: { rows: "行考勤", date: "日期", still: "未计入本月出勤、迟到早退与底薪" },
    en: { rows: "attendance rows", date: "date", still: "not counted in this month's days worked, lateness or base pay" },
  },
  sales: {
    code: "sales.outside_month",
    zh: { rows: "行客服绩效", date: "日期", still: "未计入本月询单、付款人数与转化率" },
    en: { rows: "sales-export rows", date: "date", still: "not counted in this month's inquiries, paying buyers or conversion" },
  },
  incidents: {
    code: "incidents.outside_month",
    zh: { rows: "行违规/奖励记录", date: "日期", still: "未计入本月罚款台账和奖励（指向本月订单的扣业绩仍然生效）" },
    en: { rows: "incident rows", date: "date", still: "not in this month's penalty ledger or rewards (a removal of an order's sales credit still applies)" },
  },
} satisfies Record<string, OutsideKind>;

interface FileTally {
  file: string;
  sheet: string;
  count: number;
  min: WallTime;
  max: WallTime;
}

/**
 * Counts one kind's rows outside the month per source file. `see` is asked inside the order
 * scan: O(1) and allocation-free for a run of rows of one file (the common case, and the only
 * one a million-row export gives); a new file costs a search of the few files given.
 */
export class OutsideTally {
  private readonly files: FileTally[] = [];
  private last: FileTally | null = null;

  see(at: SourceRef, t: WallTime): void {
    let f = this.last;
    if (f === null || f.file !== at.file || f.sheet !== at.sheet) {
      f = this.files.find((x) => x.file === at.file && x.sheet === at.sheet) ?? null;
      if (f === null) {
        f = { file: at.file, sheet: at.sheet, count: 0, min: Infinity, max: -Infinity };
        this.files.push(f);
      }
      this.last = f;
    }
    f.count++;
    if (t < f.min) f.min = t;
    if (t > f.max) f.max = t;
  }

  /** One info per file that had rows outside `month`, in the order the files were met. */
  problems(kind: OutsideKind, month: MonthStr): Problem[] {
    return this.files.map((f) => {
      const range = f.min <= f.max ? (f.min === f.max ? dateOf(f.min) : `${dateOf(f.min)} 至 ${dateOf(f.max)}`) : "";
      const rangeEn = range.replace(" 至 ", " to ");
      return problem(
        "info",
        kind.code,
        { file: f.file, sheet: f.sheet, column: kind.zh.date },
        f.count,
        `${f.count} ${kind.zh.rows}的${kind.zh.date}不在 ${month}${range ? `（${range}）` : ""}，${kind.zh.still}`,
        `${f.count} ${kind.en.rows} have a ${kind.en.date} outside ${month}${rangeEn ? ` (${rangeEn})` : ""}: ${kind.en.still}`,
      );
    });
  }
}

/**
 * The attendance, sales-export and incident rows dated outside `month`, one info per file and
 * kind (orders are counted by the order scan, in its one pass). Undated rows are no one's to
 * count here: a sales export without a date column is the month's summary.
 * @example outsideMonthProblems(data, "2026-10") // [{ code: "incidents.outside_month", value: "1", … }]
 */
export function outsideMonthProblems(data: Pick<Dataset, "shifts" | "sales" | "incidents">, month: MonthStr): Problem[] {
  const span = monthSpan(month);
  const first = dateOf(span.start);
  const last = dateOf(span.end - 1);
  const out: Problem[] = [];
  const tally = <T extends { source: SourceRef }>(rows: readonly T[], days: (r: T) => { from: DateStr; to: DateStr } | null, kind: OutsideKind) => {
    const t = new OutsideTally();
    for (const r of rows) {
      const d = days(r);
      if (d !== null && (d.to < first || d.from > last)) t.see(r.source, dayStart(d.from));
    }
    out.push(...t.problems(kind, month));
  };
  const oneDay = (r: { date: DateStr | null }) => (r.date === null ? null : { from: r.date, to: r.date });
  tally(data.shifts, oneDay, OUTSIDE_KINDS.attendance);
  tally(data.sales, salesDays, OUTSIDE_KINDS.sales);
  tally(data.incidents, oneDay, OUTSIDE_KINDS.incidents);
  return out;
}
