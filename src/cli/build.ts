/**
 * `kefu-board build`: export files → engine → workbook (+ JSON). The same WorkbookSpec the task
 * pane renders in Excel, written as an .xlsx file.
 */
import { existsSync, promises as fs, statSync } from "fs";
import * as path from "path";
import * as v8 from "v8";
import { KefuError, finishBuild, rulesFromInput, type ColumnMapping, formatProblem, kindZh, planBuild, problem, reportJsonBytes, type BuildPlan, type MonthReport, type Problem, type RulesInput, type SourceKind } from "../core";
import { folderInput } from "../xlsx/read";
import { readRulesInput } from "../xlsx/rules";
import { writeWorkbook } from "../xlsx/write";
import { startEarlyDetail, type EarlyDetail } from "../xlsx/detail-early";
import { collectOrders, pauseThread } from "./heap";
import { EXIT, Progress, type Io } from "./io";
import { loadInputs, mappingText, type InputFile } from "./inputs";
import { readOutRules, readPreviousBoard, readPreviousMonth } from "./manager";
import { StagedOutputs, outputClashes, type NamedPath } from "./outputs";
import { severityCounts, summaryText } from "./summary";

export interface BuildArgs {
  inputs: InputFile[];
  rules?: string;
  month?: string;
  /** Output paths; "{month}" in them is replaced by the month built. */
  out: string;
  json?: string;
  /** Last month's board (xlsx or JSON) for the clawback of its late refunds; in December the year's earlier boards too. */
  previous?: string[];
  /** Exit 1 when any error-severity problem was found (the workbook is still written). */
  strict?: boolean;
  /** One shop of a group (--shop), else every shop together. */
  shop?: string;
}

export interface BuildResult {
  code: number;
  report?: MonthReport;
  out?: string;
  json?: string;
}

/** How many located messages go to stderr before "… and n more (see the 问题 sheet)". */
const SHOWN_PROBLEMS = 20;

function printProblems(io: Io, problems: readonly Problem[], limit = SHOWN_PROBLEMS): void {
  for (const p of problems.slice(0, limit)) io.err(`${p.severity === "error" ? "错误 error" : p.severity === "warning" ? "警告 warning" : "提示 info"}: ${formatProblem(p)}\n`);
  if (problems.length > limit) io.err(`… 另有 ${problems.length - limit} 条 and ${problems.length - limit} more (见「问题」工作表 see the 问题 sheet)\n`);
}

/** Per kind of finding, how many of a built month's located messages go to stderr. */
const SHOWN_PER_CODE = 3;

/**
 * A built month's findings on stderr: errors before warnings, at most a few of each kind, and a
 * count of the rest — a month with ninety notes naming two agents must not bury the one error and
 * the summary under them (every one is on the 问题 sheet and in the JSON).
 */
function printReportProblems(io: Io, problems: readonly Problem[]): void {
  const ranked = [...problems.filter((p) => p.severity === "error"), ...problems.filter((p) => p.severity === "warning")];
  const shown: Problem[] = [];
  const hidden = new Map<string, number>();
  for (const p of ranked) {
    const seen = shown.filter((q) => q.code === p.code).length;
    if (seen < SHOWN_PER_CODE && shown.length < SHOWN_PROBLEMS) shown.push(p);
    else hidden.set(p.code, (hidden.get(p.code) ?? 0) + 1);
  }
  printProblems(io, shown, SHOWN_PROBLEMS);
  for (const [code, n] of hidden) io.err(`… 同类另有 ${n} 条 and ${n} more of this kind (${code})，见「问题」工作表 see the 问题 sheet\n`);
}

function missingFile(file: string): Problem {
  // The location names the file; the message does not repeat it.
  return problem("error", "input.missing", { file, sheet: "" }, "", "文件不存在（路径有误或文件已移走）", "file not found (wrong path, or the file was moved)");
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/**
 * The inputs read and the build planned (the engine's checks of slots, rules and month), or the
 * exit when the engine refused them. Its own function so that nothing of the import outlives it on
 * the build's stack: a lean build lets the orders go half-way (src/core/engine.ts `afterOrders`),
 * and a temporary in the caller's frame naming the sources kept all ~350 MB of them alive (seen
 * in a heap snapshot, 2026-12-07).
 */
async function readAndPlan(args: BuildArgs, rules: RulesInput | null, progress: Progress, io: Io, started: number): Promise<{ plan: BuildPlan; mappings: string } | BuildResult> {
  // A million-row export takes a while: the current file's line is refreshed with the elapsed time.
  let current = "";
  let fileStarted = Date.now();
  const ticker = setInterval(() => progress.tick(`${current} … ${((Date.now() - fileStarted) / 1000).toFixed(0)} s`), 1000);
  let loaded;
  let columns: ColumnMapping[] = [];
  try {
    columns = rulesFromInput(rules).rules.columns;
  } catch {
    // Invalid rules: planBuild refuses them below with their located messages.
  }
  try {
    loaded = await loadInputs(
      args.inputs,
      (f, i) => {
        current = `[${i + 1}/${args.inputs.length}] 读取 reading ${f.slot ? kindZh(f.slot) + " " : ""}${path.basename(f.file)} (${mb(statSync(f.file).size)})`;
        fileStarted = Date.now();
        progress.step(current);
      },
      columns,
    );
  } finally {
    clearInterval(ticker);
  }
  const rowsRead = loaded.rows.reduce((s, r) => s + r.rows, 0);
  progress.step(`已读取 read ${rowsRead.toLocaleString("en-US")} 行 rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const mappings = mappingText(loaded.mappings, args.rules);
  // The engine checks every file against its slot, the rules and the month, and refuses with
  // located messages; nothing is written then.
  try {
    return { plan: planBuild({ sources: loaded.sources, rules, month: args.month ?? null, shop: args.shop ?? null }), mappings };
  } catch (e) {
    progress.done();
    if (e instanceof KefuError) {
      printProblems(io, e.problems);
      io.err(mappings);
      return { code: EXIT.badInput };
    }
    throw e;
  }
}

export async function runBuild(args: BuildArgs, io: Io): Promise<BuildResult> {
  const progress = new Progress(io);
  const started = Date.now();

  const given = [...args.inputs.map((f) => f.file), ...(args.rules ? [args.rules] : []), ...(args.previous ?? [])];
  const missing = given.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    printProblems(io, missing.map(missingFile));
    return { code: EXIT.badInput };
  }
  const folders = given.map(folderInput).filter((p): p is Problem => p !== null);
  if (folders.length > 0) {
    printProblems(io, folders);
    return { code: EXIT.badInput };
  }

  // Outputs vs inputs by file identity, before anything is read (again once {month} is known).
  const namedInputs: NamedPath[] = [...args.inputs.map((f) => ({ flag: f.slot ? `--${f.slot}` : "input", file: f.file })), ...(args.rules ? [{ flag: "--rules", file: args.rules }] : []), ...(args.previous ?? []).map((file) => ({ flag: "--previous", file }))];
  const namedOutputs = (month: string | undefined): NamedPath[] => [
    { flag: "--out", file: month ? args.out.split("{month}").join(month) : args.out },
    ...(args.json ? [{ flag: "--json", file: month ? args.json.split("{month}").join(month) : args.json }] : []),
  ];
  const early = outputClashes(namedInputs, namedOutputs(args.month));
  if (early.length > 0) {
    printProblems(io, early);
    return { code: EXIT.badInput };
  }

  let rules: RulesInput | null = null;
  if (args.rules) {
    progress.step(`读取规则 reading rules ${path.basename(args.rules)}`);
    try {
      rules = await readRulesInput(args.rules);
    } catch (e) {
      progress.done();
      if (e instanceof KefuError) {
        printProblems(io, e.problems);
        return { code: EXIT.badInput };
      }
      throw e;
    }
  }

  // No --rules: the rules the manager edited in the existing --out (the pane reads its workbook's 规则 too).
  // (An --out naming {month} is known only with --month: the month is not planned yet.)
  const outNow = args.out.includes("{month}") ? (args.month ? args.out.split("{month}").join(args.month) : null) : args.out;
  const outRules = rules === null && outNow !== null && existsSync(outNow) ? await readOutRules(outNow) : null;
  if (outRules) rules = outRules.rules;

  const read = await readAndPlan(args, rules, progress, io, started);
  if ("code" in read) return read;
  const { plan, mappings } = read;
  if (outRules) plan.problems.push(outRules.note);
  const month = plan.month;

  const out = args.out.split("{month}").join(month);
  const json = args.json?.split("{month}").join(month);
  const clashes = outputClashes(namedInputs, namedOutputs(month));
  if (clashes.length > 0) {
    progress.done();
    printProblems(io, clashes);
    return { code: EXIT.badInput };
  }
  let board = null;
  if (existsSync(out)) {
    // Carry the manager's columns over from the last build — and never overwrite a workbook
    // this tool did not write.
    const previous = await readPreviousBoard(out);
    if (!previous.ours) {
      progress.done();
      printProblems(io, [
        problem("error", "output.not_ours", { file: path.basename(out), sheet: "" }, out,
          `${out} 已存在且不是 KefuBoard 生成的工作簿，不会覆盖；请换一个 --out 或先删除它${previous.warning ? `（${previous.warning}）` : ""}`,
          `${out} exists and is not a workbook KefuBoard wrote; it is not overwritten: choose another --out or delete it first${previous.warning ? ` (${previous.warning})` : ""}`),
      ]);
      return { code: EXIT.badInput };
    }
    board = previous.board;
  }
  const previous: Awaited<ReturnType<typeof readPreviousMonth>>[] = [];
  for (const f of args.previous ?? []) {
    progress.step(`读取上月看板 reading last month's board ${path.basename(f)}`);
    try {
      previous.push(await readPreviousMonth(f));
    } catch (e) {
      progress.done();
      printProblems(io, [
        problem("error", "previous.unreadable", { file: path.basename(f), sheet: "" }, f,
          `无法读取上月看板（--previous）：${(e as Error).message}`, `cannot read last month's board (--previous): ${(e as Error).message}`),
      ]);
      return { code: EXIT.badInput };
    }
  }
  progress.step(`计算 computing ${month}`);
  // Lean: the report keeps no order object (the workbook and the JSON read its columns), and the
  // build lets the orders go once it has read them: they are collected there (when the launcher
  // exposed the collector), before the rest of the build and the write grow the heap.
  // 订单明细's rows go to a worker thread as soon as the build knows them (src/xlsx/detail-early.ts).
  let detailEarly: EarlyDetail | null = null;
  let built;
  try {
    built = finishBuild(plan, {
      board,
      lean: true,
      afterOrders: () =>
        collectOrders({ gc: (globalThis as { gc?: () => void }).gc, setFlags: v8.setFlagsFromString, rss: () => process.memoryUsage.rss(), pause: pauseThread }),
      onCounted: (sheet) => {
        detailEarly = startEarlyDetail(sheet);
      },
      ...(previous.length > 0 ? { previous } : {}),
    });
  } catch (e) {
    (detailEarly as EarlyDetail | null)?.stop();
    throw e;
  }
  const { report, spec } = built;
  let target = out;
  // All outputs or none: each is written beside its final name and renamed once all are complete.
  const staged = new StagedOutputs();
  try {
    const workbook = async () => {
      try {
        await writeWorkbook(spec, await staged.temp(out), {
          report, // 订单明细 from the report's columns in a worker thread (see WriteOptions.detail)
          early: detailEarly,
          onProgress: (sheet, done, total) => progress.tick(`写入 writing ${sheet} ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`),
        });
      } catch (e) {
        target = out;
        throw e;
      }
    };
    const jsonFile = async (file: string) => {
      try {
        // In parts as they are made: the whole text of a million-order month is ~100 MB.
        const fh = await fs.open(await staged.temp(file), "w");
        try {
          for (const part of reportJsonBytes(report)) await fh.write(part);
        } finally {
          await fh.close();
        }
      } catch (e) {
        target = file;
        throw e;
      }
    };
    // Side by side: while a worker thread writes 订单明细, this thread makes the JSON.
    const written = await Promise.allSettled([workbook(), ...(json ? [jsonFile(json)] : [])]);
    for (const w of written) if (w.status === "rejected") throw w.reason;
    await staged.commit();
  } catch (e) {
    (detailEarly as EarlyDetail | null)?.stop();
    await staged.discard();
    // A path that cannot be written (no permission, a folder, a read-only disk) is the user's to fix.
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    progress.done();
    printProblems(io, [
      problem("error", "output.unwritable", { file: path.basename(target), sheet: "" }, target,
        `无法写入输出文件（${code}）：${target}`, `cannot write the output (${code}): ${target}`),
    ]);
    return { code: EXIT.badInput };
  }
  progress.step(`完成 done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  progress.done();

  const n = severityCounts(report.problems);
  printReportProblems(io, report.problems);
  io.err(mappings);
  io.out(`工作簿 workbook: ${out}\n`);
  if (json) io.out(`JSON: ${json}\n`);
  io.out("\n" + summaryText(report));
  const code = args.strict && n.error > 0 ? EXIT.badInput : EXIT.ok;
  return { code, report, out, json };
}

/** The files of the repeatable slot options, in slot order (orders first: they set the month). */
export function slotInputs(opts: Partial<Record<SourceKind | "affiliates", string[] | string | undefined>>): InputFile[] {
  const order: SourceKind[] = ["orders", "attendance", "sales", "roster", "incidents", "affiliate", "returnShipping"];
  const out: InputFile[] = [];
  for (const slot of order) {
    const v = slot === "affiliate" ? opts.affiliates : opts[slot];
    for (const file of v === undefined ? [] : Array.isArray(v) ? v : [v]) out.push({ slot, ...shopFile(slot, file) });
  }
  return out;
}

/**
 * `--orders 店铺名=FILE`: one shop's export (for exports without a 店铺名称 column). Read so only
 * when the text itself is no file and the part after "=" is; a plain path stays a path.
 */
function shopFile(slot: SourceKind, value: string): { file: string; shop?: string } {
  const m = /^([^=\\/]+)=(.+)$/.exec(value);
  if (slot !== "orders" || !m || existsSync(value) || !existsSync(m[2])) return { file: value };
  return { file: m[2], shop: m[1].trim() };
}
