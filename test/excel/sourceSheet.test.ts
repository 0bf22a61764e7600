import * as fs from "fs";
import * as path from "path";
import * as iconv from "iconv-lite";
import { decodeBytes, importCsvBytes, parseCsv } from "../../src/core/import";
import { ExcelDouble } from "../support/excelDouble";
import { addSourceSheet, sheetNameFor } from "../../src/excel/sourceSheet";
import { readSource } from "../../src/excel/read";

const HEADER = "订单编号,买家会员名,买家实际支付金额,买家应付邮费,订单状态,订单创建时间,订单付款时间,订单备注,退款金额,联系手机";
const LINES = [
  HEADER,
  `="2873190462331523456","=HYPERLINK(""http://evil"",""点我"")",128.50,0.00,交易成功,2026-10-02 09:15:00,2026-10-02 09:16:30,KF03 小美,无退款申请,'13800000000`,
  `="2873190462331523457",@SUM(1),"1,299.00",10,"卖家已发货，等待买家确认",2026/10/3 23:59:59,2026/10/3 23:59:59,-KF01,50元,00123`,
];

function gbk(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, "gbk"));
}

test("a GBK order CSV becomes a new sheet: ids exact text, money numbers, dates dates, everything else text", async () => {
  const bytes = gbk(LINES.join("\r\n") + "\r\n");
  const { text, encoding } = decodeBytes(bytes);
  expect(encoding.toLowerCase()).toMatch(/gb/);
  const rows = parseCsv(text);
  const x = new ExcelDouble();
  x.addSheet("订单报表-2026-10", [["already here"]]);
  const added = await addSourceSheet(x.run, "C:\\导出\\订单报表-2026-10.csv", rows);
  expect(added.name).toBe("订单报表-2026-10 (2)");
  expect(added.recognition.kind).toBe("orders");
  expect(added.rows).toBe(2);
  const s = x.sheet(added.name);
  // Row 2: the id unwrapped from ="…", exact, as text.
  expect(s.value(1, 0)).toBe("2873190462331523456");
  expect(s.format(1, 0)).toBe("@");
  // Hostile names and notes stay text, never formulas.
  expect(s.value(1, 1)).toBe('=HYPERLINK("http://evil","点我")');
  expect(s.formula(1, 1)).toBeNull();
  expect(s.value(2, 1)).toBe("@SUM(1)");
  expect(s.value(2, 7)).toBe("-KF01");
  expect(s.formula(2, 7)).toBeNull();
  // Money as numbers; text that is not money stays as written.
  expect(s.value(1, 2)).toBe(128.5);
  expect(s.value(2, 2)).toBe(1299);
  expect(s.format(2, 2)).toBe("¥#,##0.00");
  expect(s.value(1, 8)).toBe("无退款申请");
  expect(s.value(2, 8)).toBe(50);
  // Dates as real dates.
  expect(s.value(1, 6)).toBeCloseTo((Date.UTC(2026, 9, 2, 9, 16, 30) - Date.UTC(1899, 11, 30)) / 86400000, 8);
  expect(s.format(1, 6)).toBe("yyyy-mm-dd hh:mm:ss");
  // Phone numbers and codes keep their characters.
  expect(s.value(2, 9)).toBe("00123");
  expect(s.format(2, 9)).toBe("@");
  expect(x.sheet("订单报表-2026-10").mutations).toBe(0);

  // Read back through the adapter: the same orders as importing the file directly.
  const back = await readSource(x.run, added.name, "orders");
  const direct = importCsvBytes(bytes, "订单报表-2026-10.csv", "orders");
  const strip = (o: { source: unknown }) => ({ ...o, source: null });
  expect(back.data.orders.map(strip)).toEqual(direct.data.orders.map(strip));
});

test("the sample month's order export survives the trip through a sheet unchanged", async () => {
  const file = fs.readdirSync(path.resolve(__dirname, "../../samples")).find((f) => f.endsWith(".csv"))!;
  const bytes = new Uint8Array(fs.readFileSync(path.resolve(__dirname, "../../samples", file)));
  const x = new ExcelDouble();
  const added = await addSourceSheet(x.run, file, parseCsv(decodeBytes(bytes).text));
  const back = await readSource(x.run, added.name, null);
  const direct = importCsvBytes(bytes, file);
  const strip = (o: { source: unknown }) => ({ ...o, source: null });
  expect(back.data.orders.length).toBe(direct.data.orders.length);
  expect(back.data.orders.map(strip)).toEqual(direct.data.orders.map(strip));
});

test.each([
  ["订单.csv", "订单"],
  ["/tmp/a/b/考勤[10月]:v2.xlsx", "考勤_10月__v2"],
  ["'quoted'.csv", "quoted"],
  [".csv", "导入 Import"],
  ["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三.csv", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"],
])("sheet name for %p is %p", (file, name) => {
  expect(sheetNameFor(file)).toBe(name);
});
