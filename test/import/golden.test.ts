/**
 * Golden files: every fixture in test/fixtures/import is imported and compared with the summary
 * stored beside it (<name>.expected.json): kind, variant, encoding, rows, records and every
 * problem with its exact bilingual message. A file named `as-<kind>--…` is imported for that
 * slot. A fixture with a `<name>.columns.tsv` beside it is imported with those 【列名】 lines (the
 * rules sheet's column mapping, tab-separated as the command line prints them). Adding a case is
 * adding a file; `UPDATE_GOLDEN=1 npx jest test/import/golden` writes the summaries (then read the diff).
 */
import * as fs from "fs";
import * as path from "path";
import type { SourceKind } from "../../src/core/import/types";
import { RULES_HEADER, rulesFromRows } from "../../src/core/rules/sheet";
import { importBytes } from "./helpers";

const DIR = path.join(__dirname, "../fixtures/import");
const files = fs.readdirSync(DIR).filter((f) => /\.(csv|txt)$/.test(f)).sort();

/** The 【列名】 lines beside a fixture, read through the rules sheet's own reader. */
function columnsFor(file: string) {
  const p = path.join(DIR, file + ".columns.tsv");
  if (!fs.existsSync(p)) return [];
  const lines = fs.readFileSync(p, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const { rules, problems } = rulesFromRows([RULES_HEADER.slice(), ...lines.map((l) => l.split("\t"))], { file: p, sheet: "规则" });
  expect(problems).toEqual([]);
  return rules.columns;
}

function summary(file: string) {
  const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)));
  const m = /^as-([a-z]+)--/.exec(file);
  const r = importBytes(bytes, file, m ? (m[1] as SourceKind) : null, 4096, columnsFor(file));
  const strip = <T extends { source: unknown }>(xs: T[]) => xs.map(({ source, ...rest }) => ({ ...rest, row: (source as { row: number }).row }));
  return {
    kind: r.kind,
    variant: r.recognition.variant,
    headerRow: r.recognition.headerRow,
    encoding: r.encoding,
    rowsRead: r.rowsRead,
    orders: strip(r.data.orders),
    shifts: strip(r.data.shifts),
    sales: strip(r.data.sales),
    roster: strip(r.data.roster),
    incidents: strip(r.data.incidents),
    // Kinds added later appear only where a fixture has them (the older summaries stay as they are).
    ...(r.data.refunds ? { refunds: strip(r.data.refunds) } : {}),
    ...(r.data.affiliates ? { affiliates: strip(r.data.affiliates) } : {}),
    ...(r.data.returnShipping ? { returnShipping: strip(r.data.returnShipping) } : {}),
    problems: r.problems.map((p) => ({ severity: p.severity, code: p.code, row: p.row, column: p.column, value: p.value, zh: p.zh, en: p.en })),
  };
}

describe("golden import fixtures", () => {
  test("there are fixtures, each with its expected summary", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    if (!process.env.UPDATE_GOLDEN) for (const f of files) expect(fs.existsSync(path.join(DIR, f + ".expected.json"))).toBe(true);
  });
  test.each(files)("%s", (file) => {
    const got = JSON.parse(JSON.stringify(summary(file)));
    const expectedPath = path.join(DIR, file + ".expected.json");
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(expectedPath, JSON.stringify(got, null, 2) + "\n");
    expect(got).toEqual(JSON.parse(fs.readFileSync(expectedPath, "utf8")));
  });
});
