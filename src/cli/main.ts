/**
 * `kefu-board` — the command line: build the month's workbook from export files, write the
 * default rules sheet, generate sample exports, run the demo.
 *
 * Exit codes: 0 success · 1 bad input (located messages on stderr) · 2 usage error.
 * @example
 *   kefu-board build --orders 订单.csv --attendance 考勤.xlsx --sales 客服绩效.csv --out board.xlsx --json board.json
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { readFileSync } from "fs";
import * as path from "path";
import { KefuError, formatProblem } from "../core";
import { runBuild, slotInputs } from "./build";
import { runDemo } from "./demo";
import { EXIT, UsageError, processIo, type Io } from "./io";
import { runRules } from "./rules";
import { runSamples } from "./samples";
import { terminalSafe } from "./terminal";

const collect = (value: string, previous: string[] = []): string[] => previous.concat([value]);

function monthArg(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError("应为 YYYY-MM / expected YYYY-MM, e.g. 2026-10");
  return value;
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("应为正整数 / expected a positive integer");
  return Number(value);
}

function xlsxPath(value: string): string {
  if (!/\.xlsx$/i.test(value)) throw new InvalidArgumentError("应以 .xlsx 结尾 / expected a file name ending in .xlsx");
  return value;
}

/** The package's version (package.json sits two levels up from src/cli and lib/cli alike). */
export function version(): string {
  try {
    return (JSON.parse(readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** How a required option is marked in --help. */
const REQUIRED = "【必填 required】";

/** Options a command cannot run without: all missing ones are named at once, in both languages. */
function requireAll(o: Record<string, unknown>, options: { key: string; flag: string; zh: string }[]): void {
  const missing = options.filter((x) => o[x.key] === undefined || (Array.isArray(o[x.key]) && (o[x.key] as unknown[]).length === 0));
  if (missing.length === 0) return;
  throw new UsageError(
    `缺少必填选项：${missing.map((m) => `${m.flag}（${m.zh}）`).join("、")}
` +
      `missing required option${missing.length > 1 ? "s" : ""}: ${missing.map((m) => m.flag).join(", ")}
` +
      "(kefu-board build --help 查看用法和示例 for usage and an example)",
  );
}

/**
 * Commander's own messages (English) with the Chinese beside them: an unknown option names the
 * closest valid one, as commander suggests it.
 */
export function bilingualError(text: string): string {
  const t = text.trim();
  let m = /^error: unknown option '([^']*)'(?:\s*\(Did you mean ([^?]+)\?\))?/s.exec(t);
  if (m) {
    const near = m[2] ? m[2].trim() : null;
    return `错误：未知选项 ${m[1]}${near ? `，是否想用 ${near}？` : ""}\nerror: unknown option '${m[1]}'${near ? ` (did you mean ${near}?)` : ""}\n`;
  }
  m = /^error: unknown command '([^']*)'(?:\s*\(Did you mean ([^?]+)\?\))?/s.exec(t);
  if (m) {
    const near = m[2] ? m[2].trim() : null;
    return `错误：未知命令 ${m[1]}${near ? `，是否想用 ${near}？` : ""}\nerror: unknown command '${m[1]}'${near ? ` (did you mean ${near}?)` : ""}\n`;
  }
  m = /^error: option '([^']*)' argument missing/.exec(t);
  if (m) return `错误：选项 ${m[1]} 缺少值\n${t}\n`;
  m = /^error: option '([^']*)' argument '([^']*)' is invalid\. (.*)$/s.exec(t);
  if (m) return `错误：选项 ${m[1]} 的值 "${m[2]}" 无效：${m[3]}\nerror: option '${m[1]}' argument '${m[2]}' is invalid\n`;
  return text;
}

const BUILD_EXAMPLE = `
示例 Example:
  kefu-board build --orders 订单报表-2026-10.csv --attendance 钉钉考勤-2026-10.xlsx \\
                   --sales 千牛客服绩效-2026-10.xlsx --roster 花名册.xlsx --out 看板-2026-10.xlsx
  (${REQUIRED.replace(/[【】]/g, "")}: --orders, --attendance, --sales, --out)
`;

function program(io: Io, setCode: (code: number) => void): Command {
  const p = new Command("kefu-board")
    .description("KefuBoard 客服绩效台 — performance board, penalty ledger, daily reconciliation and commission from Taobao/Tmall exports")
    .version(version(), "-V, --version", "显示版本 show the version")
    .helpOption("-h, --help", "显示帮助 show help")
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(bilingualError(text)) })
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError("(kefu-board --help 查看用法 for usage)");

  p.command("build")
    .description("从导出文件生成月度工作簿 build the month's workbook from export files")
    .option("--orders <file>", `${REQUIRED} 订单报表 orders export, CSV or xlsx (repeatable; 店铺名=FILE: one shop's export)`, collect)
    .option("--attendance <file>", `${REQUIRED} 考勤 attendance, CSV or xlsx (repeatable)`, collect)
    .option("--sales <file>", `${REQUIRED} 客服绩效 chat sales export, CSV or xlsx (repeatable)`, collect)
    .option("--roster <file>", "花名册 roster")
    .option("--incidents <file>", "违规记录 incidents")
    .option("--return-shipping <file>", "运费补贴表（退货运费）return-shipping sheet (repeatable)", collect)
    .option("--affiliates <file>", "淘宝联盟推广订单（淘宝客提成） affiliate orders export from 淘宝联盟 (repeatable)", collect)
    .option("--rules <file>", "含「规则」工作表的工作簿 workbook holding the 规则 rules sheet")
    .option("--month <YYYY-MM>", "月份，默认为付款订单最多的月份 month (default: the month most paid orders fall in)", monthArg)
    .option("--out <file.xlsx>", `${REQUIRED} 输出工作簿 output workbook`, xlsxPath)
    .option("--json <file>", "机器可读摘要 machine-readable summary (see README)")
    .option("--previous <file>", "上月看板（本工具写出的 xlsx 或 JSON），追回上月订单的退款 last month's board (xlsx or JSON this tool wrote): claw back its orders' late refunds; in December also the year's earlier boards, for the year-end commission (repeatable)", collect)
    .option("--strict", "有错误级问题时退出码为 1 exit 1 when any error-level problem was found")
    .option("--shop <name>", "只生成一个店铺（订单的店铺名称）；默认全部店铺合计 one shop of a group (the orders' 店铺名称); default: every shop together")
    .addHelpText("after", BUILD_EXAMPLE)
    .action(async (o) => {
      requireAll(o, [
        { key: "orders", flag: "--orders", zh: "订单报表" },
        { key: "attendance", flag: "--attendance", zh: "考勤" },
        { key: "sales", flag: "--sales", zh: "客服绩效" },
        { key: "out", flag: "--out", zh: "输出工作簿" },
      ]);
      const r = await runBuild(
        { inputs: slotInputs(o), rules: o.rules, month: o.month, out: o.out, json: o.json, previous: o.previous, strict: o.strict === true, ...(o.shop !== undefined ? { shop: o.shop } : {}) },
        io,
      );
      setCode(r.code);
    });

  p.command("rules")
    .description("写出默认规则工作表 write the default rules sheet, to edit and pass to --rules")
    .requiredOption("--out <file.xlsx>", "输出工作簿 output workbook", xlsxPath)
    .action(async (o) => setCode(await runRules(o.out, io)));

  p.command("samples")
    .description("生成示例导出文件 generate sample export files")
    .requiredOption("--out <dir>", "输出目录 output directory")
    .option("--orders <n>", "订单数 number of orders", positiveInt)
    .option("--agents <n>", "客服数 number of agents", positiveInt)
    .option("--seed <n>", "随机种子 random seed", positiveInt)
    .option("--month <YYYY-MM>", "月份 month", monthArg)
    .option("--shops <n>", "多店铺示例：店铺数 a group of n shops (店铺名称 per order, a 千牛 export per shop)", positiveInt)
    .action(async (o) => setCode(await runSamples({ out: o.out, orders: o.orders, agents: o.agents, seed: o.seed, month: o.month, shops: o.shops }, io)));

  p.command("demo")
    .description("用 samples/ 生成演示工作簿到 out/ build the demo board from samples/ into out/")
    .option("--samples <dir>", "示例目录 samples directory", path.resolve(__dirname, "..", "..", "samples"))
    .option("--out <dir>", "输出目录 output directory", "out")
    .action(async (o) => setCode(await runDemo({ samples: o.samples, outDir: o.out }, io)));

  return p;
}

/**
 * Run the command line with `argv` (without node and script), output through `io`.
 * @returns the exit code
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const p = program(io, (c) => (code = c));
  if (argv.length === 0) {
    p.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await p.parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.err(`${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof KefuError) {
      for (const pr of e.problems) io.err(formatProblem(pr) + "\n");
      return EXIT.badInput;
    }
    throw e;
  }
}

/** The process entry (bin/kefu-board.js): exit code 3 marks an internal error — a bug to report. */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(terminalSafe(`内部错误 internal error: ${(e as Error).stack ?? e}`) + "\n");
      process.exitCode = 3;
    },
  );
}

if (require.main === module) run();
