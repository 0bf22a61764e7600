/**
 * Nothing altered: the command line never writes to its inputs (hashes before and after two
 * builds), and the same inputs give a byte-identical JSON with the same penalty ids.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { build, cleanupTmp, runCli, sha256, tmpDir, writeInput, type BuildCase, type Built } from "./harness";
import * as C from "./corpus";

afterAll(cleanupTmp);

/** The case's files written once, and a function that builds from them into `out`. */
async function fixed(c: BuildCase) {
  const dir = await tmpDir("fixed");
  const files: string[] = [];
  const args = ["build"];
  for (const { slot, file } of c.inputs) {
    const p = await writeInput(dir, file);
    files.push(p);
    args.push(`--${slot}`, p);
  }
  if (c.month) args.push("--month", c.month);
  const run = (name: string): Promise<Built> => {
    const xlsx = path.join(dir, `${name}.xlsx`);
    const json = path.join(dir, `${name}.json`);
    return runCli([...args, "--out", xlsx, "--json", json], dir, xlsx, json);
  };
  return { dir, files, run };
}

describe("source files are never modified", () => {
  test("hashes of every input (CSV, GBK, UTF-16, xlsx) are the same after a build and a rebuild", async () => {
    const c = C.month({
      attendance: C.csvFile("考勤.csv", C.attendanceRows(), "utf16le"),
      roster: { name: "花名册.xlsx", sheets: [{ name: "花名册", rows: C.rosterRows() }] },
    });
    const f = await fixed(c);
    const before = await Promise.all(f.files.map(sha256));
    const stats = await Promise.all(f.files.map((p) => fs.stat(p)));
    const first = await f.run("board");
    expect(first.code).toBe(0);
    const again = await f.run("board");
    expect(again.code).toBe(0);
    expect(await Promise.all(f.files.map(sha256))).toEqual(before);
    const after = await Promise.all(f.files.map((p) => fs.stat(p)));
    expect(after.map((s) => s.mtimeMs)).toEqual(stats.map((s) => s.mtimeMs));
    // Nothing else appeared next to the inputs but the two outputs.
    const names = (await fs.readdir(f.dir)).sort();
    expect(names).toEqual([...f.files.map((p) => path.basename(p)), "board.json", "board.xlsx"].sort());
  });
});

describe("the same inputs, the same output", () => {
  test("two runs give byte-identical JSON and the same penalty ids", async () => {
    const f = await fixed(C.month());
    const a = await f.run("a");
    const b = await f.run("b");
    expect(a.code).toBe(0);
    expect(b.jsonText).toBe(a.jsonText);
    expect(a.json.penalties.length).toBeGreaterThan(2);
  });

  test("penalty ids come from content: reordered source rows give the same ids", async () => {
    const a = await build(C.month());
    const inc = C.incidentRows();
    const att = C.attendanceRows();
    const b = await build(
      C.month({
        incidents: C.csvFile("违规记录.csv", [inc[0], ...inc.slice(1).reverse()]),
        attendance: C.csvFile("考勤.csv", [att[0], ...att.slice(1).reverse()]),
        orders: C.csvFile("订单报表.csv", [C.ORDER_HEADERS, ...C.ordersRows().slice(1).reverse()]),
      }),
    );
    const ids = (x: Built) => x.json.penalties.map((p: { id: string; amount: number; occurrence: number }) => [p.id, p.amount, p.occurrence]);
    expect(ids(b)).toEqual(ids(a));
    expect(b.json.agents).toEqual(a.json.agents);
  });
});
