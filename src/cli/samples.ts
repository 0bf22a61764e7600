/** `kefu-board samples`: realistic sample exports (orders CSV in GBK, the rest xlsx) into a folder. */
import { writeSamples } from "../samples/cli";
import { sampleShops } from "../samples/generate";
import { EXIT, type Io } from "./io";

export interface SamplesArgs {
  out: string;
  orders?: number;
  agents?: number;
  seed?: number;
  month?: string;
  /** A group of this many shops (店铺名称 per order, a 千牛 export per shop). */
  shops?: number;
}

export async function runSamples(a: SamplesArgs, io: Io): Promise<number> {
  const opts: Record<string, number | string | string[]> = {};
  if (a.shops !== undefined && a.shops > 1) opts.shops = sampleShops(a.shops);
  if (a.orders !== undefined) opts.orders = a.orders;
  if (a.agents !== undefined) opts.agents = a.agents;
  if (a.seed !== undefined) opts.seed = a.seed;
  if (a.month !== undefined) opts.month = a.month;
  io.err(`生成示例 generating samples into ${a.out}\n`);
  const written = await writeSamples(a.out, opts);
  for (const f of written) io.out(`${f}\n`);
  return EXIT.ok;
}
