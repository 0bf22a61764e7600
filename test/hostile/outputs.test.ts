/**
 * Outputs never destroy what the manager owns (issue 18, critical): an output that is an input
 * or the other output — by name, symbolic link or hard link — is refused before anything is
 * read, and the outputs are written all-or-nothing (a failed --json leaves the old workbook and
 * the old JSON as they were).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { cleanupTmp, sha256, tmpDir, writeInput } from "./harness";
import { cli } from "../cli/run";
import * as C from "./corpus";
import { outputClashes } from "../../src/cli/outputs";

afterAll(cleanupTmp);

/** The clean month's files in a fresh folder; `args(out, json)` is a build command over them. */
async function setup() {
  const dir = await tmpDir("outputs");
  const c = C.month();
  const files: string[] = [];
  const inputArgs: string[] = [];
  for (const { slot, file } of c.inputs) {
    const p = await writeInput(dir, file);
    files.push(p);
    inputArgs.push(`--${slot}`, p);
  }
  const args = (out: string, json?: string) => ["build", ...inputArgs, "--month", "2026-10", "--out", out, ...(json ? ["--json", json] : [])];
  const run = (out: string, json?: string) => cli(...args(out, json));
  const hashes = () => Promise.all(files.map(sha256));
  return { dir, files, run, hashes };
}

describe("an output that is an input is refused before anything is read", () => {
  test.each([
    ["a symbolic link", (target: string, link: string) => fs.symlink(target, link)],
    ["a hard link", (target: string, link: string) => fs.link(target, link)],
  ])("--json as %s to the orders file: exit 1, the orders untouched", async (_kind, makeLink) => {
    const s = await setup();
    const before = await s.hashes();
    const link = path.join(s.dir, "summary.json");
    await makeLink(s.files[0], link);
    const r = await s.run(path.join(s.dir, "board.xlsx"), link);
    expect(r.code).toBe(1);
    expect(r.err).toContain("--json");
    expect(r.err).toContain("--orders");
    expect(r.err).toMatch(/同一个文件.*same file/);
    expect(r.err).not.toMatch(/读取 reading/); // refused before any input was opened
    expect(await s.hashes()).toEqual(before);
    await expect(fs.access(path.join(s.dir, "board.xlsx"))).rejects.toThrow();
  });

  test("--out as a symbolic link to the attendance file through a linked folder", async () => {
    const s = await setup();
    const before = await s.hashes();
    const linkedDir = path.join(s.dir, "linked");
    await fs.symlink(s.dir, linkedDir);
    // Not a link itself: the same file reached through a linked folder, under an .xlsx name.
    const attendanceAsXlsx = path.join(s.dir, "att.xlsx");
    await fs.link(s.files[1], attendanceAsXlsx);
    const r = await s.run(path.join(linkedDir, "att.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("--attendance");
    expect(await s.hashes()).toEqual(before);
  });
});

test("an output named with {month} is checked again once the month is known", async () => {
  const s = await setup();
  const before = await s.hashes();
  // Without --month the name is known only after the orders are read: still refused before writing.
  await fs.link(s.files[0], path.join(s.dir, "summary-2026-10.json"));
  const args = ["build"];
  for (const { slot, file } of C.month().inputs) args.push(`--${slot}`, path.join(s.dir, file.name));
  const r = await cli(...args, "--out", path.join(s.dir, "board.xlsx"), "--json", path.join(s.dir, "summary-{month}.json"));
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/--json.*--orders/);
  expect(await s.hashes()).toEqual(before);
  await expect(fs.access(path.join(s.dir, "board.xlsx"))).rejects.toThrow();
});

describe("--json and --out are never the same file", () => {
  test("--json equal to --out: refused, the previous workbook (with the manager's edits) kept", async () => {
    const s = await setup();
    const board = path.join(s.dir, "board.xlsx");
    expect((await s.run(board)).code).toBe(0);
    const before = await sha256(board);
    const r = await s.run(board, board);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--json.*--out/);
    expect(await sha256(board)).toBe(before);
  });

  test("--json a symbolic link to --out: refused, the workbook kept", async () => {
    const s = await setup();
    const board = path.join(s.dir, "board.xlsx");
    expect((await s.run(board)).code).toBe(0);
    const before = await sha256(board);
    const link = path.join(s.dir, "board.json");
    await fs.symlink(board, link);
    const r = await s.run(board, link);
    expect(r.code).toBe(1);
    expect(await sha256(board)).toBe(before);
  });

  test("--json a hard link to --out: refused, the workbook kept", async () => {
    const s = await setup();
    const board = path.join(s.dir, "board.xlsx");
    expect((await s.run(board)).code).toBe(0);
    const before = await sha256(board);
    const link = path.join(s.dir, "board.json");
    await fs.link(board, link);
    const r = await s.run(board, link);
    expect(r.code).toBe(1);
    expect(await sha256(board)).toBe(before);
  });

  test("two outputs that do not exist yet, named differently but the same path", () => {
    const p = outputClashes([], [
      { flag: "--out", file: "/tmp/kefu-none/x/../b.xlsx" },
      { flag: "--json", file: "/tmp/kefu-none/b.xlsx" },
    ]);
    expect(p.map((x) => x.code)).toEqual(["output.same_as_output"]);
  });
});

describe("outputs are written all-or-nothing", () => {
  test("a --json that cannot be written leaves the old workbook and the old JSON as they were", async () => {
    const s = await setup();
    const board = path.join(s.dir, "board.xlsx");
    const json = path.join(s.dir, "board.json");
    expect((await s.run(board, json)).code).toBe(0);
    const before = [await sha256(board), await sha256(json)];
    // A file where the JSON's folder should be: the JSON cannot be written.
    const blocker = path.join(s.dir, "blocked");
    await fs.writeFile(blocker, "not a folder");
    const r = await s.run(board, path.join(blocker, "board.json"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/无法写入输出文件|cannot write the output/);
    expect([await sha256(board), await sha256(json)]).toEqual(before);
    // No temporary file is left behind.
    expect((await fs.readdir(s.dir)).filter((n) => /tmp/.test(n))).toEqual([]);
  });

  test("a build through a symbolic --out updates the linked workbook and keeps the link", async () => {
    const s = await setup();
    const real = path.join(s.dir, "real.xlsx");
    expect((await s.run(real)).code).toBe(0);
    const link = path.join(s.dir, "link.xlsx");
    await fs.symlink(real, link);
    expect((await s.run(link)).code).toBe(0);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
  });
});
