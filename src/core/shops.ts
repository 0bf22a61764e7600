/**
 * Several shops (多店铺): a group's exports name each order's shop (店铺名称); a build can be for
 * one shop or for the group. The group's build is every shop's orders together — an agent who
 * serves several shops is paid once, on the sum — and a shop's build keeps that shop's orders
 * and the chat-sales rows of its own sub-accounts (`店铺:子账号`, when the prefix names a shop of
 * the group). Attendance, roster and incidents are the team's, not a shop's: they stay.
 */
import type { Dataset } from "./model";
import type { MonthReport } from "./reports/types";
import { KefuError, problem, type Problem } from "./problems";

const key = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/** The shops the orders name, in name order (blank names left out). */
export function shopsOf(data: Pick<Dataset, "orders">): string[] {
  return shopsNamed(data.orders.map((o) => o.shop));
}

/**
 * The shops among these names, in name order (blank names left out). A month names a handful of
 * shops on a million orders: each distinct spelling is normalised once, not once per order.
 */
export function shopsNamed(names: Iterable<string | undefined>): string[] {
  const spelled = new Set<string>();
  for (const s of names) if (s) spelled.add(s);
  const seen = new Map<string, string>();
  for (const s of spelled) if (!seen.has(key(s))) seen.set(key(s), s);
  return [...seen.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The shops of a built month's counted orders, in name order. The scan notes the spellings as it
 * passes (reports/ordertable.ts), so a one-shop month of a million orders costs no second pass.
 */
export function countedShops(report: Pick<MonthReport, "counted" | "shopSpellings">): string[] {
  return shopsNamed(report.shopSpellings ?? report.counted.map((c) => c.order.shop));
}

/** The shop part of a `店铺:子账号` nick, or "" when it has none. */
function nickShop(nick: string): string {
  const i = Math.max(nick.lastIndexOf(":"), nick.lastIndexOf("："));
  return i > 0 ? nick.slice(0, i).trim() : "";
}

/**
 * The dataset of one shop. Refused (KefuError) when no order names that shop, with the shops the
 * orders do name; orders naming no shop are left out with one warning saying how many.
 * @example forShop(data, "小店旗舰店").data.orders.every((o) => o.shop === "小店旗舰店") // true
 */
export function forShop(data: Dataset, shop: string): { data: Dataset; problems: Problem[] } {
  const want = key(shop);
  const shops = shopsOf(data);
  if (want === "" || !shops.some((s) => key(s) === want)) {
    const list = shops.length > 0 ? shops.join("、") : "（无）";
    throw new KefuError([
      problem(
        "error",
        "input.shop.unknown",
        { file: "", sheet: "" },
        shop,
        `订单中没有店铺「${shop}」；订单中的店铺：${list}${shops.length === 0 ? "（订单导出没有店铺名称列，无法按店铺生成）" : ""}`,
        `no order is of the shop "${shop}"; the orders name: ${shops.length > 0 ? shops.join(", ") : "none"}${shops.length === 0 ? " (the orders export has no 店铺名称 column, so it cannot be built per shop)" : ""}`,
      ),
    ]);
  }
  const problems: Problem[] = [];
  const unnamed = data.orders.filter((o) => !o.shop).length;
  if (unnamed > 0) {
    problems.push(
      problem("warning", "input.shop.unnamed", { file: "", sheet: "" }, unnamed, `${unnamed} 笔订单没有店铺名称，不计入店铺「${shop}」`, `${unnamed} orders name no shop and are not counted for the shop "${shop}"`),
    );
  }
  const known = new Set(shops.map(key));
  // One normalisation per spelling, not per order.
  const keys = new Map<string, string>();
  const keyOf = (name: string): string => {
    let k = keys.get(name);
    if (k === undefined) keys.set(name, (k = key(name)));
    return k;
  };
  return {
    data: {
      ...data,
      orders: data.orders.filter((o) => o.shop !== undefined && keyOf(o.shop) === want),
      ...(data.shipMismatches ? { shipMismatches: data.shipMismatches.filter((m) => m.shop !== undefined && keyOf(m.shop) === want) } : {}),
      sales: data.sales.filter((s) => {
        const of = key(nickShop(s.nick));
        return of === "" || !known.has(of) || of === want;
      }),
    },
    problems,
  };
}
