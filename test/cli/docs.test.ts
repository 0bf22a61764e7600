/** docs/cli.md stays true: its JSON contract block is what reportToJson writes, key for key. */
import { readFileSync } from "fs";
import * as path from "path";
import { reportToJson } from "../../src/core/sheets/json";
import { RULE_KEYS } from "../../src/core/rules/types";
import { handReport } from "../sheets/hand-report";

const doc = readFileSync(path.join(__dirname, "..", "..", "docs", "cli.md"), "utf8");
const block = /```json\n([\s\S]*?)```/.exec(doc)![1];
const documented = JSON.parse(block);
const actual = reportToJson(handReport()) as unknown as Record<string, unknown>;

const prefix = (doc: object, real: object) => expect(Object.keys(real).slice(0, Object.keys(doc).length)).toEqual(Object.keys(doc));

test("top-level keys in the documented order", () => prefix(documented, actual));

test.each(["agents", "penalties", "days", "unattributed", "problems"])("%s: documented fields first, same JSON types", (key) => {
  const d = documented[key][0];
  const a = (actual[key] as Record<string, unknown>[])[0];
  prefix(d, a);
  for (const k of Object.keys(d)) {
    if (a[k] === null) continue; // nullable fields (conversion, aov, row) are documented with a sample type
    expect(typeof a[k]).toBe(typeof d[k]);
  }
});

test("every field the doc lists as extra exists", () => {
  const extras = /其后另有 `([^`]+)`/.exec(doc)![1].split(/,\s*/);
  for (const k of extras) expect(Object.keys((actual.agents as object[])[0])).toContain(k);
  for (const k of /顶层另有 `([^`]+)`/.exec(doc)![1].split(/,\s*/)) expect(Object.keys(actual)).toContain(k);
});

test("the rule keys listed are the engine's", () => {
  const listed = /rule` 取值 \/ values: `([^`]+)`/.exec(doc)![1].split(/,\s*/);
  expect(listed).toEqual([...RULE_KEYS]);
});
