/** `kefu-board rules --out rules.xlsx`: the default rules sheet, for the manager to edit. */
import { defaultRules } from "../core";
import { buildRulesSheet } from "../core";
import { writeWorkbook } from "../xlsx/write";
import { EXIT, type Io } from "./io";

export async function runRules(out: string, io: Io): Promise<number> {
  await writeWorkbook({ month: "", sheets: [buildRulesSheet(defaultRules(), "")] }, out);
  io.out(`规则工作簿 rules workbook: ${out}\n编辑后用 edit it, then: kefu-board build … --rules ${out}\n`);
  return EXIT.ok;
}
