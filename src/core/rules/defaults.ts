/**
 * The handbook defaults (../shared/docs/domain.md), in one place. Everything here can be
 * overridden from the rules sheet (规则); nothing else in the engine holds a rule's number.
 */
import type { FineRule, RuleKey, Rules } from "./types";

const yuan = (y: number): number => Math.round(y * 100);

function fine(
  key: RuleKey,
  label: string,
  labelEn: string,
  amounts: number[],
  extra: Partial<Pick<FineRule, "dismissalFrom" | "removesCredit" | "lossThreshold" | "aliases">> = {},
): FineRule {
  return {
    key,
    label,
    labelEn,
    amounts: amounts.map(yuan),
    dismissalFrom: extra.dismissalFrom ?? null,
    removesCredit: extra.removesCredit ?? false,
    lossThreshold: extra.lossThreshold ?? null,
    aliases: extra.aliases ?? [],
  };
}

export function defaultRules(): Rules {
  return {
    columns: [],
    // Handbook 004: 100 / 200 / 500 confirmed orders a month → 10 / 13 / 15%, at most 50% of an order.
    affiliate: {
      tiers: [
        { from: 0, rate: 0 },
        { from: 100, rate: 0.1 },
        { from: 200, rate: 0.13 },
        { from: 500, rate: 0.15 },
      ],
      cap: 0.5,
      confirmedStatuses: ["订单结算", "订单成功", "已结算", "交易成功"],
    },
    // Handbooks 002 / 004: 5 yuan within 江浙沪, 12 elsewhere, at most 15; exchanges half-half;
    // no-reason returns within 7 days: the buyer pays.
    returnShipping: {
      near: 500,
      far: 1200,
      cap: 1500,
      nearProvinces: ["江苏", "浙江", "上海"],
      exchangeShare: 0.5,
      exchangeWords: ["换货"],
      buyerPaysWords: ["七天无理由", "7天无理由", "无理由"],
    },
    shifts: {
      day: { label: "白班", start: 8 * 60 + 30, end: 17 * 60 + 30 },
      night: { label: "晚班", start: 17 * 60 + 30, end: 25 * 60 },
      graceMinutes: 0,
    },
    attribution: { mode: "first", pattern: null, matchNames: true },
    sales: {
      dateBasis: "paid",
      excludeShipping: false,
      excludedStatuses: ["交易关闭", "等待买家付款", "未付款"],
      onlyStatuses: [],
    },
    fines: {
      complaint: fine("complaint", "投诉", "Customer complaint", [50, 100], {
        dismissalFrom: 3,
        aliases: ["客户投诉", "顾客投诉"],
      }),
      late: fine("late", "迟到", "Late arrival", [10]),
      serious_late: fine("serious_late", "严重迟到", "Seriously late", [10]),
      early: fine("early", "早退", "Early leave", [10]),
      off_task: fine("off_task", "上班做与工作无关的事", "Off-task during work", [10], {
        aliases: ["聊天游戏", "玩游戏", "看电视", "安装软件", "工作时间做无关的事"],
      }),
      cleaning: fine("cleaning", "未做值日", "Cleaning duty missed", [10], { aliases: ["值日", "卫生"] }),
      leak: fine("leak", "泄露同事联系方式", "Leaked a colleague's contact", [10], {
        aliases: ["泄露联系方式"],
      }),
      production_delay: fine("production_delay", "生产延误", "Order not sent to production on time", [20], {
        removesCredit: true,
        aliases: ["未及时下单生产", "未及时安排生产"],
      }),
      note_error_before: fine("note_error_before", "备注错误(生产前发现)", "Note error found before production", [20], {
        lossThreshold: yuan(500),
        aliases: ["备注错误", "备注错误生产前"],
      }),
      note_error_after: fine("note_error_after", "备注错误(已到工厂)", "Note error found after the factory", [50], {
        lossThreshold: yuan(500),
        aliases: ["备注错误生产后", "备注错误到工厂"],
      }),
      note_error_loss: fine("note_error_loss", "备注错误(实际损失)", "Note error with actual loss", [50], {
        lossThreshold: yuan(500),
        aliases: ["备注错误损失"],
      }),
      unconfirmed_address: fine("unconfirmed_address", "未核对收货信息", "Address not confirmed with buyer", [20], {
        removesCredit: true,
        aliases: ["未核对地址", "未核对收货地址"],
      }),
    },
    commission: {
      mode: "whole",
      basis: "amount",
      tiers: [
        { from: 0, rate: 0 },
        { from: yuan(20000), rate: 0.01 },
        { from: yuan(50000), rate: 0.02 },
        { from: yuan(80000), rate: 0.025 },
        { from: yuan(100000), rate: 0.028 },
      ],
      maxRate: null,
      quarterlyRate: 0.01,
      quarterlyThreshold: yuan(60000),
    },
    pay: {
      base: yuan(1600),
      lunchPerDay: yuan(7),
      fullAttendance: yuan(50),
      performanceBonus: yuan(150),
      performanceRatio: 0.5,
      defaultTarget: yuan(20000),
      executionBonus: yuan(100),
      positionAllowance: yuan(300),
      positionThreshold: yuan(30000),
      baseProration: "attendance",
      probationBase: null,
      restEvery: 7,
      yearEndRate: 0.01,
      yearEndServiceMonths: 12,
      yearEndThreshold: yuan(500000),
      trainerRewards: [yuan(150), yuan(100), yuan(50)],
    },
    kpi: [
      { metric: "collected", weight: 40, target: yuan(50000), reverse: false, cap: 1.2 },
      { metric: "conversion", weight: 25, target: 0.4, reverse: false, cap: 1.2 },
      { metric: "aov", weight: 10, target: yuan(300), reverse: false, cap: 1.2 },
      { metric: "avgResponseSec", weight: 15, target: 30, reverse: true, cap: 1.2 },
      { metric: "refundRate", weight: 10, target: 0.05, reverse: true, cap: 1.2 },
    ],
    reconciliation: { shipDeadlineHours: 48, unpaidChaseHours: 12, toleranceAmount: yuan(1), toleranceOrders: 1 },
  };
}
