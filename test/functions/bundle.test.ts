/**
 * The production bundle of the functions entry, built with the project's webpack config (the
 * task pane entry left out): functions.json is emitted offline, the metadata plugin's appended
 * associate calls register every function with Excel's runtime, and the same bundle loads
 * without error where there is no runtime (the pane opened in a plain browser).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";

const ROOT = path.resolve(__dirname, "../..");
let outDir = "";

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-functions-"));
  const webpack = require("webpack");
  const HtmlWebpackPlugin = require("html-webpack-plugin");
  const CopyWebpackPlugin = require("copy-webpack-plugin");
  const config = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" });
  config.context = ROOT;
  config.entry = { functions: config.entry.functions };
  config.output.path = outDir;
  config.plugins = config.plugins.filter((p: object) => !(p instanceof HtmlWebpackPlugin) && !(p instanceof CopyWebpackPlugin));
  const cwd = process.cwd();
  process.chdir(ROOT); // the metadata plugin resolves its input against the working directory
  try {
    const stats: any = await new Promise((resolve, reject) =>
      webpack(config, (err: Error | null, s: unknown) => (err ? reject(err) : resolve(s))),
    );
    expect(stats.compilation.errors.map(String)).toEqual([]);
  } finally {
    process.chdir(cwd);
  }
}, 120000);

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

test("functions.json is emitted with the eleven KEFU functions", () => {
  const meta = JSON.parse(fs.readFileSync(path.join(outDir, "functions.json"), "utf8"));
  expect(meta.functions.map((f: { id: string }) => f.id)).toHaveLength(11);
});

function run(globals: Record<string, unknown>): void {
  const ctx: Record<string, unknown> = { console, ...globals };
  ctx.globalThis = ctx;
  vm.runInNewContext(fs.readFileSync(path.join(outDir, "functions.js"), "utf8"), ctx);
}

test("inside Excel, every function is associated and errors are CustomFunctions.Error values", () => {
  const registered: Record<string, (...a: unknown[]) => unknown> = {};
  class HostError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  run({
    CustomFunctions: {
      associate: (id: string, fn: (...a: unknown[]) => unknown) => (registered[id] = fn),
      Error: HostError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    },
  });
  expect(Object.keys(registered).sort()).toEqual(
    ["AGENT", "AOV", "COLLECTED", "COMMISSION", "CONVERSION", "EARLY", "FINE", "LATE", "ORDERID", "SCORE", "TIERRATE"],
  );
  const out = registered.COMMISSION([[20000], ["abc"]]) as unknown[][];
  expect(out[0][0]).toBe(200);
  expect(out[1][0]).toBeInstanceOf(HostError);
  expect((out[1][0] as HostError).code).toBe("#VALUE!");
  expect((out[1][0] as HostError).message).toMatch(/不是金额.* \/ .*is not an amount/);
  const late = registered.LATE([[null]], [["08:30"]]) as HostError[][];
  expect(late[0][0].code).toBe("#N/A");
});

test("outside Excel (no CustomFunctions global) the bundle loads without throwing", () => {
  expect(() => run({})).not.toThrow();
});
