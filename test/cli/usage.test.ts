/** What the command line says when it is used wrong, or asked: both languages, each thing once. */
import { version } from "../../src/cli/main";
import { cli } from "./run";

test("--help marks the required options and shows an example", async () => {
  const r = await cli("build", "--help");
  expect(r.code).toBe(0);
  for (const flag of ["--orders", "--attendance", "--sales", "--out"]) expect(r.out).toMatch(new RegExp(`${flag} <[^>]+>\\s+【必填 required】`));
  for (const flag of ["--roster", "--incidents", "--rules", "--month"]) expect(r.out).not.toMatch(new RegExp(`${flag} <[^>]+>\\s+【必填`));
  expect(r.out).toMatch(/示例 Example:\n\s+kefu-board build --orders \S+\.csv --attendance/);
});

test("--version prints the package's version", async () => {
  const r = await cli("--version");
  expect(r.code).toBe(0);
  expect(r.out.trim()).toBe(version());
  expect(version()).toMatch(/^\d+\.\d+\.\d+/);
});

test("a mistyped option is named, with the closest valid one, before anything else", async () => {
  const r = await cli("build", "--order", "o.csv", "--attendance", "a.csv", "--sales", "s.csv", "--out", "x.xlsx");
  expect(r.code).toBe(2);
  expect(r.err).toContain("错误：未知选项 --order，是否想用 --orders？");
  expect(r.err).toContain("error: unknown option '--order' (did you mean --orders?)");
  expect(r.err).not.toMatch(/required option/);
});

test("every missing required option is named at once, in Chinese and English", async () => {
  const r = await cli("build", "--sales", "s.csv");
  expect(r.code).toBe(2);
  expect(r.err).toContain("缺少必填选项：--orders（订单报表）、--attendance（考勤）、--out（输出工作簿）");
  expect(r.err).toContain("missing required options: --orders, --attendance, --out");
});

test("a missing file's path is printed once per file", async () => {
  const r = await cli("build", "--orders", "nope-orders.csv", "--attendance", "nope-att.xlsx", "--sales", "nope-sales.csv", "--out", "x-never.xlsx");
  expect(r.code).toBe(1);
  for (const f of ["nope-orders.csv", "nope-att.xlsx", "nope-sales.csv"]) {
    expect(r.err.split(f).length - 1).toBe(1);
  }
  expect(r.err).toMatch(/nope-orders\.csv: 文件不存在.* \/ file not found/);
});
