/**
 * functions.json is generated from functions.ts's JSDoc (custom-functions-metadata, the
 * generator the webpack plugin runs). Every function and parameter must be described in
 * Chinese and English, ids must be upper-case and namespace-free (Excel adds KEFU.).
 */
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as entryPoints from "../../src/functions/functions";

const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");

const EXPECTED = [
  "COMMISSION",
  "TIERRATE",
  "AGENT",
  "ORDERID",
  "LATE",
  "EARLY",
  "FINE",
  "CONVERSION",
  "AOV",
  "SCORE",
  "COLLECTED",
];

interface Param {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result: { dimensionality?: string; type?: string };
}

let functions: Fn[] = [];
let associate: { functionName: string; id: string }[] = [];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE, false);
  expect(result.errors).toEqual([]);
  functions = JSON.parse(result.metadataJson).functions;
  associate = result.associate;
});

/** "中文说明 / English description": both scripts present, Chinese first. */
function bilingual(text: string | undefined): boolean {
  if (!text) return false;
  const zh = text.search(/[\u4e00-\u9fff]/);
  const en = text.search(/[A-Za-z]{3,}/);
  return zh >= 0 && en >= 0 && text.includes(" / ");
}

test("the expected functions, in order, with upper-case namespace-free ids", () => {
  expect(functions.map((f) => f.id)).toEqual(EXPECTED);
  for (const f of functions) {
    expect(f.name).toBe(f.id);
    expect(f.id).toMatch(/^[A-Z][A-Z0-9]{2,}$/);
    expect(f.id.startsWith("KEFU")).toBe(false);
  }
});

test("every function and every parameter is described in Chinese and English", () => {
  const missing: string[] = [];
  for (const f of functions) {
    if (!bilingual(f.description)) missing.push(f.id);
    for (const p of f.parameters) if (!bilingual(p.description)) missing.push(`${f.id}(${p.name})`);
  }
  expect(missing).toEqual([]);
});

test("range-capable parameters are matrices and results spill (COLLECTED is a total)", () => {
  for (const f of functions) {
    const first = f.parameters[0];
    expect([f.id, first.dimensionality]).toEqual([f.id, "matrix"]);
    expect([f.id, f.result.dimensionality]).toEqual([f.id, f.id === "COLLECTED" ? undefined : "matrix"]);
  }
});

test("required parameters come before optional ones", () => {
  for (const f of functions) {
    const flags = f.parameters.map((p) => Boolean(p.optional));
    expect(flags).toEqual([...flags].sort((a, b) => Number(a) - Number(b)));
  }
});

test("every exported entry point is associated with its id, and nothing else is", () => {
  const exported = Object.keys(entryPoints).filter((k) => typeof (entryPoints as Record<string, unknown>)[k] === "function");
  expect(associate.map((a) => a.functionName).sort()).toEqual(exported.sort());
  for (const a of associate) expect(a.id).toBe(a.functionName.toUpperCase());
});
