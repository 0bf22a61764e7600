/**
 * `kefu-board samples`: writes the month of sample exports into a folder.
 * Orders as a GBK CSV (streamed, any size), the rest as xlsx.
 */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SAMPLE, generateAttendance, generateIncidents, generateOrdersCsv, generateRoster, salesTables, type SampleOptions } from "./generate";
import { tableToXlsx } from "./write";

/**
 * @returns the paths written.
 * @example await writeSamples("samples", { orders: 3000, agents: 12, month: "2026-10", seed: 20261001 })
 */
export async function writeSamples(outDir: string, opts: Partial<SampleOptions> = {}): Promise<string[]> {
  const o: SampleOptions = { ...DEFAULT_SAMPLE, ...opts };
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const ordersPath = path.join(outDir, `订单报表-${o.month}.csv`);
  const fd = fs.openSync(ordersPath, "w");
  let orders;
  try {
    // Large months: keep only what the other files need (agent, amounts), never the text.
    orders = generateOrdersCsv(o, (chunk) => fs.writeSync(fd, chunk));
  } finally {
    fs.closeSync(fd);
  }
  written.push(ordersPath);
  for (const t of [generateAttendance(o), ...salesTables(o, orders), generateRoster(o), generateIncidents(o, orders)]) {
    const p = path.join(outDir, t.file);
    fs.writeFileSync(p, await tableToXlsx(t));
    written.push(p);
  }
  return written;
}
