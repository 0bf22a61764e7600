/**
 * KEFU.* custom functions — the entry points Excel calls. The JSDoc below IS the metadata:
 * custom-functions-metadata-plugin turns it into functions.json at build time and appends
 * `CustomFunctions.associate("ID", fn)` for each function to this file.
 *
 * Each entry point only adapts: Excel's arguments go to `impl.ts` (pure, tested in Node) and
 * its error values become `CustomFunctions.Error`s. Range parameters are `any[][]`, so a whole
 * column arrives in ONE call and the result spills; a single cell is a 1×1 range.
 */
import * as impl from "./impl";
import { FnError, type Out } from "./values";

interface HostError {
  code: string;
  message?: string;
}
interface HostRuntime {
  associate(id: string, fn: (...args: any[]) => unknown): void;
  Error: new (code: any, message?: string) => HostError;
  ErrorCode: { invalidValue: string; notAvailable: string };
}

/** Excel's CustomFunctions runtime when this file runs inside Excel; undefined elsewhere. */
function host(): HostRuntime | undefined {
  return (globalThis as { CustomFunctions?: HostRuntime }).CustomFunctions;
}

/**
 * The appended `CustomFunctions.associate(...)` lines resolve to this module binding: it forwards
 * to Excel's runtime when there is one, and does nothing where there is none (the task pane
 * opened in a plain browser, Node tests), instead of a ReferenceError that would stop the page.
 */
const CustomFunctions = {
  associate(id: string, fn: (...args: any[]) => unknown): void {
    host()?.associate(id, fn);
  },
};

const converted = new WeakMap<FnError, HostError>();

/** An error value as Excel wants it (the FnError itself outside Excel). */
function excelError(e: FnError): HostError {
  const h = host();
  if (!h) return e;
  let x = converted.get(e);
  if (!x) {
    x = new h.Error(e.code === "#N/A" ? h.ErrorCode.notAvailable : h.ErrorCode.invalidValue, e.message);
    converted.set(e, x);
  }
  return x;
}

function cell(v: Out): unknown {
  return v instanceof FnError ? excelError(v) : v;
}

/** Runs an implementation; an unexpected exception becomes an error value, never a throw. */
function grid(run: () => Out[][]): any[][] {
  try {
    const out = run() as unknown[][];
    for (const row of out) for (let c = 0; c < row.length; c++) if (row[c] instanceof FnError) row[c] = cell(row[c] as FnError);
    return out;
  } catch (e) {
    return [[internal(e)]];
  }
}

function scalar(run: () => Out): any {
  try {
    return cell(run());
  } catch (e) {
    return internal(e);
  }
}

function internal(e: unknown): unknown {
  const msg = e instanceof Error ? e.message : String(e);
  return excelError(new FnError("#VALUE!", `计算出错：${msg}`, `calculation failed: ${msg}`));
}

/**
 * 提成：按阶梯计算回款的提成（元）。默认为手册阶梯、全额累进。 / Commission in yuan on collected sales by tier; handbook tiers, whole-amount mode by default.
 * @customfunction COMMISSION
 * @param collected 回款金额（元），单元格或区域 / Collected sales in yuan: a cell or a range.
 * @param [tiers] 提成阶梯：两列区域（下限元, 比例），省略则用手册阶梯 / Tiers: a two-column range (lower bound in yuan, rate); omitted = handbook tiers.
 * @param [mode] 提成方式："全额"（全额累进，默认）或 "超额"（超额累进） / Mode: "whole" (default, whole amount at the tier reached) or "marginal" (each slice at its rate).
 * @param [maxRate] 比例上限（规则表“比例上限”，0%–50%），省略或空为不封顶 / Cap on the rate (the rules sheet's 比例上限, 0%–50%); omitted or blank = none.
 * @returns 提成（元），区域则溢出为同形状 / Commission in yuan; a range spills a result of the same shape.
 */
export function commission(collected: any[][], tiers?: any[][], mode?: string, maxRate?: any[][]): any[][] {
  return grid(() => impl.commission(collected, tiers, mode, maxRate));
}

/**
 * 阶梯比例：回款达到的提成比例。 / Tier rate: the commission rate an amount reaches.
 * @customfunction TIERRATE
 * @param collected 回款金额（元），单元格或区域 / Collected sales in yuan: a cell or a range.
 * @param [tiers] 提成阶梯：两列区域（下限元, 比例），省略则用手册阶梯 / Tiers: a two-column range (lower bound in yuan, rate); omitted = handbook tiers.
 * @param [maxRate] 比例上限（规则表“比例上限”，0%–50%），省略或空为不封顶 / Cap on the rate (the rules sheet's 比例上限, 0%–50%); omitted or blank = none.
 * @returns 比例（如 0.02） / The rate (e.g. 0.02).
 */
export function tierrate(collected: any[][], tiers?: any[][], maxRate?: any[][]): any[][] {
  return grid(() => impl.tierRate(collected, tiers, maxRate));
}

/**
 * 归属客服：订单备注中的客服工号，找不到则为空。 / Agent: the staff code an order note carries; empty when none.
 * @customfunction AGENT
 * @param note 订单备注，单元格或整列区域 / Order note: a cell or a whole column.
 * @param [codes] 花名册区域：第一列工号，其余列为姓名等别名；省略则识别 KF03 形式的工号 / Roster range: first column staff codes, other columns names or aliases; omitted = any code shaped like KF03.
 * @param [which] 备注含多个工号时取 "first"（首个，默认）或 "last"（最后） / When a note holds several codes: "first" (default) or "last".
 * @returns 工号 / The staff code.
 */
export function agent(note: any[][], codes?: any[][], which?: string): any[][] {
  return grid(() => impl.agent(note, codes, which));
}

/**
 * 订单编号：还原为精确的文本编号；已被转成 2.87E+18 的编号报错（末位已丢失）。 / Order id as exact text; an id already turned into 2.87E+18 is an error (its digits are gone).
 * @customfunction ORDERID
 * @param value 订单编号，如 ="2873…"、'2873… 或带空格的文本 / Order id as exported: ="2873…", '2873… or padded text.
 * @returns 订单编号文本 / The order id as text.
 */
export function orderid(value: any[][]): any[][] {
  return grid(() => impl.orderId(value));
}

/**
 * 迟到分钟：上班打卡晚于班次开始的分钟数。 / Minutes late: how far a clock-in is after the shift start.
 * @customfunction LATE
 * @param clockIn 上班打卡时间（Excel 时间或 "08:31"） / Clock-in time (an Excel time or "08:31").
 * @param shiftStart 班次开始时间，或 "白班"/"晚班"（手册时间 08:30/17:30；本店不同请引用规则表的时间） / Shift start time, or the shift name 白班/晚班 (the handbook's 08:30/17:30; reference the rules sheet's time when the shop's differ).
 * @param [grace] 宽限分钟，默认 0 / Grace minutes, default 0.
 * @returns 迟到分钟数 / Minutes late.
 */
export function late(clockIn: any[][], shiftStart: any[][], grace?: any[][]): any[][] {
  return grid(() => impl.late(clockIn, shiftStart, grace));
}

/**
 * 早退分钟：下班打卡早于班次结束的分钟数，跨零点的晚班也正确。 / Minutes early: how far a clock-out is before the shift end, correct for night shifts past midnight.
 * @customfunction EARLY
 * @param clockOut 下班打卡时间（Excel 时间或 "00:55"） / Clock-out time (an Excel time or "00:55").
 * @param shiftEnd 班次结束时间，或 "白班"/"晚班"（手册时间 17:30/01:00；本店不同请引用规则表的时间） / Shift end time, or the shift name 白班/晚班 (the handbook's 17:30/01:00; reference the rules sheet's time when the shop's differ).
 * @param [shiftStart] 班次开始时间，用于判断跨零点 / Shift start time, to tell a shift that ends after midnight.
 * @param [grace] 宽限分钟，默认 0 / Grace minutes, default 0.
 * @returns 早退分钟数 / Minutes early.
 */
export function early(clockOut: any[][], shiftEnd: any[][], shiftStart?: any[][], grace?: any[][]): any[][] {
  return grid(() => impl.early(clockOut, shiftEnd, shiftStart, grace));
}

/**
 * 罚款：本月第 n 次违反某规则的罚款（元），达到开除条件时显示“自动离职 / dismissal”。 / Fine in yuan for the n-th violation of a rule this month; shows "自动离职 / dismissal" when it carries the dismissal flag.
 * @customfunction FINE
 * @param rule 规则名称或代码，如 "投诉"、"complaint" / Rule name or key, e.g. 投诉 or complaint.
 * @param occurrence 本月第几次（从 1 开始） / Which occurrence this month (from 1).
 * @param [loss] 实际损失金额（元），用于备注错误类规则：超过损失阈值即按损失罚 / Actual loss in yuan, for the note-error rules: above the loss threshold the fine is the loss.
 * @param [amounts] 本店该规则第 1、2…次的罚款（元，最后一个重复），可直接引用规则表该规则的“第1次、第2次起”两格；省略则用手册金额 / The shop's fine for the 1st, 2nd, … occurrence in yuan (the last repeats), e.g. the rules sheet's 1st / 2nd+ cells; omitted = the handbook's.
 * @param [dismissalFrom] 从第几次起开除（规则表“开除起始次数”），给出金额而此项留空则不开除 / The occurrence from which the dismissal flag applies (the rules sheet's "dismissal from"); blank with amounts = never.
 * @param [lossThreshold] 损失阈值（元，规则表“损失阈值”）：损失超过它按损失罚；省略则用手册的 500，引用空单元格则不按损失罚 / Loss threshold in yuan (the rules sheet's cell): a loss above it is the fine; omitted = the handbook's 500, a blank cell = none.
 * @returns 罚款（元）或 "自动离职 / dismissal" / Fine in yuan, or "自动离职 / dismissal".
 */
export function fine(rule: any[][], occurrence: any[][], loss?: any[][], amounts?: any[][], dismissalFrom?: any[][], lossThreshold?: any[][]): any[][] {
  return grid(() => impl.fine(rule, occurrence, loss, amounts, dismissalFrom, lossThreshold));
}

/**
 * 询单转化率：付款人数 ÷ 询单人数；询单为 0 时为空而不是 #DIV/0!。 / Inquiry conversion: paying ÷ inquiring buyers; empty instead of #DIV/0! when nobody inquired.
 * @customfunction CONVERSION
 * @param payers 询单最终付款人数 / Inquiring buyers who finally paid.
 * @param inquiries 询单人数 / Inquiring buyers.
 * @returns 转化率（如 0.3） / Conversion rate (e.g. 0.3).
 */
export function conversion(payers: any[][], inquiries: any[][]): any[][] {
  return grid(() => impl.conversion(payers, inquiries));
}

/**
 * 客单价：销售额 ÷ 付款买家数（元）；买家为 0 时为空。 / Average order value: sales ÷ paying buyers, in yuan; empty when there are no buyers.
 * @customfunction AOV
 * @param amount 销售额（元） / Sales amount in yuan.
 * @param buyers 付款买家数 / Paying buyers.
 * @returns 客单价（元） / Average order value in yuan.
 */
export function aov(amount: any[][], buyers: any[][]): any[][] {
  return grid(() => impl.aov(amount, buyers));
}

/**
 * 绩效得分：单项指标的加权得分，与绩效看板算法一致。 / KPI score: one metric's weighted score, computed as the performance board does.
 * @customfunction SCORE
 * @param actual 实际值 / Actual value.
 * @param target 目标值（与实际值同单位） / Target value (same unit as actual).
 * @param weight 权重：0–100 分（手册 40/25/10/15/10，合计 100），写 40（40% 也读作 40 分） / Weight in points 0–100 (the handbook's 40/25/10/15/10 add up to 100): write 40 (40% also reads as 40 points).
 * @param [reverse] 越低越好（响应时长、退款率）为 TRUE，默认 FALSE / TRUE when lower is better (response time, refund rate); default FALSE.
 * @param [cap] 封顶倍数 1%–500%，默认 1.2（120%） / Highest ratio credited, 1%–500%; default 1.2 (120%).
 * @returns 加权得分 / Weighted score.
 */
export function score(actual: any[][], target: any[][], weight: any[][], reverse?: any[][], cap?: any[][]): any[][] {
  return grid(() => impl.score(actual, target, weight, reverse, cap));
}

/**
 * 回款：按订单状态规则汇总实付减退款（每单不低于 0；交易关闭、未付款不计）。 / Collected sales: paid minus refunds over order rows (never below 0 per order; closed and unpaid orders excluded).
 * @customfunction COLLECTED
 * @param paid 买家实际支付金额区域（元） / Amount paid, a range in yuan.
 * @param refunds 退款金额区域（元，"无退款申请"计 0） / Refunds, a range in yuan ("无退款申请" counts as 0).
 * @param statuses 订单状态区域 / Order statuses, a range.
 * @param [counted] 只计这些状态（如 "交易成功"，即规则表“只计入的状态”），省略则按排除规则 / Count only these statuses (e.g. 交易成功, the rules sheet's 只计入的状态); omitted = the exclusions.
 * @param [excluded] 不计入的状态（规则表“不计入的状态”），省略则为手册的 交易关闭、等待买家付款、未付款 / Statuses that never count (the rules sheet's 不计入的状态); omitted = the handbook's 交易关闭, 等待买家付款, 未付款.
 * @returns 回款合计（元） / Collected total in yuan.
 */
export function collected(paid: any[][], refunds: any[][], statuses: any[][], counted?: any[][], excluded?: any[][]): any {
  return scalar(() => impl.collected(paid, refunds, statuses, counted, excluded));
}
