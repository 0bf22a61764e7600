/**
 * The command line compiled as `npm run build:cli` compiles it (tsconfig.cli.json), into a
 * temporary folder so the repository's lib/ is left alone: for tests that need the real files
 * (bin/kefu-board.js as a process, the CSV worker thread, which only runs from compiled JS).
 */
import { execFile, execFileSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");
/** So the compiled files, outside the repository, find its packages. */
export const NODE_PATH = path.join(ROOT, "node_modules");

export interface CompiledCli {
  /** The temporary folder: bin/, lib/, and room for a test's files. */
  dir: string;
  /** bin/kefu-board.js, requiring ../lib/cli/main.js as installed. */
  bin: string;
  lib: string;
  /** Runs the installed command as a process; `env` adds to (or overrides) this process's. */
  run(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }>;
  remove(): Promise<void>;
}

/** Takes ~6 s on a quiet 2-core machine: call it in `beforeAll` with a generous timeout. */
export async function compileCli(prefix: string): Promise<CompiledCli> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const lib = path.join(dir, "lib");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "tsconfig.cli.json"), "--outDir", lib], { stdio: "pipe" });
  await fs.mkdir(path.join(dir, "bin"));
  const bin = path.join(dir, "bin", "kefu-board.js");
  await fs.copyFile(path.join(ROOT, "bin", "kefu-board.js"), bin);
  return {
    dir,
    bin,
    lib,
    run: (args, env = {}) =>
      new Promise((resolve) => {
        execFile(process.execPath, [bin, ...args], { env: { ...process.env, NODE_PATH, ...env }, timeout: 120000 }, (e, out, err) =>
          resolve({ code: e ? ((e as { code?: number }).code ?? -1) : 0, out, err }),
        );
      }),
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
