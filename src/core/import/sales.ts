/**
 * Chat sales / performance (客服绩效): the 千牛/生意参谋 per-agent export and 赤兔 Chitu custom
 * reports → `AgentSales`.
 *
 * Both end with summary rows (汇总值, 平均值, 全店汇总值, 同行同层均值; 赤兔: 汇总, 均值): they
 * are skipped with an info problem and never counted as agents. 赤兔 writes `延迟统计` where a
 * figure is not final yet: that figure is left empty and the row marked provisional.
 */
import type { AgentSales } from "../model";
import { cellText, codeOf, dateOf, isBlank, isSummaryLabel, NO_FIGURE, readDateTime, textOf } from "./cells";
import { colOf, EXPECT, rowBlank, type KindReader, type SheetContext } from "./context";
import { normaliseHeader } from "./headers";
import type { Cell, Recognition } from "./types";

const RE_PERIOD = /^\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*(?:~|～|至|到|—|--?)\s*(\d{4}.*?)\s*$/;

/** A monthly report's 日期: the month alone (2026-10, 2026年10月). */
const RE_MONTH_CELL = /^\s*20\d{2}\s*[-/.年]\s*\d{1,2}\s*月?\s*$/;

/** A 日期 cell naming a period ("2026-10-01~2026-10-31", "2026-10"): the row covers it, no single day. */
function isPeriod(cell: Cell | undefined): boolean {
  return typeof cell === "string" && (RE_PERIOD.test(cell) || (RE_MONTH_CELL.test(cell) && periodNamed(cell) !== null));
}

/**
 * The days a period cell names, when both ends read as dates in order; else none (the row then
 * counts in whatever month is built, as an undated summary does).
 */
function periodOf(cell: Cell | undefined): Pick<AgentSales, "period"> {
  const month = typeof cell === "string" && RE_MONTH_CELL.test(cell) ? periodNamed(cell) : null;
  if (month !== null) return { period: month };
  const m = typeof cell === "string" ? RE_PERIOD.exec(cell) : null;
  if (!m) return {};
  const [a, b] = [readDateTime(m[1]), readDateTime(m[2])];
  if (a === null || b === null || isNaN(a) || isNaN(b) || a > b) return {};
  return { period: { from: dateOf(a), to: dateOf(b) } };
}

type Period = NonNullable<AgentSales["period"]>;

/** A day's date as the period of a title or file name gives it, when it is a real, plausible day. */
function dayOf(y: string, m: string, d: string): string | null {
  const t = readDateTime(`${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`);
  return t === null || isNaN(t) ? null : dateOf(t);
}

const RE_DAY = /(?<!\d)(20\d{2})(?:\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|(\d{2})(\d{2}))(?!\d)/g;
const RE_MONTH = /(?<!\d)(20\d{2})(?:\s*[-/.年_]\s*(\d{1,2})|(\d{2}))(?!\d)/;
/** When the export was made, not what it covers: a 导出时间 names no period. */
const RE_MADE_AT = /(导出|下载|生成|更新|打印|制表)(时间|日期)\s*[:：]?\s*[\d\s\-/.:年月日时分秒]*/g;

/**
 * The period a title line (统计时间：2026-10-01 ~ 2026-10-31, 时间：2026年10月) or a file name
 * (客服绩效-2026-10.xlsx, 赤兔_20261001-20261031.xlsx) names: two days, one day, or a month.
 * A file name's single day is no period — it is as often the day the file was downloaded.
 */
function periodNamed(text: string, fileName = false): Period | null {
  const t = text.replace(RE_MADE_AT, " ");
  const days = [...t.matchAll(RE_DAY)].map((m) => (m[2] !== undefined ? dayOf(m[1], m[2], m[3]) : dayOf(m[1], m[4], m[5])));
  if (days.length >= 2) return days[0] !== null && days[1] !== null && days[0] <= days[1] ? { from: days[0], to: days[1] } : null;
  if (days.length === 1) return days[0] === null || fileName ? null : { from: days[0], to: days[0] };
  const m = RE_MONTH.exec(t);
  const first = m ? dayOf(m[1], m[2] ?? m[3], "1") : null;
  if (first === null) return null;
  const end = new Date(Date.UTC(+first.slice(0, 4), +first.slice(5, 7), 0));
  return { from: first, to: dateOf(end.getTime()) };
}

/**
 * The period an undated export names in its title lines, else in its sheet's name (a pasted
 * 客服绩效 2026-09 sheet in the pane), else in its file name; null when none does.
 */
function sheetPeriod(banner: readonly Cell[][], sheet: string, file: string): Period | null {
  for (const row of banner) {
    const p = periodNamed(row.map(cellText).join(" "));
    if (p !== null) return p;
  }
  return periodNamed(sheet, true) ?? periodNamed(file.split(/[\\/]/).pop() ?? file, true);
}

/**
 * A summary line's label: the exports' own (isSummaryLabel) and what managers add — 全部 / 所有客服,
 * or a label ending in 汇总 / 合计 / 总计 / 小计 (客服汇总, 店铺合计). Counted as an agent, it would
 * add the team's figures a second time to the sales export's total in the reconciliation.
 */
function salesSummary(text: string): boolean {
  return isSummaryLabel(text) || /^(全部|所有)(客服)?$|(汇总|合计|总计|小计)值?$/.test(text.replace(/\s+/g, ""));
}

export function createSalesReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iNick = colOf(c, "nick");
  const iDate = colOf(c, "date");
  const iCons = colOf(c, "consultations");
  const iInq = colOf(c, "inquiries");
  const iPayers = colOf(c, "payers");
  const iSales = colOf(c, "sales");
  const iOrders = colOf(c, "orders");
  const iFirst = colOf(c, "firstResponseSec");
  const iAvg = colOf(c, "avgResponseSec");
  const iSat = colOf(c, "satisfaction");
  const iRefunds = colOf(c, "refunds");
  const iStaff = colOf(c, "staffNo");
  const iName = colOf(c, "name");
  // Without a payers column, payers come from inquiries × the conversion the report gives.
  const iConv = iPayers < 0 && iInq >= 0 ? colOf(c, "conversion") : -1;
  const figures = [iCons, iInq, iPayers, iConv, iSales, iOrders, iFirst, iAvg, iSat, iRefunds].filter((i) => i >= 0);
  const columns = [iNick, iDate, iStaff, iName, ...figures].filter((i) => i >= 0);
  const out = ctx.data.sales;
  // A row without a date (no 日期 column, or a blank one) covers what the title or file name says.
  const filePeriod = sheetPeriod(ctx.banner, ctx.sheet, ctx.file);
  let undated = 0;
  let firstUndated: number | null = null;
  let fromRate = false;
  // How many rows count in whatever month is built is the whole sheet's count: read in one pass.
  ctx.readerFacts = () => ({ sheetDecided: undated > 0 ? 1 : 0, toldOnce: fromRate ? 1 : 0 });

  /**
   * Payers as inquiries × the row's conversion, rounded (the rate is itself rounded: 51 × 31.37% is
   * 15.9987, 16 buyers); a blank rate is none paid, as a blank payers cell is. Told once a sheet.
   */
  function payersFromRate(row: Cell[], rowNo: number, inquiries: number | null): number | null {
    let rate = ctx.rate(row, iConv, rowNo, "sales.rate.invalid");
    if (rate !== null && rate > 1) {
      ctx.bad("warning", "sales.rate.invalid", rowNo, iConv, row[iConv], EXPECT.rate, false);
      rate = null;
    }
    if (!fromRate) {
      fromRate = true;
      const conv = ctx.columnName(iConv);
      const inq = ctx.columnName(iInq);
      ctx.cell("info", "sales.payers.from_rate", rowNo, iConv, row[iConv],
        `没有付款人数列：每行的付款人数按「${inq}」×「${conv}」推算并四舍五入（如 40 × 12.5% = 5），转化率由此得出`,
        `no payers column: each row's payers are "${inq}" × "${conv}", rounded (e.g. 40 × 12.5% = 5), and the conversion follows from them`);
    }
    if (inquiries === null) return null;
    return rate === null ? (isBlank(row[iConv]) ? 0 : null) : Math.round(inquiries * rate);
  }

  /**
   * More buyers paid than inquired (or, without 询单人数, than consulted): impossible, as payers
   * are counted among the inquiring buyers, so one of the two columns is wrong — a shifted
   * column, a day summed twice. The conversion is left as the export's figures give it (over
   * 100%), not capped: a capped 100% would look like a real figure and hide the error, and the
   * board's conversion stays payers ÷ inquiries as a manager would check it. The KPI score
   * already caps each metric at its target × cap.
   */
  function morePayers(rowNo: number, payers: number | null, col: number, base: number | null): void {
    if (payers === null || base === null || payers <= base) return;
    const p = ctx.columnName(iPayers);
    const b = ctx.columnName(col);
    const rate = base > 0 ? `${((payers / base) * 100).toFixed(0)}%` : "∞";
    ctx.cell("warning", "sales.payers.exceed_inquiries", rowNo, iPayers, payers,
      `「${p}」${payers} 大于「${b}」${base}：付款人数应包含在${b}之内，其中一列有误；转化率按原值为 ${rate}（不封顶），请核对导出`,
      `"${p}" ${payers} is more than "${b}" ${base}: paying buyers are counted among them, so one of the columns is wrong; the conversion is left as the figures give it, ${rate} (not capped): check the export`);
  }

  /**
   * Seconds in one of a response-time column's bare numbers: the header's unit says (「平均响应时长(分钟)」
   * is matched without its unit, and its 1.38 is 83 seconds, not 1.38); seconds when it names none.
   */
  function perUnit(col: number): number {
    return /\((分钟|分|min|mins|minutes?)\)$/.test(normaliseHeader(ctx.headers[col])) ? 60 : 1;
  }

  /**
   * The conversion is Σ payers ÷ Σ inquiries over the agent's rows, so a row must give both or
   * neither: payers without inquiries (#N/A, blank, —) would lift the agent's conversion, inquiries
   * with unreadable payers would sink it. Such a row gives neither, and says so; true when it is one.
   */
  function halfPair(row: Cell[], rowNo: number, inquiries: number | null, payers: number | null): boolean {
    const iPay = iPayers >= 0 ? iPayers : iConv;
    if (iInq < 0 || iPay < 0 || pending(row, iInq) || pending(row, iPay)) return false;
    const noInquiries = inquiries === null && payers !== null && payers > 0;
    const noPayers = payers === null && !isBlank(row[iPay]) && !NO_FIGURE.test(cellText(row[iPay])) && inquiries !== null && inquiries > 0;
    if (!noInquiries && !noPayers) return false;
    const [has, lacks, n] = noInquiries ? [iPay, iInq, payers] : [iInq, iPay, inquiries];
    const h = ctx.columnName(has);
    const l = ctx.columnName(lacks);
    ctx.cell("warning", "sales.conversion.half", rowNo, lacks, row[lacks],
      `「${l}」无法读取或为空，「${h}」却为 ${n}：转化率 = 付款人数 ÷ 询单人数，只计一边会使转化率失真，这一行的询单人数和付款人数都不计入`,
      `"${l}" is unreadable or empty while "${h}" is ${n}: the conversion is payers ÷ inquiries, and one side alone would skew it, so this row's inquiries and payers are both left out`);
    return true;
  }

  /** 延迟统计 in a figure cell: not final yet. */
  function pending(row: Cell[], col: number): boolean {
    const v = row[col];
    return typeof v === "string" && v.includes("延迟统计");
  }

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, columns)) return false;
      const ownNick = textOf(row[iNick]);
      // A manager's own 合计 row often carries its label in the first column (日期), the nick left blank.
      const labelCol = ownNick !== "" ? iNick : columns.find((c) => typeof row[c] === "string" && salesSummary(row[c] as string)) ?? -1;
      // No nick, but the report's 工号 / 姓名 name the agent (identity resolves either as it does a nick).
      const nick = ownNick || (iStaff >= 0 ? codeOf(row[iStaff]) : "") || (iName >= 0 ? textOf(row[iName]) : "");
      if (nick === "" && labelCol < 0) {
        ctx.cell("error", "sales.nick.missing", rowNo, iNick, "", "缺少客服昵称（旺旺）；该行未导入", "the agent's chat nick is missing; the row is skipped");
        return true;
      }
      if (labelCol >= 0 && salesSummary(textOf(row[labelCol]))) {
        const label = textOf(row[labelCol]);
        ctx.cell(
          "info",
          "sales.summary_row",
          rowNo,
          labelCol,
          label,
          `「${label}」是汇总行，不是客服，已跳过`,
          `"${label}" is a summary row, not an agent; skipped`,
        );
        return false;
      }
      let provisional = false;
      const num = (col: number, code: string, count: boolean): number | null => {
        if (col < 0) return null;
        if (pending(row, col)) {
          provisional = true;
          return null;
        }
        // "—" or "/" for none, as "-" already reads (readNumber): no figure, not a bad one.
        if (NO_FIGURE.test(cellText(row[col]))) return null;
        return ctx.number(row, col, rowNo, code, count ? EXPECT.count : EXPECT.number);
      };
      const seconds = (col: number): number | null => {
        if (col < 0) return null;
        if (pending(row, col)) {
          provisional = true;
          return null;
        }
        return ctx.seconds(row, col, rowNo, "sales.seconds.invalid", perUnit(col));
      };
      const money = (col: number, code: string): number | null => {
        if (col < 0) return null;
        if (pending(row, col)) {
          provisional = true;
          return null;
        }
        return ctx.money(row, col, rowNo, code);
      };
      let date: string | null = null;
      const period = iDate >= 0 && isPeriod(row[iDate]) ? periodOf(row[iDate]) : {};
      const noDate = iDate < 0 || isBlank(row[iDate]);
      // Said, as an unreadable date is: the row counts in whatever month is built.
      if (iDate >= 0 && isPeriod(row[iDate]) && !period.period) ctx.bad("warning", "sales.date.invalid", rowNo, iDate, row[iDate], EXPECT.period, false);
      if (iDate >= 0 && !isPeriod(row[iDate])) {
        const t = readDateTime(row[iDate]);
        if (t !== null && isNaN(t)) ctx.bad("warning", "sales.date.invalid", rowNo, iDate, row[iDate], EXPECT.date, false);
        else if (t !== null) date = dateOf(t);
      }
      const consultations = num(iCons, "sales.count.invalid", true);
      let inquiries = num(iInq, "sales.count.invalid", true);
      let payers = iConv >= 0 && !pending(row, iConv) ? payersFromRate(row, rowNo, inquiries) : num(iPayers, "sales.count.invalid", true);
      if (iConv >= 0 && pending(row, iConv)) provisional = true;
      morePayers(rowNo, payers, iInq >= 0 ? iInq : iCons, iInq >= 0 ? inquiries : consultations);
      if (halfPair(row, rowNo, inquiries, payers)) inquiries = payers = null;
      const rec: AgentSales = {
        nick,
        date,
        consultations,
        inquiries: inquiries ?? 0,
        payers: payers ?? 0,
        sales: money(iSales, "sales.amount.invalid"),
        orders: num(iOrders, "sales.count.invalid", true),
        avgResponseSec: seconds(iAvg),
        firstResponseSec: seconds(iFirst),
        satisfaction: iSat >= 0 && !pending(row, iSat) && !NO_FIGURE.test(cellText(row[iSat])) ? ctx.rate(row, iSat, rowNo, "sales.rate.invalid") : null,
        refunds: money(iRefunds, "sales.amount.invalid"),
        provisional: false,
        ...(period.period ? period : noDate && filePeriod !== null ? { period: filePeriod } : {}),
        ...(iStaff >= 0 ? { staffNo: codeOf(row[iStaff]) } : {}),
        ...(iName >= 0 ? { name: textOf(row[iName]) } : {}),
        source: { file: ctx.file, sheet: ctx.sheet, row: rowNo },
      };
      if (iSat >= 0 && pending(row, iSat)) provisional = true;
      rec.provisional = provisional;
      if (provisional) {
        ctx.sheetProblem(
          "info",
          "sales.provisional",
          rowNo,
          nick,
          "部分数据为「延迟统计」（尚未最终统计），这些数按空值处理，该行标为暂定",
          'some figures read "延迟统计" (not final yet): they are left empty and the row is marked provisional',
        );
      }
      if (noDate && filePeriod === null) {
        undated++;
        firstUndated ??= rowNo;
      }
      out.push(rec);
      return true;
    },
    finish(): void {
      if (undated === 0) return;
      const [what, whatEn] = iDate < 0 ? ["客服绩效没有日期列", "the sales export has no date column"] : [`客服绩效有 ${undated} 行日期为空（第 ${firstUndated} 行起）`, `${undated} rows of the sales export have a blank date (from row ${firstUndated})`];
      ctx.sheetProblem("warning", "sales.period.unknown", iDate < 0 ? null : firstUndated, undated,
        `${what}，标题行、工作表名和文件名也没有写统计时段：这 ${undated} 行计入正在生成的月份；若不是本月的数据，请去掉或补上日期，或在文件名中写上月份（如 客服绩效-2026-10.xlsx）`,
        `${whatEn}, and neither its title lines, its sheet name nor its file name give its period: those ${undated} rows count in whatever month is built; if they are not this month's, remove them or give their date, or put the month in the file name (e.g. 客服绩效-2026-10.xlsx)`);
    },
  };
}
