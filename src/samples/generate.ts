/**
 * Sample exports (样例数据) for a month of a Taobao shop's customer-service team, deterministic
 * from a seed, at any size: the demo's default data, the import tests' corpus and the
 * benchmark's million-row month.
 *
 * Pure: no file system, no ExcelJS (see write.ts for the xlsx files). iconv-lite encodes the
 * order export as GBK, as the seller centre does.
 *
 * What the files carry on purpose (the quirks of issue 2): 72 header names and a trailing comma
 * (73 columns, as the seller centre writes them), ids as `="2873…"`, headers with
 * trailing spaces, 退款金额 `无退款申请`, 打款商家金额 `12.50元`, 联系手机 with a leading `'`,
 * statuses with a half-width comma, notes in the handbook format with the staff code anywhere,
 * appended codes, ~3% notes without a code, closed / unpaid / unshipped orders, partial and full
 * refunds, orders paid just outside the month; DingTalk's banner rows and two-level merged header,
 * day and night shifts, 做六休一, lates, a 严重迟到, early leaves, a 缺卡, a 请假 day, night
 * clock-outs after midnight; 千牛's banner line and summary rows.
 */
import * as iconv from "iconv-lite";
import { TAOBAO_ORDER_HEADERS, columnLetter } from "../core";

export interface SampleOptions {
  /** Order rows in the month's export. */
  orders: number;
  agents: number;
  /** "YYYY-MM" */
  month: string;
  seed: number;
  /**
   * A group of shops (多店铺): each order's 店铺名称 is one of these (by its index), and 千牛's
   * export is one file per shop with that shop's sub-accounts. Absent: the one shop 小店旗舰店.
   */
  shops?: string[];
}

/** The shop names of a sample group of `n` shops. */
export function sampleShops(n: number): string[] {
  const named = ["小店旗舰店", "小店专营店", "小店企业店"];
  return Array.from({ length: n }, (_v, k) => named[k] ?? `小店${k + 1}号店`);
}

export const DEFAULT_SAMPLE: SampleOptions = { orders: 3000, agents: 12, month: "2026-10", seed: 20261001 };

export type SampleCell = string | number | Date | null;

/** A sheet to write as xlsx (write.ts) or CSV. */
export interface SampleTable {
  /** File name, e.g. "钉钉考勤-2026-10.xlsx". */
  file: string;
  sheet: string;
  rows: SampleCell[][];
  /** Merged ranges in A1 notation ("A3:A4"). */
  merges: string[];
}

export interface SampleAgent {
  staffNo: string;
  name: string;
  nick: string;
  role: "售前" | "售后";
  hiredOn: string;
  target: number; // yuan
  night: boolean;
  weight: number;
}

// ───────────────────────────── randomness ─────────────────────────────

/** mulberry32: small, fast, good enough for samples; the same seed gives the same month. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

// ───────────────────────────── agents ─────────────────────────────

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
const GIVEN = ["美", "丽", "芳", "雪", "婷", "燕", "琳", "静", "敏", "娟", "强", "杰", "军", "明", "涛", "磊", "洋", "勇", "艳", "霞"];
/** The 12-agent shop's sales shares: the month's collected sales straddle every commission tier. */
const SHOP12_WEIGHTS = [0.215, 0.12, 0.08, 0.075, 0.07, 0.065, 0.058, 0.05, 0.045, 0.04, 0.028, 0.022];

export function sampleAgents(n: number, seed: number): SampleAgent[] {
  const r = rng(seed ^ 0x5eed);
  const used = new Set<string>();
  const agents: SampleAgent[] = [];
  for (let i = 0; i < n; i++) {
    let given = "";
    let name = "";
    for (let k = 0; ; k++) {
      given = GIVEN[(i * 7 + k) % GIVEN.length] + (n > 20 || k > 0 ? GIVEN[(i * 3 + k * 11 + 5) % GIVEN.length] : "");
      name = SURNAMES[(i * 13 + k) % SURNAMES.length] + given;
      if (!used.has(name) && !used.has("小" + given)) break;
    }
    used.add(name);
    const staffNo = n > 99 ? `KF${pad(i + 1, 3)}` : `KF${pad(i + 1)}`;
    const after = n === 12 ? i >= 10 : i % 6 === 5;
    agents.push({
      staffNo,
      name,
      nick: `小店旗舰店:小${given}`,
      role: after ? "售后" : "售前",
      hiredOn: `20${pad(int(r, 19, 25))}-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}`,
      target: i === 0 ? 80000 : i === 1 ? 50000 : i < 4 ? 30000 : 20000,
      night: n === 12 ? i >= 8 : i % 3 === 2,
      weight: n === 12 ? SHOP12_WEIGHTS[i] : 1 / Math.pow(i + 2, 0.8),
    });
  }
  return agents;
}

// ───────────────────────────── orders ─────────────────────────────

const ORDER_HEADER_TRAILING_SPACE = new Set(["订单状态", "退款金额", "订单备注", "宝贝标题"]);
const STATUSES = {
  success: "交易成功",
  shipped: "卖家已发货，等待买家确认",
  paid: "买家已付款，等待卖家发货",
  closed: "交易关闭",
  unpaid: "等待买家付款",
} as const;
type StatusKey = keyof typeof STATUSES;
const PROVINCES = ["浙江省 杭州市 西湖区", "江苏省 南京市 鼓楼区", "上海 上海市 浦东新区", "广东省 广州市 天河区", "北京 北京市 朝阳区", "四川省 成都市 武侯区", "湖北省 武汉市 洪山区", "山东省 济南市 历下区"];
const STREETS = ["文三路", "中山路", "人民路", "解放大道", "建设路", "和平街", "新华路", "滨江大道"];
const PRODUCTS = ["定制窗帘 遮光布 客厅卧室", "全遮光窗帘 成品定制 北欧简约", "纱帘 白纱 客厅阳台", "罗马杆 窗帘杆 加厚", "卷帘 办公室 遮阳", "儿童房窗帘 卡通 定制"];
const PATTERNS = ["米色提花", "灰色雪尼尔", "白纱", "棉麻浅灰", "深蓝遮光", "卡通星空", "奶茶色绒布"];
const MAKES = ["定制打孔", "挂钩款", "韩褶", "定制", "穿杆", "魔术贴"];
const DELIVERY = ["快递", "顺丰", "物流", "送货上门"];
const CARRIERS = ["圆通速递", "中通快递", "韵达快递", "顺丰速运", "申通快递"];
const BUYER_NAMES = ["王女士", "李先生", "张女士", "刘先生", "陈女士", "杨先生", "赵女士", "黄先生", "周女士", "吴先生"];
const NICK_PARTS = ["tb", "小", "快乐的", "sunny", "爱家", "lily", "阿", "jack", "木子", "cc"];

/** What one generated order is, before it is written as an export row. */
export interface SampleOrder {
  id: string;
  agent: number | null; // index of the agent whose code is (first) in the note
  paid: number; // cents
  refund: number; // cents
  createdAt: number;
  paidAt: number | null;
  status: StatusKey;
  /** 店铺名称 (a sample group); absent for the one-shop sample. */
  shop?: string;
}

function wallString(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const yuanText = (cents: number): string => (cents / 100).toFixed(2);

function monthBounds(month: string): { start: number; end: number; days: number; y: number; m: number } {
  const y = +month.slice(0, 4);
  const m = +month.slice(5, 7);
  const start = Date.UTC(y, m - 1, 1);
  const end = Date.UTC(y, m, 1);
  return { start, end, days: Math.round((end - start) / 86_400_000), y, m };
}

/** Cumulative weights → an agent index for a uniform draw. */
function chooser(agents: SampleAgent[]): (u: number) => number {
  const total = agents.reduce((s, a) => s + a.weight, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const a of agents) cum.push((acc += a.weight / total));
  return (u) => {
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < cum[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/**
 * One order row of the 73-column export (strings, as they appear in the CSV), plus what it is.
 * `i` is the order's index; row content depends only on (seed, i), so any row can be regenerated.
 */
function orderRow(opts: SampleOptions, agents: SampleAgent[], choose: (u: number) => number, i: number): { cells: string[]; order: SampleOrder } {
  const r = rng(opts.seed * 7919 + i * 104729 + 17);
  const { start, days } = monthBounds(opts.month);
  const n = opts.orders;

  // Status mix; the last few orders are the month-boundary ones.
  let status: StatusKey;
  const u = r();
  if (u < 0.55) status = "success";
  else if (u < 0.76) status = "shipped";
  else if (u < 0.84) status = "paid";
  else if (u < 0.95) status = "closed";
  else status = "unpaid";

  let created = start + Math.floor(r() * days * 86_400_000);
  const boundary = i >= n - 6 ? i - (n - 6) : -1; // 0–2: paid 09-30, 3–5: paid 11-01
  if (boundary >= 0) {
    status = "success";
    created = boundary < 3 ? start - (3 - boundary) * 1_500_000 : start + days * 86_400_000 + boundary * 600_000;
  }
  if (boundary < 0 && (status === "success" || status === "shipped")) created = Math.min(created, start + (days - 3) * 86_400_000 + (created % 86_400_000));
  if (status === "paid" && i % 3 === 0) created = start + (days - 1) * 86_400_000 + (created % 43_200_000); // within 48 h of month end
  if (status === "unpaid" && i % 4 === 0) created = start + days * 86_400_000 - 3_600_000 * (1 + (i % 5)); // < 12 h before month end

  // Closed orders: some before payment (timed out), some refunded in full after payment.
  const closedPaid = status === "closed" && r() < 0.5;
  const paidAt =
    status === "unpaid" || (status === "closed" && !closedPaid) ? null : created + (boundary >= 0 ? 120 : int(r, 20, 1800)) * 1000;
  const goods = Math.round((60 + Math.pow(r(), 2) * 460) * 100);
  const shipping = r() < 0.8 ? 0 : pick(r, [500, 800, 1000, 1200]);
  const total = goods + shipping;
  const paid = paidAt === null ? 0 : total;
  let refund = 0;
  if (closedPaid) refund = paid;
  else if (status === "success" && r() < 0.07) refund = pick(r, [500, 800, 1000, 1500]); // partial: damage
  const shippedAt = status === "success" || status === "shipped" ? paidAt! + int(r, 4, 40) * 3_600_000 : null;
  const confirmedAt = status === "success" ? shippedAt! + int(r, 2, 8) * 86_400_000 : null;

  // Attribution: ~3% without a code; some with a code appended after another.
  const agent = choose(r());
  const noCode = boundary < 0 && r() < 0.025;
  const buyerName = pick(r, BUYER_NAMES);
  const w = (1 + r() * 3).toFixed(1);
  const h = (2 + r() * 1).toFixed(1);
  const shipDay = new Date(created + int(r, 3, 10) * 86_400_000);
  const fields = [buyerName, `${w}*${h}米`, `${pick(r, PATTERNS)}/${pick(r, MAKES)}`, `${shipDay.getUTCMonth() + 1}月${shipDay.getUTCDate()}日发`, pick(r, DELIVERY)];
  let note: string;
  if (noCode) note = fields.join(", ");
  else {
    const code = agents[agent].staffNo;
    const at = int(r, 0, fields.length);
    const parts = fields.slice();
    parts.splice(at, 0, code);
    note = parts.join(", ");
    if (r() < 0.04) note += `${pick(r, ["改", "补", ""])}${agents[(agent + 1 + int(r, 0, agents.length - 2)) % agents.length].staffNo}`;
  }
  if (boundary < 0 && r() < 0.008) note = "";
  const idLen = r() < 0.1 ? pick(r, [16, 17, 18]) : 19;
  // Unique by construction: i·7919 mod 10^7 is a bijection (7919 is prime to 10), so ids never
  // repeat up to ten million orders and still look random.
  const serial = pad((i * 7919 + 4093) % 10_000_000, 7);
  const head = "2873" + pad(Math.floor(r() * 1e8), 8);
  const id = head.slice(0, idLen - 7) + serial;

  const buyer = `${pick(r, NICK_PARTS)}${pick(r, ["小店", "家", "", "_", "88"])}${int(r, 100, 99999)}`;
  const phone = `1${pick(r, ["38", "39", "58", "86", "77", "51"])}${pad(int(r, 0, 99999999), 8)}`;
  const numbered = shippedAt !== null ? (r() < 0.5 ? `YT${pad(int(r, 0, 999999999), 13)}` : `7${pad(int(r, 0, 99999999), 14)}`) : "";
  // The clerk's slip the self-audit catches: a parcel sent with its number never typed in. Chosen
  // by position, not by a draw, so every other value of the sample stays as it was.
  const tracking = i % 499 === 77 ? "" : numbered;
  const statusText = r() < 0.3 ? STATUSES[status].replace("，", ",") : STATUSES[status];
  const cells = new Array<string>(TAOBAO_ORDER_HEADERS.length).fill("");
  const set = (h: (typeof TAOBAO_ORDER_HEADERS)[number], v: string) => {
    cells[COL[h]] = v;
  };
  set("订单编号", `="${id}"`);
  set("买家会员名", buyer);
  set("买家支付宝账号", `${phone.slice(0, 3)}****${phone.slice(7)}`);
  set("支付单号", paidAt !== null ? `="2026${pad(int(r, 0, 999999999999), 12)}${pad(i, 8)}"` : "");
  set("支付详情", paidAt !== null ? `支付宝:${yuanText(paid)}` : "");
  set("买家应付货款", yuanText(goods));
  set("买家应付邮费", yuanText(shipping));
  set("买家支付积分", "0");
  set("总金额", yuanText(total));
  set("返点积分", "0");
  set("买家实际支付金额", yuanText(paid));
  set("买家实际支付积分", "0");
  set("订单状态", statusText);
  set("买家留言", r() < 0.15 ? pick(r, ["尽快发货", "要和图片一样的颜色", "周末送货", "谢谢"]) : "");
  set("收货人姓名", buyerName.slice(0, 1) + pick(r, GIVEN) + pick(r, GIVEN));
  set("收货地址", `${pick(r, PROVINCES)} ${pick(r, STREETS)}${int(r, 1, 999)}号(${pad(int(r, 100000, 999999), 6)})`);
  set("运送方式", "快递");
  set("联系手机", `'${phone}`);
  set("订单创建时间", wallString(created));
  set("订单付款时间", paidAt !== null ? wallString(paidAt) : "");
  set("宝贝标题", pick(r, PRODUCTS));
  set("宝贝种类", "1");
  set("物流单号", tracking);
  set("物流公司", tracking === "" ? "" : pick(r, CARRIERS));
  set("订单备注", note);
  set("宝贝总数量", String(int(r, 1, 4)));
  set("店铺Id", "57301234");
  const shop = opts.shops && opts.shops.length > 0 ? opts.shops[i % opts.shops.length] : null;
  set("店铺名称", shop ?? "小店旗舰店");
  set("订单关闭原因", status === "closed" ? (closedPaid ? "退款" : pick(r, ["买家不想买了", "超时未付款", "其他原因"])) : "订单未关闭");
  set("卖家服务费", "0");
  set("买家服务费", "0元");
  set("是否手机订单", r() < 0.8 ? "手机订单" : "");
  set("是否上传合同照片", "否");
  set("是否上传小票", "否");
  set("是否代付", "否");
  set("天猫卡券抵扣", "0");
  set("集分宝抵扣", "0");
  set("是否是O2O交易", "否");
  set("退款金额", refund > 0 ? yuanText(refund) : "无退款申请");
  set("确认收货时间", confirmedAt !== null ? wallString(confirmedAt) : "");
  set("打款商家金额", `${yuanText(status === "success" ? paid - refund : 0)}元`);
  set("是否信用购", "否");
  set("配送类型", "快递");
  set("延迟发货自动赔付金额", "0");
  set("预售订单", "否");
  set("发货时间", shippedAt !== null ? wallString(shippedAt) : "");
  set("商家备忘", r() < 0.03 ? pick(r, ["小红旗：加急", "小红旗：客户要求先发样", "已电话确认"]) : "");
  set("主订单编号", `="${id}"`);
  return { cells, order: { id, agent: noCode || note === "" ? null : agent, paid, refund, createdAt: created, paidAt, status, ...(shop !== null ? { shop } : {}) } };
}

const COL: Record<string, number> = Object.fromEntries(TAOBAO_ORDER_HEADERS.map((h, i) => [h, i]));

function csvField(v: string): string {
  if (v.indexOf(",") < 0 && v.indexOf('"') < 0 && v.indexOf("\n") < 0 && v.indexOf("\r") < 0) return v;
  return v.startsWith('="') ? v : `"${v.replace(/"/g, '""')}"`;
}

/**
 * GBK encoding through a per-character table filled from iconv-lite on first use: the same
 * bytes as `iconv.encode(text, "gbk")`, several times faster on a million rows (the text is a
 * few hundred distinct characters repeated).
 */
export function gbkEncoder(): (text: string) => Uint8Array {
  const table = new Int32Array(65536).fill(-1);
  return (text) => {
    const out = new Uint8Array(text.length * 2);
    let o = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        out[o++] = c;
        continue;
      }
      let code = table[c];
      if (code < 0) {
        const b = iconv.encode(String.fromCharCode(c), "gbk");
        code = b.length === 2 ? (b[0] << 8) | b[1] : b[0];
        table[c] = code;
      }
      if (code > 0xff) out[o++] = code >> 8;
      out[o++] = code & 0xff;
    }
    return out.subarray(0, o);
  };
}

/** The seller centre ends every line with a comma: 72 names, 73 columns (the last one empty). */
function orderHeaderLine(): string {
  return TAOBAO_ORDER_HEADERS.map((h) => (ORDER_HEADER_TRAILING_SPACE.has(h) ? h + " " : h)).map(csvField).join(",") + ",";
}

/**
 * The order export as a GBK CSV, streamed in chunks of ~1 MB (a million rows never sit in one
 * buffer). Returns what was generated (per order: id, agent, amounts), unless `keep` is false.
 */
export function generateOrdersCsv(opts: SampleOptions, write: (chunk: Uint8Array) => void, keep = true): SampleOrder[] {
  const agents = sampleAgents(opts.agents, opts.seed);
  const choose = chooser(agents);
  const out: SampleOrder[] = [];
  let buf: string[] = [orderHeaderLine()];
  let size = 0;
  const gbk = gbkEncoder();
  const flush = () => {
    if (buf.length === 0) return;
    write(gbk(buf.join("\r\n") + "\r\n"));
    buf = [];
    size = 0;
  };
  for (let i = 0; i < opts.orders; i++) {
    const { cells, order } = orderRow(opts, agents, choose, i);
    const line = cells.map(csvField).join(",") + ",";
    buf.push(line);
    size += line.length;
    if (keep) out.push(order);
    if (size > 512 * 1024) flush();
  }
  flush();
  return out;
}

/** The generated orders without writing them (for the other files, which follow the orders). */
export function generateOrders(opts: SampleOptions): SampleOrder[] {
  const agents = sampleAgents(opts.agents, opts.seed);
  const choose = chooser(agents);
  const out: SampleOrder[] = [];
  for (let i = 0; i < opts.orders; i++) out.push(orderRow(opts, agents, choose, i).order);
  return out;
}

// ───────────────────────────── attendance (DingTalk 每日统计) ─────────────────────────────

const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"];
const HM = (m: number): string => `${pad(Math.floor(m / 60) % 24)}:${pad(m % 60)}`;
const DAY_SHIFT = { label: "白班", start: 510, end: 1050, text: "白班 08:30-17:30" };
const NIGHT_SHIFT = { label: "晚班", start: 1050, end: 1500, text: "晚班 17:30-次日01:00" };

const DT_TOP = ["姓名", "考勤组", "部门", "工号", "职位", "UserId", "日期", "workDate", "班次", "上班1", "", "下班1", "", "出勤天数", "休息天数", "工作时长(分钟)", "迟到次数", "迟到时长(分钟)", "严重迟到次数", "严重迟到时长(分钟)", "旷工迟到天数", "早退次数", "早退时长(分钟)", "上班缺卡次数", "下班缺卡次数", "旷工天数", "请假", "", "", ""];
const DT_SUB = ["", "", "", "", "", "", "", "", "", "打卡时间", "打卡结果", "打卡时间", "打卡结果", "", "", "", "", "", "", "", "", "", "", "", "", "", "事假(天)", "病假(天)", "年假(天)", "调休(小时)"];

const colLetter = columnLetter;

/**
 * DingTalk 每日统计 for every agent and day of the month: banner rows 1–2, two-level header in
 * rows 3–4 (vertical merges for single headers, 上班1 / 下班1 / 请假 groups over their parts).
 */
export function generateAttendance(opts: SampleOptions): SampleTable {
  const agents = sampleAgents(opts.agents, opts.seed);
  const { y, m, days } = monthBounds(opts.month);
  const r = rng(opts.seed ^ 0xa77e);
  const width = DT_TOP.length;
  const rows: SampleCell[][] = [
    ["每日统计", ...new Array(width - 1).fill(null)],
    [`统计日期：${opts.month}-01 至 ${opts.month}-${pad(days)}    报表生成时间：${nextMonth(opts.month)}-01 09:00`, ...new Array(width - 1).fill(null)],
    DT_TOP.map((h) => (h === "" ? null : h)),
    DT_TOP.map((h, c) => (DT_SUB[c] !== "" ? DT_SUB[c] : h === "" ? null : h)),
  ];
  const merges = [`A1:${colLetter(width - 1)}1`, `A2:${colLetter(width - 1)}2`];
  DT_TOP.forEach((h, c) => {
    if (h !== "" && DT_SUB[c] === "") merges.push(`${colLetter(c)}3:${colLetter(c)}4`);
  });
  merges.push("J3:K3", "L3:M3", `${colLetter(26)}3:${colLetter(29)}3`);

  // Special days in the 12-agent shop, so every verdict appears (scaled up: by agent index).
  const special = (a: number, d: number): string | null => {
    if (opts.agents === 12) {
      const table: Record<string, string> = {
        "1:5": "late", "3:12": "late", "6:20": "late", "2:9": "seriousLate", "4:14": "early", "7:22": "early",
        "5:16": "missing", "0:23": "leave", "9:6": "late", "10:18": "nightEarly", "8:3": "nightEarly", "11:27": "missing",
        "1:26": "late",
      };
      return table[`${a}:${d}`] ?? null;
    }
    const u = r();
    return u < 0.03 ? "late" : u < 0.035 ? "seriousLate" : u < 0.045 ? "early" : u < 0.05 ? "missing" : u < 0.055 ? "leave" : null;
  };

  agents.forEach((ag, a) => {
    for (let d = 1; d <= days; d++) {
      const t = Date.UTC(y, m - 1, d);
      const dow = new Date(t).getUTCDay();
      const date = `${String(y).slice(2)}-${pad(m)}-${pad(d)} 星期${WEEKDAYS[dow]}`;
      const workDate = String(t - 8 * 3_600_000);
      const rest = (d + a) % 7 === 0; // 做六休一, staggered
      const shift = ag.night ? NIGHT_SHIFT : DAY_SHIFT;
      const row: SampleCell[] = new Array(width).fill(null);
      row[0] = ag.name;
      row[1] = ag.night ? "客服晚班组" : "客服白班组";
      row[2] = "客服部";
      row[3] = ag.staffNo;
      row[4] = ag.role === "售前" ? "售前客服" : "售后客服";
      row[5] = `0${pad(1000 + a * 37, 6)}${pad(a, 4)}`;
      row[6] = date;
      row[7] = workDate;
      if (rest) {
        row[8] = "休息";
        row[10] = "休息";
        row[12] = "休息";
        row[14] = "1";
        rows.push(row);
        continue;
      }
      row[8] = shift.text;
      const kind = special(a, d);
      let inM = shift.start - int(r, 2, 14);
      let outM = shift.end + int(r, 0, ag.night ? 12 : 25);
      let inRes = "正常";
      let outRes = "正常";
      if (kind === "leave") {
        row[10] = "请假";
        row[12] = "请假";
        row[26] = "1";
        rows.push(row);
        continue;
      }
      if (kind === "late") {
        inM = shift.start + int(r, 3, 25);
        inRes = "迟到";
        row[16] = "1";
        row[17] = String(inM - shift.start);
      } else if (kind === "seriousLate") {
        inM = shift.start + int(r, 65, 90);
        inRes = "严重迟到";
        row[18] = "1";
        row[19] = String(inM - shift.start);
      } else if (kind === "early") {
        outM = shift.end - int(r, 10, 30);
        outRes = "早退";
        row[21] = "1";
        row[22] = String(shift.end - outM);
      } else if (kind === "nightEarly") {
        outM = shift.end - 5; // 00:55 of the next day
        outRes = "早退";
        row[21] = "1";
        row[22] = "5";
      }
      row[9] = HM(inM);
      row[10] = inRes;
      if (kind === "missing") {
        row[11] = null;
        row[12] = "缺卡";
        row[24] = "1";
      } else {
        row[11] = outM >= 1440 ? (d % 5 === 0 && ag.night ? HM(outM) : `次日 ${HM(outM)}`) : HM(outM);
        row[12] = outRes;
      }
      row[13] = "1";
      row[15] = kind === "missing" ? null : String(outM - inM);
      rows.push(row);
    }
  });
  return { file: `钉钉考勤-${opts.month}.xlsx`, sheet: "每日统计", rows, merges };
}

function nextMonth(month: string): string {
  const { y, m } = monthBounds(month);
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

// ───────────────────────────── sales (千牛 客服绩效) ─────────────────────────────

const QN_HEADER = ["日期", "旺旺昵称", "询单人数", "询单最终付款人数", "询单最终付款转化率", "询单最终付款金额", "首次响应时长（秒)", "平均响应时长（秒)", "客户满意率", "旺旺回复率", "成功退款金额"];

/**
 * 千牛 per agent per day: a banner line, then one row per agent and day with sales derived from
 * the orders the agent's code is on (so reconciliation has something real to compare, with a few
 * deliberate differences), then the summary rows 汇总值 / 平均值 / 全店汇总值 / 同行同层均值.
 */
export function generateSales(opts: SampleOptions, orders: SampleOrder[] = generateOrders(opts), shop: string | null = null): SampleTable {
  const agents = sampleAgents(opts.agents, opts.seed);
  const { y, m, days, start, end } = monthBounds(opts.month);
  const r = rng(opts.seed ^ 0x5a1e ^ (shop === null ? 0 : (opts.shops ?? []).indexOf(shop) + 1));
  const perDay = new Map<string, { amount: number; payers: number; refunds: number }>();
  for (const o of orders) {
    if (shop !== null && o.shop !== shop) continue;
    if (o.agent === null || o.paidAt === null || o.paidAt < start || o.paidAt >= end) continue;
    const key = `${o.agent}:${new Date(o.paidAt).getUTCDate()}`;
    const e = perDay.get(key) ?? { amount: 0, payers: 0, refunds: 0 };
    e.amount += o.paid;
    e.payers++;
    e.refunds += o.refund;
    perDay.set(key, e);
  }
  const rows: SampleCell[][] = [[`客服绩效 统计时间：${opts.month}-01 ~ ${opts.month}-${pad(days)}  店铺：${shop ?? "小店旗舰店"}`]];
  rows.push([...QN_HEADER]);
  let totInq = 0;
  let totPay = 0;
  let totAmt = 0;
  let n = 0;
  agents.forEach((ag, a) => {
    for (let d = 1; d <= days; d++) {
      if ((d + a) % 7 === 0) continue;
      const e = perDay.get(`${a}:${d}`) ?? { amount: 0, payers: 0, refunds: 0 };
      const conv = 0.3 + r() * 0.3;
      const inquiries = Math.max(e.payers, Math.round(e.payers / conv) + int(r, 0, 3));
      let amount = e.amount;
      if (shop === null && opts.agents === 12 && ((a === 2 && d === 10) || (a === 6 && d === 21))) amount += 12_800; // a difference to find
      const first = 5 + r() * 20;
      const avg = first + 5 + r() * 30;
      rows.push([
        `${y}-${pad(m)}-${pad(d)}`,
        shop === null ? ag.nick : ag.nick.replace(/^[^:]*:/, `${shop}:`),
        inquiries,
        e.payers,
        inquiries ? `${((e.payers / inquiries) * 100).toFixed(2)}%` : "0.00%",
        (amount / 100).toFixed(2),
        first.toFixed(1),
        avg.toFixed(1),
        `${(90 + r() * 10).toFixed(2)}%`,
        `${(95 + r() * 5).toFixed(2)}%`,
        (e.refunds / 100).toFixed(2),
      ]);
      totInq += inquiries;
      totPay += e.payers;
      totAmt += amount;
      n++;
    }
  });
  const conv = totInq ? `${((totPay / totInq) * 100).toFixed(2)}%` : "0.00%";
  rows.push(["", "汇总值", totInq, totPay, conv, (totAmt / 100).toFixed(2), "", "", "", "", ""]);
  rows.push(["", "平均值", Math.round(totInq / Math.max(n, 1)), Math.round(totPay / Math.max(n, 1)), conv, (totAmt / 100 / Math.max(n, 1)).toFixed(2), "15.2", "32.7", "95.10%", "98.20%", ""]);
  rows.push(["", "全店汇总值", totInq + 120, totPay + 20, conv, ((totAmt + 350000) / 100).toFixed(2), "", "", "", "", ""]);
  rows.push(["", "同行同层均值", 3200, 1100, "34.38%", "215000.00", "18.0", "40.0", "93.00%", "97.00%", ""]);
  return { file: shop === null ? `千牛客服绩效-${opts.month}.xlsx` : `千牛客服绩效-${shop}-${opts.month}.xlsx`, sheet: "客服绩效", rows, merges: [] };
}

// ───────────────────────────── roster and incidents ─────────────────────────────

export function generateRoster(opts: SampleOptions): SampleTable {
  const agents = sampleAgents(opts.agents, opts.seed);
  const rows: SampleCell[][] = [["工号", "姓名", "旺旺", "岗位", "入职日期", "月度目标"]];
  for (const a of agents) {
    const hired = new Date(Date.UTC(+a.hiredOn.slice(0, 4), +a.hiredOn.slice(5, 7) - 1, +a.hiredOn.slice(8, 10)));
    rows.push([a.staffNo, a.name, a.nick, a.role, hired, a.target]);
  }
  return { file: "花名册.xlsx", sheet: "花名册", rows, merges: [] };
}

/**
 * What the manager recorded in the month: one agent with three complaints (→ dismissal flag),
 * a production delay and an unconfirmed address on real orders, a note error with a loss of
 * 800, off-task and cleaning; 客服 written as 工号 or 姓名, 类型 as label, alias or key.
 */
export function generateIncidents(opts: SampleOptions, orders: SampleOrder[] = generateOrders(opts)): SampleTable {
  const agents = sampleAgents(opts.agents, opts.seed);
  const { start, end } = monthBounds(opts.month);
  const d = (day: number) => `${opts.month}-${pad(day)}`;
  const orderOf = (agent: number, nth: number): string => {
    const mine = orders.filter((o) => o.agent === agent && o.paidAt !== null && o.paidAt >= start && o.paidAt < end && o.status !== "closed");
    return mine.length ? mine[Math.min(nth, mine.length - 1)].id : "";
  };
  const A = (i: number) => agents[i % agents.length];
  const rows: SampleCell[][] = [["日期", "客服", "类型", "订单编号", "损失金额", "备注"]];
  rows.push([d(8), A(4).staffNo, "投诉", "", "", "买家投诉回复慢"]);
  rows.push([d(15), A(4).name, "客户投诉", "", "", "买家投诉态度差"]);
  rows.push([d(27), A(4).staffNo, "complaint", "", "", "中差评投诉"]);
  rows.push([d(9), A(1).staffNo, "投诉", "", "", "发错颜色被投诉"]);
  rows.push([d(11), A(2).staffNo, "生产延误", `="${orderOf(2, 3)}"`, "", "未及时下单生产"]);
  rows.push([d(17), A(3).staffNo, "未核对收货信息", `="${orderOf(3, 5)}"`, "", "地址未与买家核对，寄错"]);
  rows.push([d(19), A(5).staffNo, "note_error_loss", `="${orderOf(5, 2)}"`, "800", "尺寸备注错误，整单重做"]);
  rows.push([d(21), A(6).staffNo, "备注错误(生产前发现)", "", "", "发货时间写错"]);
  rows.push([d(13), A(7).name, "玩游戏", "", "", "上班时间玩游戏"]);
  rows.push([d(24), A(8).staffNo, "未做值日", "", "", "周五值日未做"]);
  return { file: `违规记录-${opts.month}.xlsx`, sheet: "违规记录", rows, merges: [] };
}

// ───────────────────────────── all files ─────────────────────────────

export interface SampleSet {
  /** The order export, GBK CSV bytes. */
  ordersCsv: { name: string; bytes: Uint8Array };
  orders: SampleOrder[];
  /** The sheets to write as xlsx (write.ts). */
  tables: SampleTable[];
}

export function generateSampleSet(opts: SampleOptions = DEFAULT_SAMPLE): SampleSet {
  const chunks: Uint8Array[] = [];
  const orders = generateOrdersCsv(opts, (c) => chunks.push(c));
  const bytes = joinBytes(chunks);
  return {
    ordersCsv: { name: `订单报表-${opts.month}.csv`, bytes },
    orders,
    tables: [generateAttendance(opts), ...salesTables(opts, orders), generateRoster(opts), generateIncidents(opts, orders)],
  };
}

/** 千牛's export: one for the shop, or one per shop of a sample group. */
export function salesTables(opts: SampleOptions, orders: SampleOrder[]): SampleTable[] {
  return opts.shops && opts.shops.length > 0 ? opts.shops.map((s) => generateSales(opts, orders, s)) : [generateSales(opts, orders)];
}

/**
 * Every sample file as bytes without ExcelJS: the order export as GBK CSV, the other sheets as
 * UTF-8 CSV with BOM (the xlsx versions come from write.ts). Names end in .csv.
 */
export function generateSamples(opts: SampleOptions = DEFAULT_SAMPLE): { name: string; bytes: Uint8Array }[] {
  const set = generateSampleSet(opts);
  const out = [set.ordersCsv];
  for (const t of set.tables) out.push({ name: t.file.replace(/\.xlsx$/, ".csv"), bytes: tableToCsv(t) });
  return out;
}

/** A table as UTF-8 CSV with a BOM (what Excel writes for "CSV UTF-8"). */
export function tableToCsv(t: SampleTable): Uint8Array {
  const text = t.rows
    .map((row) =>
      row
        .map((v) => (v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))
        .map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
        .join(","),
    )
    .join("\r\n");
  return new TextEncoder().encode("\ufeff" + text + "\r\n");
}

function joinBytes(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
