/**
 * The command line's outputs: never one of the inputs, never each other, and never half written.
 *
 * Identity is the file's, not its name's: two paths are the same file when they resolve (links
 * followed) to the same device + inode — so a symbolic link or a hard link to an input is caught,
 * as is `--json` equal to (or a link to) `--out`. A path that does not exist yet is identified by
 * its folder's real path + its name. The check runs before anything is read.
 *
 * Every output is written to a temporary file in its own folder (same file system, so the rename
 * is atomic) and all of them are renamed into place only once every one is complete: a failed
 * `--json` leaves neither a new workbook beside an old JSON nor the reverse.
 */
import { promises as fs, realpathSync, statSync, type Stats } from "fs";
import * as path from "path";
import { problem, type Problem } from "../core";

export interface NamedPath {
  /** The option it came from, e.g. "--out", "--json", "--orders". */
  flag: string;
  file: string;
}

/** A file's identity: "dev:ino" when it exists, else its resolved path (folder's real path + name). */
interface Identity {
  key: string;
  exists: boolean;
  stats: Stats | null;
}

function identity(file: string): Identity {
  let stats: Stats | null = null;
  try {
    stats = statSync(file); // follows symbolic links
  } catch {
    stats = null;
  }
  if (stats) return { key: `${stats.dev}:${stats.ino}`, exists: true, stats };
  const abs = path.resolve(file);
  let dir = path.dirname(abs);
  try {
    dir = realpathSync(dir);
  } catch {
    // The folder does not exist yet (it will be created): its name is all there is.
  }
  return { key: `path:${path.join(dir, path.basename(abs))}`, exists: false, stats: null };
}

function clashProblem(out: NamedPath, other: NamedPath, isInput: boolean): Problem {
  const zh = isInput
    ? `输出 ${out.flag} ${out.file} 与输入 ${other.flag} ${other.file} 是同一个文件（路径、符号链接或硬链接），不会覆盖源文件；请换一个输出路径`
    : `输出 ${out.flag} ${out.file} 与 ${other.flag} ${other.file} 是同一个文件（路径、符号链接或硬链接），一个会覆盖另一个；请给两个不同的路径`;
  const en = isInput
    ? `the output ${out.flag} ${out.file} is the same file as the input ${other.flag} ${other.file} (same path, a symbolic link or a hard link); source files are never overwritten: choose another output path`
    : `the output ${out.flag} ${out.file} is the same file as ${other.flag} ${other.file} (same path, a symbolic link or a hard link), so one would overwrite the other: give two different paths`;
  return problem("error", isInput ? "output.is_input" : "output.same_as_output", { file: path.basename(out.file), sheet: "" }, out.file, zh, en);
}

/**
 * Refusals for outputs that are an input, another output, or a folder — by file identity.
 * Paths still holding a "{month}" placeholder are skipped (call again once the month is known).
 * @example outputClashes([{ flag: "--orders", file: "o.csv" }], [{ flag: "--out", file: "b.xlsx" }, { flag: "--json", file: "o.csv" }])
 *   // → [problem "output.is_input" naming --json and --orders]
 */
export function outputClashes(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): Problem[] {
  const found: Problem[] = [];
  const inputIds = inputs.map((i) => ({ at: i, id: identity(i.file) }));
  const seen: { at: NamedPath; id: Identity }[] = [];
  for (const out of outputs) {
    if (out.file.includes("{month}")) continue;
    const id = identity(out.file);
    if (id.stats?.isDirectory()) {
      found.push(problem("error", "output.is_folder", { file: path.basename(out.file), sheet: "" }, out.file,
        `输出 ${out.flag} ${out.file} 是一个文件夹，请给出文件路径`, `the output ${out.flag} ${out.file} is a folder: give a file path`));
      continue;
    }
    const input = inputIds.find((i) => i.id.key === id.key);
    if (input) {
      found.push(clashProblem(out, input.at, true));
      continue;
    }
    const other = seen.find((s) => s.id.key === id.key);
    if (other) found.push(clashProblem(out, other.at, false));
    seen.push({ at: out, id });
  }
  return found;
}

/** Where an output really goes: through a symbolic link to its target (the link is kept). */
function finalPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

let counter = 0;

/**
 * Outputs written all-or-nothing: `temp(file)` names a temporary file beside the final one;
 * `commit()` renames every temporary into place once all are complete; `discard()` removes them.
 * @example
 *   const set = new StagedOutputs();
 *   await writeWorkbook(spec, await set.temp("board.xlsx"));
 *   await fs.writeFile(await set.temp("board.json"), json);
 *   await set.commit();
 */
export class StagedOutputs {
  private readonly staged: { temp: string; final: string }[] = [];

  /** A fresh temporary path in `file`'s folder (the folder is created). */
  async temp(file: string): Promise<string> {
    const final = finalPath(file);
    const dir = path.dirname(final);
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(final)}.${process.pid}-${++counter}.kefu-tmp`);
    this.staged.push({ temp, final });
    return temp;
  }

  /** Rename every staged file into place (only call once all of them are complete). */
  async commit(): Promise<void> {
    for (const s of this.staged) await fs.rename(s.temp, s.final);
    this.staged.length = 0;
  }

  /** Remove every staged file not yet committed. */
  async discard(): Promise<void> {
    await Promise.all(this.staged.map((s) => fs.rm(s.temp, { force: true })));
    this.staged.length = 0;
  }
}
