/** Run the command line in-process with captured stdout / stderr. */
import { main } from "../../src/cli/main";

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function cli(...argv: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), tty: false });
  return { code, out, err };
}
