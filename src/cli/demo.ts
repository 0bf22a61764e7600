/**
 * `kefu-board demo` (`npm run demo`): the board built from the sample exports in samples/, into
 * out/kefu-board-<month>.xlsx and .json; the build prints where they went and a one-screen summary. Each sample file goes to the
 * slot its headers name, as a manager's folder of exports would.
 */
import { existsSync, promises as fs } from "fs";
import * as path from "path";
import { EXIT, type Io } from "./io";
import { runBuild } from "./build";

export interface DemoArgs {
  samples: string;
  outDir: string;
}

export async function runDemo(a: DemoArgs, io: Io): Promise<number> {
  if (!existsSync(a.samples)) {
    io.err(`示例目录不存在 samples folder not found: ${a.samples}\n(先运行 run first: kefu-board samples --out ${a.samples})\n`);
    return EXIT.badInput;
  }
  const files = (await fs.readdir(a.samples))
    .filter((f) => /\.(csv|xlsx)$/i.test(f) && !f.startsWith("~$"))
    .sort()
    .map((f) => ({ slot: null, file: path.join(a.samples, f) }));
  if (files.length === 0) {
    io.err(`示例目录中没有 CSV/xlsx 文件 no CSV/xlsx files in ${a.samples}\n`);
    return EXIT.badInput;
  }
  const base = path.join(a.outDir, "kefu-board-{month}");
  const r = await runBuild({ inputs: files, out: `${base}.xlsx`, json: `${base}.json` }, io);
  return r.code;
}
