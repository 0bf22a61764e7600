/**
 * An ERP's split order (拆单): one platform order shipped as several ERP orders, each with its own
 * ERP number and its part of the money. The parts are one sale: read as one order, amounts added,
 * whatever the row order and however many lines each part has — never one part kept as "the"
 * copy and the rest dropped as duplicates.
 */
import { mergeImports } from "../../src/core/import/merge";
import { importCsv } from "./helpers";

const HEAD = ["内部单号", "线上单号", "店铺", "订单日期", "付款日期", "发货日期", "买家账号", "状态", "已付金额", "运费", "备注", "快递单号"];
const ID = "2873000000000000202";
/** A 聚水潭 line: ERP number, platform id ("" = blank), status, paid, shipped time, tracking. */
const line = (erp: string, id: string, status: string, paid: string, shipped = "2026-11-05 15:00:00", tracking = `ZT${erp}`) => [
  erp, id === "" ? "" : `="${id}"`, "B店", "2026-11-05 09:00:00", "2026-11-05 09:01:00", shipped, "b2", status, paid, "0.00", "KF02", tracking,
];

const other = line("30001", "2873000000000000201", "已发货", "80.00");

test.each([
  ["two parts", [line("30003", ID, "已发货", "60.00"), line("30004", ID, "已发货", "40.00")], 10000, 0, "已发货"],
  ["parts in the other order", [line("30004", ID, "已发货", "40.00"), line("30003", ID, "已发货", "60.00")], 10000, 0, "已发货"],
  ["three parts", [line("1", ID, "已发货", "50.00"), line("2", ID, "已发货", "30.00"), line("3", ID, "已发货", "20.00")], 10000, 0, "已发货"],
  // Each part's item line repeats it: still 60 + 40, with and without the platform id.
  ["item lines of each part", [line("30003", ID, "已发货", "60.00"), line("30003", ID, "已发货", "60.00"), line("30004", ID, "已发货", "40.00"), line("30004", "", "已发货", "40.00")], 10000, 0, "已发货"],
  // One parcel still waiting: the order is not shipped yet.
  ["a part not shipped", [line("30003", ID, "已发货", "60.00"), line("30004", ID, "已付款待审核", "40.00", "", "")], 10000, 0, "已付款待审核"],
  // A cancelled part: its money came back.
  ["a part cancelled", [line("30003", ID, "已取消", "60.00", "", ""), line("30004", ID, "已发货", "40.00")], 10000, 6000, "已发货"],
  // The original row the ERP split (被拆分) is not a part: the parts carry the sale.
  ["the split-away original", [line("30002", ID, "被拆分", "100.00", ""), line("30003", ID, "已发货", "60.00"), line("30004", ID, "已发货", "40.00")], 10000, 0, "已发货"],
])("%s: one order, the parts' amounts added", (_name, lines, paid, refund, status) => {
  const r = importCsv([HEAD, other, ...lines]);
  const { data } = mergeImports([r]);
  const order = data.orders.find((o) => o.id === ID && o.status !== "被拆分")!;
  expect({ paid: order.paid, refund: order.refund, status: order.status }).toEqual({ paid, refund, status });
  expect(data.orders.filter((o) => o.id === ID && o.status !== "被拆分")).toHaveLength(1);
  expect(data.orders.find((o) => o.id === "2873000000000000201")!.paid).toBe(8000);
  expect(r.problems.filter((p) => p.code === "order.erp.split").length).toBeGreaterThan(0);
});

test("a part not shipped leaves the order without a ship time; tracking numbers of both parts are kept", () => {
  const { data } = mergeImports([importCsv([HEAD, line("30003", ID, "已发货", "60.00"), line("30004", ID, "已发货", "40.00", "2026-11-06 10:00:00")])]);
  const o = data.orders.find((x) => x.id === ID)!;
  expect(o.shippedAt).toBe(Date.UTC(2026, 10, 6, 10, 0, 0));
  expect(o.tracking).toBe("ZT30003,ZT30004");
  const waiting = mergeImports([importCsv([HEAD, line("30003", ID, "已发货", "60.00"), line("30004", ID, "已付款待审核", "40.00", "", "")])]).data.orders[0];
  expect(waiting.shippedAt).toBeNull();
});

test("lines of one ERP order are not a split: counted once, as before", () => {
  const r = importCsv([HEAD, line("30003", ID, "已发货", "60.00"), line("30003", ID, "已发货", "60.00"), line("30003", "", "已发货", "60.00")]);
  const { data, problems } = mergeImports([r]);
  expect(data.orders.filter((o) => o.id === ID).map((o) => o.paid)).toEqual([6000]);
  expect(problems.filter((p) => p.code.startsWith("order.erp.split"))).toEqual([]);
});

describe("a merged order (合单): several platform orders shipped as one ERP order", () => {
  const A = "2873000000000000203";
  const B = "2873000000000000204";
  const mergedRow = (paid: string) => ["30005", `${A},${B}`, "B店", "2026-11-06 09:00:00", "2026-11-06 09:01:00", "2026-11-06 15:00:00", "b3", "已发货", paid, "0.00", "KF03 合单", "ZT203"];
  const own = (erp: string, id: string, paid: string, note: string) => [erp, `="${id}"`, "B店", "2026-11-06 08:00:00", "2026-11-06 08:01:00", "", "b3", "被合并", paid, "0.00", note, ""];
  const read = (rows: string[][]) => {
    const r = importCsv([HEAD, ...rows]);
    return { r, orders: mergeImports([r]).data.orders };
  };

  test("with each order's own row (被合并) in the file: each counts at its amount, in the merged row's state", () => {
    const { r, orders } = read([own("30006", A, "50.00", "KF01"), own("30007", B, "70.00", ""), mergedRow("120.00")]);
    expect(orders.map((o) => [o.id, o.paid, o.status, o.note, o.tracking])).toEqual([
      [A, 5000, "已发货", "KF01 KF03 合单", "ZT203"],
      [B, 7000, "已发货", "KF03 合单", "ZT203"],
    ]);
    expect(orders[0].shippedAt).toBe(Date.UTC(2026, 10, 6, 15, 0, 0));
    expect(r.problems.map((p) => [p.severity, p.code])).toEqual([["info", "order.erp.merged"]]);
  });

  test.each([
    ["no own rows", [mergedRow("120.00")]],
    ["one order's own row missing", [own("30006", A, "50.00", "KF01"), mergedRow("120.00")]],
    ["amounts that do not add up", [own("30006", A, "50.00", "KF01"), own("30007", B, "60.00", ""), mergedRow("120.00")]],
  ])("%s: the merged row is refused, located, as before", (_name, rows) => {
    const { r, orders } = read(rows as string[][]);
    expect(r.problems.filter((p) => p.code === "order.id.several").map((p) => p.row)).toEqual([rows.length + 1]);
    expect(orders.every((o) => o.status === "被合并")).toBe(true);
  });
});
