/**
 * Header aliases (表头别名) per source kind, and recognition: which export is this sheet?
 *
 * Sources are recognised by their header TEXT, never by column position. Headers are compared
 * after normalising: BOM, spaces (trailing spaces are common in Taobao exports) and full-width
 * punctuation removed (`首次响应时长（秒)` = `首次响应时长(秒)`), ASCII lower-cased; and a
 * trailing unit in parentheses may be left out (`迟到时长(分钟)` matches `迟到时长`).
 *
 * Layouts handled: a header on row 1; banner lines above it (千牛, DingTalk rows 1–2); a
 * two-level merged header (DingTalk rows 3–4: a group on the upper row, its parts below); a
 * repeated header row right after the header.
 */
import type { ColumnMapping } from "./mapping";
import type { Cell, Recognition, SourceKind } from "./types";
import { toHalfWidth } from "./cells";

/** One field an importer reads, with the header texts that name it. */
export interface FieldSpec {
  field: string;
  aliases: string[];
  /** Counts toward the recognition score. */
  key?: boolean;
}

export interface KindSpec {
  kind: SourceKind;
  zh: string;
  en: string;
  fields: FieldSpec[];
  /** Each inner list: at least one of these fields must be found for the kind to fit. */
  required: string[][];
}

/**
 * The newest Taobao seller-centre order export header, in its own order: 72 names; the export
 * ends every line with a comma, so a file has 73 columns, the last one unnamed and empty.
 */
export const TAOBAO_ORDER_HEADERS = [
  "订单编号", "买家会员名", "买家支付宝账号", "支付单号", "支付详情", "买家应付货款", "买家应付邮费",
  "买家支付积分", "总金额", "返点积分", "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言",
  "收货人姓名", "收货地址", "运送方式", "联系电话", "联系手机", "虚拟号过期时间", "订单创建时间",
  "订单付款时间", "宝贝标题", "宝贝种类", "物流单号", "物流公司", "订单备注", "宝贝总数量", "店铺Id",
  "店铺名称", "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单", "分阶段订单信息",
  "特权订金订单id", "是否上传合同照片", "是否上传小票", "是否代付", "定金排名", "修改后的sku",
  "修改后的收货地址", "异常信息", "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易", "(满返红包金额)",
  "新零售交易类型", "新零售导购门店名称", "新零售导购门店id", "新零售发货门店名称", "新零售发货门店id",
  "退款金额", "预约门店", "确认收货时间", "打款商家金额", "含应开票给个人的个人红包", "是否信用购",
  "体验期结束时间", "前N有礼", "配送类型", "直播返现状态", "返现金额", "延迟发货自动赔付金额",
  "新零售成交门店昵称", "新零售成交门店id", "新零售成交经销商id", "预售订单", "发货时间", "商家备忘",
  "主订单编号",
] as const;

/**
 * Header names only ERP exports use (网店管家, E店宝, 聚水潭, 旺店通, 管易). Where each vendor's
 * names come from (documentation recalled vs guessed) is in the README's "ERP presets" table.
 */
const ERP_ONLY = [
  "订单号", "线上订单号", "线上单号", "网店订单号", "原始单号", "平台单号", "外部平台单号", "内部单号", "单据编号",
  "收货人", "支付金额", "实付金额", "已付金额", "实收金额", "卖家备注", "客服备注", "业务员", "快递单号", "付款时间",
  "付款日期", "下单时间", "订单日期", "拍单时间", "订货日期", "发货日期", "邮费", "运费", "物流费用", "邮资", "货运单号", "客户网名", "会员名称",
];

/**
 * The ERP's own order number (short, often with letters: 聚水潭 内部单号, 管易 单据编号), read
 * beside the platform id when the file has both, to join rows that carry only the ERP's number
 * (an item line under a merged cell, a split order) to the platform id of the same ERP order.
 */
export const ERP_ID_HEADERS = ["内部单号", "内部订单号", "单据编号", "系统单号", "erp单号", "订单编号", "订单号"];

export const KIND_SPECS: Record<SourceKind, KindSpec> = {
  orders: {
    kind: "orders",
    zh: "订单报表",
    en: "orders export",
    fields: [
      // ERP exports carry their own 订单编号 beside the platform's: the platform id wins.
      { field: "id", aliases: ["线上订单号", "线上单号", "平台单号", "平台订单号", "外部平台单号", "原始单号", "网店订单号", "订单编号", "订单号", "order id", "orderid"], key: true },
      { field: "buyer", aliases: ["买家会员名", "买家昵称", "买家账号", "会员名", "客户网名", "会员名称", "收货人姓名", "收货人", "buyer"], key: true },
      { field: "paid", aliases: ["买家实际支付金额", "实付金额", "支付金额", "实际支付金额", "买家实付", "已付金额", "实收金额", "paid"], key: true },
      { field: "shipping", aliases: ["买家应付邮费", "邮费", "运费", "买家运费", "物流费用", "邮资", "shipping"] },
      { field: "refund", aliases: ["退款金额", "退款", "refund"] },
      { field: "status", aliases: ["订单状态", "交易状态", "状态", "status"], key: true },
      { field: "createdAt", aliases: ["订单创建时间", "下单时间", "创建时间", "拍下时间", "订单日期", "拍单时间", "订货日期", "交易时间", "created"] },
      { field: "paidAt", aliases: ["订单付款时间", "付款时间", "支付时间", "付款日期", "paid at"], key: true },
      { field: "shippedAt", aliases: ["发货时间", "发货日期", "shipped"] },
      { field: "confirmedAt", aliases: ["确认收货时间", "交易成功时间", "完成时间", "confirmed"] },
      { field: "note", aliases: ["订单备注", "卖家备注", "客服备注", "备注", "note"], key: true },
      { field: "memo", aliases: ["商家备忘"] },
      { field: "tracking", aliases: ["物流单号", "快递单号", "运单号", "货运单号", "tracking"] },
      { field: "salesperson", aliases: ["业务员", "客服", "销售员", "salesperson"] },
      // Several shops in one export (ERPs, a group's exports): which shop the order is of.
      { field: "shop", aliases: ["店铺名称", "店铺", "店铺名", "shop"] },
    ],
    required: [["id"], ["paid"]],
  },
  attendance: {
    kind: "attendance",
    zh: "考勤表",
    en: "attendance sheet",
    fields: [
      { field: "name", aliases: ["姓名", "客服", "员工", "员工姓名", "name", "agent"], key: true },
      { field: "staffNo", aliases: ["工号", "员工工号", "staff no", "staffno"], key: true },
      // 时间: 企业微信's 每日统计 / 月度汇总 name the day (or the month) so.
      { field: "date", aliases: ["日期", "考勤日期", "时间", "date"], key: true },
      { field: "workDate", aliases: ["workdate"] },
      { field: "shift", aliases: ["班次", "班别", "排班", "shift"], key: true },
      // 最早 / 最晚: 企业微信 每日统计's earliest and latest punch of the day.
      { field: "clockIn", aliases: ["上班1打卡时间", "上班1/打卡时间", "上班打卡时间", "上班打卡", "签到时间", "上班时间", "最早", "最早打卡", "clock-in", "clockin"], key: true },
      { field: "inResult", aliases: ["上班1打卡结果", "上班1/打卡结果", "上班打卡结果"] },
      { field: "clockOut", aliases: ["下班1打卡时间", "下班1/打卡时间", "下班打卡时间", "下班打卡", "签退时间", "下班时间", "最晚", "最晚打卡", "clock-out", "clockout"], key: true },
      { field: "outResult", aliases: ["下班1打卡结果", "下班1/打卡结果", "下班打卡结果"] },
      // A split shift (两次/三次上下班): DingTalk adds 上班2/下班2 (and 3), flat or two-level.
      ...laterPairFields(2),
      ...laterPairFields(3),
      { field: "lateMinutes", aliases: ["迟到时长"] },
      { field: "seriousLateMinutes", aliases: ["严重迟到时长"] },
      { field: "earlyMinutes", aliases: ["早退时长"] },
      { field: "absentDays", aliases: ["旷工天数"] },
      { field: "group", aliases: ["考勤组", "所属规则"] },
      { field: "userId", aliases: ["userid", "账号"] },
      // 企业微信: the day's verdict in one cell (正常 / 迟到 / 早退 / 缺卡 / 旷工 / 休息 …).
      { field: "dayResult", aliases: ["考勤概况", "考勤结果"] },
      // 企业微信 月度汇总: one row per agent and month, one column per day of the month.
      { field: "expectedDays", aliases: ["应打卡天数", "应出勤天数"] },
    ],
    required: [["name", "staffNo"], ["date", "workDate"], ["clockIn", "shift", "inResult", "dayResult", "expectedDays"]],
  },
  sales: {
    kind: "sales",
    zh: "客服绩效（销售）",
    en: "chat sales export",
    fields: [
      { field: "nick", aliases: ["旺旺昵称", "客服昵称", "客服旺旺", "子账号", "子账号名称", "客服账号", "旺旺", "客服", "nick"], key: true },
      { field: "date", aliases: ["日期", "统计日期", "统计周期", "统计时间", "date"] },
      { field: "consultations", aliases: ["咨询人数", "聊天人数(原咨询人数)", "聊天人数", "接待人数"] },
      { field: "inquiries", aliases: ["询单人数"], key: true },
      // 询单->最终付款: 赤兔's older reports; 询单成交: the current 千牛 接待 data (see the README).
      { field: "payers", aliases: ["询单最终付款人数", "询单->最终付款人数", "询单→最终付款人数", "询单成交人数", "最终付款人数", "销售人数", "询单付款人数"], key: true },
      { field: "sales", aliases: ["询单最终付款金额", "询单->最终付款金额", "询单→最终付款金额", "询单成交金额", "销售额", "客服销售额", "最终付款金额"], key: true },
      // Read only when the report has no payers column: payers = inquiries × this rate.
      { field: "conversion", aliases: ["询单最终付款转化率", "询单->最终付款转化率", "询单→最终付款转化率", "询单-最终付款转化率", "询单转化率", "询单成交转化率", "询单成交率"] },
      { field: "orders", aliases: ["销售订单数", "付款订单数"] },
      { field: "firstResponseSec", aliases: ["首次响应时长", "首次响应时间", "平均首次响应时长", "首次响应"] },
      { field: "avgResponseSec", aliases: ["平均响应时长", "平均响应时间", "平均响应"], key: true },
      { field: "satisfaction", aliases: ["客户满意率", "满意率"] },
      { field: "refunds", aliases: ["成功退款金额", "退款金额"] },
      // Some reports add who the sub-account belongs to: ties the nick to the attendance's agent.
      { field: "staffNo", aliases: ["工号", "员工工号"] },
      { field: "name", aliases: ["姓名", "客服姓名", "员工姓名"] },
    ],
    required: [["nick"], ["inquiries", "sales", "payers"]],
  },
  roster: {
    kind: "roster",
    zh: "花名册",
    en: "roster",
    fields: [
      { field: "staffNo", aliases: ["工号", "员工工号", "staff no", "staffno"], key: true },
      { field: "name", aliases: ["姓名", "名字", "name"], key: true },
      { field: "nick", aliases: ["旺旺", "旺旺子账号", "子账号", "旺旺昵称", "旺旺(店铺:子账号)", "nick"], key: true },
      { field: "role", aliases: ["岗位", "职位", "role"], key: true },
      { field: "hiredOn", aliases: ["入职日期", "入职时间", "hired"], key: true },
      { field: "leftOn", aliases: ["离职日期", "离职时间", "left"] },
      { field: "probationUntil", aliases: ["试用期至", "试用期截止", "转正日期前", "probation until"] },
      { field: "monthlyTarget", aliases: ["月度目标", "月目标", "销售目标", "target"], key: true },
      // Other names an agent signs notes with: login names, further sub-accounts, "6号" (、-separated).
      { field: "aliases", aliases: ["别名", "登录名", "其他账号", "账号别名", "aliases"] },
    ],
    required: [["staffNo"], ["name"], ["nick", "role", "hiredOn", "monthlyTarget"]],
  },
  // Taobao's refund report (退款报表 / 退款管理 export): given with the orders (--orders) for the
  // clawback of last month's late refunds. Its own columns (退款状态, 退款完结时间) set it apart
  // from an order export, which has 退款金额 but neither of those.
  refunds: {
    kind: "refunds",
    zh: "退款报表",
    en: "refund report",
    fields: [
      { field: "orderId", aliases: ["订单编号", "订单号", "order id"], key: true },
      { field: "refundId", aliases: ["退款编号", "退款单号", "refund id"], key: true },
      { field: "amount", aliases: ["买家退款金额", "退款金额", "refund amount"], key: true },
      { field: "status", aliases: ["退款状态", "refund status"], key: true },
      { field: "completedAt", aliases: ["退款完结时间", "退款完成时间", "完结时间"], key: true },
    ],
    required: [["orderId"], ["amount"], ["status", "completedAt"]],
  },
  // 淘宝联盟 推广订单明细 (the seller's affiliate order export; header set recalled, see the README).
  // 推广者 / 佣金 / 结算 columns set it apart from an orders export (which has no 付款金额 alias).
  affiliate: {
    kind: "affiliate",
    zh: "淘宝客订单（淘宝联盟）",
    en: "affiliate orders export",
    fields: [
      { field: "orderId", aliases: ["淘宝订单编号", "淘宝父订单编号", "订单编号", "订单号"], key: true },
      { field: "affiliate", aliases: ["推广者昵称", "淘宝客昵称", "推广者", "淘宝客", "来源媒体名称", "媒体名称"], key: true },
      { field: "price", aliases: ["商品单价", "单价"], key: true },
      { field: "amount", aliases: ["付款金额", "实付金额"], key: true },
      { field: "status", aliases: ["订单状态", "状态"], key: true },
      { field: "settledAt", aliases: ["结算时间"], key: true },
      { field: "createdAt", aliases: ["创建时间", "付款时间"] },
    ],
    required: [["orderId"], ["affiliate"], ["amount", "price"], ["status", "settledAt"]],
  },
  // The shop's own return-shipping sheet (or an ERP 售后 export): no bare 类型 (an incidents alias).
  returnShipping: {
    kind: "returnShipping",
    zh: "运费补贴表",
    en: "return-shipping sheet",
    fields: [
      { field: "date", aliases: ["日期", "退货日期", "申请日期", "date"], key: true },
      { field: "orderId", aliases: ["订单编号", "订单号", "order id"], key: true },
      { field: "reason", aliases: ["售后类型", "退货原因", "退换类型", "补贴原因", "reason"], key: true },
      { field: "province", aliases: ["省份", "收货省份", "买家省份", "province"], key: true },
      { field: "address", aliases: ["收货地址", "地址"] },
      { field: "claimed", aliases: ["退货运费", "寄回运费", "运费金额", "申请运费"], key: true },
    ],
    required: [["orderId"], ["reason"], ["date"], ["province", "address", "claimed"]],
  },
  incidents: {
    kind: "incidents",
    zh: "违规记录",
    en: "incidents sheet",
    fields: [
      { field: "date", aliases: ["日期", "发生日期", "date"], key: true },
      { field: "agent", aliases: ["客服", "工号", "姓名", "员工", "agent"], key: true },
      { field: "rule", aliases: ["类型", "违规类型", "规则", "type", "rule"], key: true },
      { field: "orderId", aliases: ["订单编号", "订单号", "order id"], key: true },
      { field: "loss", aliases: ["损失金额", "损失", "loss"], key: true },
      { field: "remark", aliases: ["备注", "说明", "remark"], key: true },
    ],
    required: [["date"], ["agent"], ["rule"]],
  },
};

/** Fields `clockIn2`, `inResult2`, `clockOut2`, `outResult2` (for n = 2) and their aliases. */
function laterPairFields(n: number): FieldSpec[] {
  const f = (field: string, punch: string, part: string, plain: string[]): FieldSpec => ({
    field: `${field}${n}`,
    aliases: [`${punch}${n}${part}`, `${punch}${n}/${part}`, ...plain],
  });
  return [
    f("clockIn", "上班", "打卡时间", [`上班${n}打卡`, `clock-in ${n}`]),
    f("inResult", "上班", "打卡结果", []),
    f("clockOut", "下班", "打卡时间", [`下班${n}打卡`, `clock-out ${n}`]),
    f("outResult", "下班", "打卡结果", []),
  ];
}

/** Order of preference when two kinds fit equally (more specific first). */
const KIND_ORDER: SourceKind[] = ["refunds", "affiliate", "returnShipping", "orders", "attendance", "sales", "incidents", "roster"];

/**
 * Header text → comparison key: BOM and spaces gone, full-width → half-width, ASCII lower-case,
 * Chinese brackets 【】 and ［］ as parentheses.
 */
export function normaliseHeader(raw: Cell | undefined): string {
  if (raw === null || raw === undefined) return "";
  let s = typeof raw === "string" ? raw : raw instanceof Date ? "" : String(raw);
  s = toHalfWidth(s).replace(/[\ufeff\u200b\s\u00a0]+/g, "");
  s = s.replace(/[【［]/g, "(").replace(/[】］]/g, ")");
  return s.toLowerCase();
}

/** "迟到时长(分钟)" → "迟到时长"; "" when nothing would be left. */
function withoutUnit(h: string): string {
  const m = /^(.+?)\([^()]*\)$/.exec(h);
  return m ? m[1] : "";
}

type AliasMap = Map<string, { field: string; rank: number }>;

/** Normalised alias → field and its rank (earlier alias = preferred when two columns compete). */
const aliasIndex = new Map<SourceKind, AliasMap>();

/**
 * The kind's aliases with the manager's 【列名】 mappings on top: a mapped header names its field
 * before any built-in alias (rank −1), even where it is another field's alias.
 */
function aliasesWith(kind: SourceKind, mapping: readonly ColumnMapping[] | undefined): AliasMap {
  const base = aliasesOf(kind);
  const own = mapping?.filter((m) => m.kind === kind) ?? [];
  if (own.length === 0) return base;
  const m: AliasMap = new Map(base);
  for (const x of own) m.set(normaliseHeader(x.header), { field: x.field, rank: -1 });
  return m;
}

function aliasesOf(kind: SourceKind): AliasMap {
  let m = aliasIndex.get(kind);
  if (!m) {
    m = new Map();
    for (const f of KIND_SPECS[kind].fields) {
      f.aliases.forEach((a, i) => {
        const k = normaliseHeader(a);
        if (!m!.has(k)) m!.set(k, { field: f.field, rank: i });
      });
    }
    aliasIndex.set(kind, m);
  }
  return m;
}

/** The header text each column shows; two-level: "上班1/打卡时间", or one part when the other is blank or the same. */
export function headerTexts(rows: Cell[][], headerRow: number, levels: 1 | 2): string[] {
  const lower = rows[headerRow - 1] ?? [];
  const upper = levels === 2 ? upperRow(rows, headerRow - 1) : [];
  const n = Math.max(lower.length, upper.length);
  const out: string[] = [];
  for (let c = 0; c < n; c++) {
    const lo = plain(lower[c]);
    const up = plain(upper[c]);
    out.push(lo === "" ? up : up === "" || up === lo ? lo : `${up}/${lo}`);
  }
  return out;
}

function plain(cell: Cell | undefined): string {
  if (cell === null || cell === undefined || cell instanceof Date) return "";
  return String(cell).replace(/^\ufeff/, "").trim();
}

interface Match {
  kind: SourceKind;
  headerRow: number;
  levels: 1 | 2;
  columns: Record<string, number>;
  /** Fields found twice: the first column wins, the others are reported. */
  duplicates: { field: string; column: number }[];
  matched: number;
  score: number;
  requiredOk: boolean;
  missing: string[];
}

/** Candidate names a column answers to: its text, the text without a unit, upper+lower. */
function candidates(upper: Cell | undefined, lower: Cell | undefined): string[] {
  const lo = normaliseHeader(lower);
  const up = normaliseHeader(upper);
  const out: string[] = [];
  const add = (s: string) => {
    if (s !== "" && !out.includes(s)) {
      out.push(s);
      const w = withoutUnit(s);
      if (w !== "" && !out.includes(w)) out.push(w);
    }
  };
  if (lo !== "" && up !== "" && lo !== up) add(up + lo);
  add(lo);
  if (up !== "") add(up);
  return out;
}

/**
 * The upper row of a two-level header with horizontal merges filled in: a group title (上班1,
 * 请假) covers the blank cells to its right that have a part below them. Hosts that give a
 * merged cell's value only in its first cell are handled the same as ExcelJS, which repeats it.
 */
function upperRow(rows: Cell[][], r: number): Cell[] {
  const upper = rows[r - 1] ?? [];
  const lower = rows[r] ?? [];
  const width = Math.max(upper.length, lower.length);
  const out: Cell[] = new Array(width);
  let group: Cell = null;
  for (let c = 0; c < width; c++) {
    const up = upper[c];
    const lo = lower[c];
    const upBlank = normaliseHeader(up) === "";
    const loBlank = normaliseHeader(lo) === "";
    if (!upBlank) {
      out[c] = up;
      group = loBlank || normaliseHeader(lo) === normaliseHeader(up) ? null : up;
    } else {
      out[c] = !loBlank && group !== null ? group : null;
      if (loBlank) group = null;
    }
  }
  return out;
}

function matchAt(kind: SourceKind, rows: Cell[][], r: number, levels: 1 | 2, alias: AliasMap): Match {
  const spec = KIND_SPECS[kind];
  const lower = rows[r] ?? [];
  const upper = levels === 2 ? upperRow(rows, r) : [];
  const width = Math.max(lower.length, upper.length);
  const columns: Record<string, number> = {};
  const ranks: Record<string, number> = {};
  const duplicates: { field: string; column: number }[] = [];
  for (let c = 0; c < width; c++) {
    const names = candidates(levels === 2 ? upper[c] : undefined, lower[c]);
    for (let i = 0; i < names.length; i++) {
      const hit = alias.get(names[i]);
      if (hit === undefined) continue;
      const rank = hit.rank * 8 + i;
      const had = ranks[hit.field];
      if (had === undefined || rank < had) {
        columns[hit.field] = c;
        ranks[hit.field] = rank;
      } else if (rank === had) {
        duplicates.push({ field: hit.field, column: c });
      }
      break;
    }
  }
  const matched = Object.keys(columns).length;
  const requiredOk = spec.required.every((group) => group.some((f) => columns[f] !== undefined));
  const keys = spec.fields.filter((f) => f.key);
  const found = keys.filter((f) => columns[f.field] !== undefined).length;
  const missing: string[] = [];
  for (const group of spec.required) {
    if (!group.some((f) => columns[f] !== undefined)) {
      missing.push(group.map((f) => spec.fields.find((x) => x.field === f)!.aliases[0]).join("/"));
    }
  }
  for (const f of keys) {
    if (columns[f.field] === undefined && !spec.required.some((g) => g.includes(f.field))) missing.push(f.aliases[0]);
  }
  return {
    kind,
    headerRow: r + 1,
    levels,
    columns,
    duplicates,
    matched,
    score: keys.length ? found / keys.length : 0,
    requiredOk,
    missing,
  };
}

function better(a: Match, b: Match | null): boolean {
  if (!b) return true;
  if (a.requiredOk !== b.requiredOk) return a.requiredOk;
  if (a.score !== b.score) return a.score > b.score;
  return a.matched > b.matched;
}

/** The best header position for one kind within the first rows. */
function bestFor(kind: SourceKind, rows: Cell[][], scan: number, mapping?: readonly ColumnMapping[]): Match {
  const alias = aliasesWith(kind, mapping);
  let best: Match | null = null;
  for (let r = 0; r < scan; r++) {
    const single = matchAt(kind, rows, r, 1, alias);
    if (better(single, best)) best = single;
    if (r > 0) {
      const double = matchAt(kind, rows, r, 2, alias);
      // Two levels only when the lower row adds fields: else it is the first data row.
      const upperAlone = matchAt(kind, rows, r - 1, 1, alias);
      if (double.matched > upperAlone.matched && better(double, best)) best = double;
    }
  }
  return best!;
}

/** How many rows recognition looks at (banners + a two-level header fit easily). */
export const SCAN_ROWS = 12;

export interface Recognised extends Recognition {
  levels: 1 | 2;
  duplicates: { field: string; column: number }[];
  /** When nothing fits: the closest kind, for messages. */
  closest: SourceKind | null;
}

/**
 * Which source is this? Scores every kind on the first rows and returns the best fit.
 * `kind: null` with `reason` when no kind has its required headers.
 * @param only restrict to one kind (the slot the user chose); the others are still scored so
 *   "an attendance file given as orders" can be told apart in the reason.
 * @param mapping the rules sheet's 【列名】 lines: headers named before the built-in aliases.
 */
export function recogniseRows(rows: Cell[][], only?: SourceKind | null, mapping?: readonly ColumnMapping[]): Recognised {
  const scan = Math.min(rows.length, SCAN_ROWS);
  const matches = KIND_ORDER.map((k) => (scan > 0 ? bestFor(k, rows, scan, mapping) : null)).filter(
    (m): m is Match => m !== null,
  );
  let best: Match | null = null;
  for (const m of matches) if ((!only || m.kind === only) && better(m, best)) best = m;
  let bestAny: Match | null = null;
  for (const m of matches) if (better(m, bestAny)) bestAny = m;

  if (!best || !best.requiredOk) {
    return unrecognised(rows, best, bestAny, only ?? null);
  }
  let headerRow = best.headerRow;
  if (isRepeatedHeader(rows, headerRow, best)) headerRow++;
  const headers = headerTexts(rows, best.headerRow, best.levels);
  return {
    kind: best.kind,
    variant: variantOf(best.kind, rows, best, headers),
    headerRow,
    columns: best.columns,
    score: round2(best.score),
    missing: best.missing,
    headers,
    levels: best.levels,
    duplicates: best.duplicates,
    closest: best.kind,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A second header row (a merged header repeated below) is not data. */
function isRepeatedHeader(rows: Cell[][], headerRow: number, m: Match): boolean {
  const next = rows[headerRow];
  const head = rows[headerRow - 1];
  if (!next || !head) return false;
  let same = 0;
  let filled = 0;
  for (let c = 0; c < next.length; c++) {
    const v = normaliseHeader(next[c]);
    if (v === "") continue;
    filled++;
    if (v === normaliseHeader(head[c])) same++;
  }
  return filled > 0 && same / filled >= 0.5 && Object.keys(m.columns).length > 0;
}

function variantOf(kind: SourceKind, rows: Cell[][], m: Match, headers: string[]): string {
  const names = new Set(headers.map((h) => normaliseHeader(h)));
  switch (kind) {
    case "orders": {
      if (ERP_ONLY.some((h) => names.has(normaliseHeader(h)))) return "erp";
      const full = TAOBAO_ORDER_HEADERS.every((h) => names.has(normaliseHeader(h)));
      return full ? "taobao" : "taobao-old";
    }
    case "attendance":
      if (m.columns.expectedDays !== undefined && m.columns.clockIn === undefined && m.columns.inResult === undefined) return "wecom-monthly";
      if (names.has("最早") || names.has("最晚") || names.has("所属规则")) return "wecom";
      return names.has("workdate") || names.has("考勤组") || m.levels === 2 || m.columns.inResult !== undefined
        ? "dingtalk"
        : "plain";
    case "sales":
      if (names.has("旺旺昵称") || names.has("询单最终付款人数")) return "qianniu";
      return names.has("客服账号") || names.has("询单成交人数") ? "qianniu-reception" : "chitu";
    default:
      return "standard";
  }
}

const KIND_ZH: Record<SourceKind, string> = {
  orders: "订单报表",
  attendance: "考勤表",
  sales: "客服绩效（销售）表",
  roster: "花名册",
  incidents: "违规记录",
  refunds: "退款报表",
  affiliate: "淘宝客订单（淘宝联盟）",
  returnShipping: "运费补贴表",
};
const KIND_EN: Record<SourceKind, string> = {
  orders: "an orders export",
  attendance: "an attendance sheet",
  sales: "a chat sales export",
  roster: "a roster",
  incidents: "an incidents sheet",
  refunds: "a refund report",
  affiliate: "an affiliate orders export (淘宝联盟)",
  returnShipping: "a return-shipping sheet",
};

/** The command line's option for each kind's files (a refund report goes with the orders). */
export const KIND_FLAG: Record<SourceKind, string> = {
  orders: "--orders",
  attendance: "--attendance",
  sales: "--sales",
  roster: "--roster",
  incidents: "--incidents",
  refunds: "--orders",
  affiliate: "--affiliates",
  returnShipping: "--return-shipping",
};

/** Whether a normalised header text (normaliseHeader) is one of the kind's built-in names for a field. */
export function isFieldAlias(kind: SourceKind, key: string): boolean {
  return aliasesOf(kind).has(key);
}

export function kindZh(kind: SourceKind): string {
  return KIND_ZH[kind];
}
export function kindEn(kind: SourceKind): string {
  return KIND_EN[kind];
}

function unrecognised(rows: Cell[][], best: Match | null, bestAny: Match | null, only: SourceKind | null): Recognised {
  const closest = best ?? bestAny;
  let reason: { zh: string; en: string };
  const wrongKind = only !== null && bestAny !== null && bestAny.requiredOk && bestAny.kind !== only;
  const shown = wrongKind ? bestAny : closest;
  const nonEmpty = rows.some((r) => r.some((c) => c !== null && c !== undefined && String(c).trim() !== ""));
  if (!nonEmpty) {
    reason = { zh: "表格是空的，没有表头也没有数据", en: "the sheet is empty: no headers and no data" };
  } else if (wrongKind && bestAny) {
    reason = {
      zh: `这看起来是${KIND_ZH[bestAny.kind]}，不是${KIND_ZH[only]}（第${bestAny.headerRow}行表头）`,
      en: `this looks like ${KIND_EN[bestAny.kind]}, not ${KIND_EN[only]} (headers on row ${bestAny.headerRow})`,
    };
  } else if (closest && closest.matched > 0) {
    const miss = closest.missing.slice(0, 6).join("、");
    reason = {
      zh: `未能识别表头：最接近${KIND_ZH[closest.kind]}，但缺少 ${miss}`,
      en: `headers not recognised: closest to ${KIND_EN[closest.kind]}, but missing ${closest.missing.slice(0, 6).join(", ")}`,
    };
  } else {
    reason = {
      zh: "未能识别表头：前12行中没有找到任何已知报表（订单、考勤、客服绩效、花名册、违规记录）的表头",
      en: "headers not recognised: no known export (orders, attendance, chat sales, roster, incidents) found in the first 12 rows",
    };
  }
  return {
    kind: null,
    variant: "",
    headerRow: shown?.headerRow ?? 0,
    columns: {},
    score: closest ? round2(closest.score) : 0,
    missing: closest?.missing ?? [],
    reason,
    headers: shown ? headerTexts(rows, shown.headerRow, shown.levels) : [],
    levels: 1,
    duplicates: [],
    closest: (wrongKind ? bestAny!.kind : closest?.kind) ?? null,
  };
}
