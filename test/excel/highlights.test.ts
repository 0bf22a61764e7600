/**
 * A highlight's test lives once (core highlightTest): the Excel adapter's custom conditional format
 * and the xlsx writer's expression rule write the same formula for every kind of highlight.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { highlightTest } from "../../src/core";
import type { SheetSpec } from "../../src/core/sheets/types";
import { writeWorkbookSpec } from "../../src/excel/write";
import { writeWorkbook } from "../../src/xlsx/write";
import { ExcelDouble } from "../support/excelDouble";
import { sheetParts } from "../support/sheet-parts";
import { performanceSpec } from "./specs";

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe.each(["negative", "nonzero", "true"] as const)("a %s highlight", (when) => {
  const spec = (): SheetSpec => ({ ...performanceSpec([["KF01", "小美", 1234.5, 0.25], ["KF02", "阿强", 99, 0.1]]), highlights: [{ columnKey: "fines", when }] });

  test("the Excel adapter and the xlsx writer write core's one test", async () => {
    const x = new ExcelDouble();
    await writeWorkbookSpec(x.run, { month: "2026-10", sheets: [spec()] });
    const [cf] = x.sheet("绩效看板").conditionalFormats;
    expect(cf.type).toBe("Custom");
    expect(cf.rule).toEqual({ formula: "=" + highlightTest(when, "F4") });

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kefu-hl-"));
    try {
      const file = path.join(dir, "book.xlsx");
      await writeWorkbook({ month: "2026-10", sheets: [spec()] }, file);
      const zip = await JSZip.loadAsync(await fs.readFile(file));
      const part = (await sheetParts(zip)).get("绩效看板")!;
      const xml = await zip.file(part)!.async("string");
      const m = /<conditionalFormatting sqref="F4:F5">.*?<formula>(.*?)<\/formula>/.exec(xml);
      expect(m).not.toBeNull();
      expect("=" + decode(m![1])).toBe((cf.rule as { formula: string }).formula);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
