/**
 * docs/bad-input.md names, for every promise, the test that proves it: each test file it names
 * exists and each quoted test title is one of that suite's tests, so the page cannot drift from
 * the suite.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const doc = fs.readFileSync(path.join(ROOT, "docs/bad-input.md"), "utf8");
const hostile = fs.readdirSync(__dirname).filter((f) => /\.test\.tsx?$/.test(f));
const sources = new Map(hostile.map((f) => [f, fs.readFileSync(path.join(__dirname, f), "utf8")]));

test("every test file the page names exists", () => {
  const named = [...doc.matchAll(/`((?:test\/[\w/]+\/)?[\w.-]+\.test\.tsx?)`/g)].map((m) => m[1]);
  expect(named.length).toBeGreaterThanOrEqual(8);
  for (const n of named) {
    const p = n.includes("/") ? path.join(ROOT, n) : path.join(__dirname, n);
    expect(`${n}: ${fs.existsSync(p)}`).toBe(`${n}: true`);
  }
  // And every suite of test/hostile is on the page.
  for (const f of hostile.filter((f) => f !== "docs.test.ts")) expect(doc).toContain(f);
});

test("every quoted test title on the page is a test or describe title in test/hostile", () => {
  const titles = [...doc.matchAll(/"([^"\n]{8,}?)…?"/g)]
    .map((m) => m[1].replace(/…$/, ""))
    .filter((t) => !t.includes("http") && !/^\p{Script=Han}/u.test(t));
  expect(titles.length).toBeGreaterThanOrEqual(20);
  const all = [...sources.values()].join("\n");
  for (const t of titles) expect(`${t}: ${all.includes(t)}`).toBe(`${t}: true`);
});
