/** Taking the manager to a place in the workbook (the pane's result links). */
import type { ExcelRun } from "./types";

/** Activates `sheet` and selects `address` ("A3:H15") on it. */
export async function selectRange(run: ExcelRun, sheet: string, address: string): Promise<void> {
  await run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await ctx.sync();
  });
}
