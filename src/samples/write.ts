/**
 * Node side of the samples: writes the generated tables as xlsx with ExcelJS (merged header
 * cells included). Kept apart from generate.ts so the generator stays pure.
 */
import type { SampleTable } from "./generate";

/** One table → xlsx bytes. */
export async function tableToXlsx(t: SampleTable): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "KefuBoard samples";
  // Fixed timestamps: the same seed gives byte-comparable workbooks run after run.
  wb.created = new Date(Date.UTC(2026, 10, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(t.sheet);
  t.rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
    });
  });
  for (const m of t.merges) ws.mergeCells(m);
  const width = Math.max(...t.rows.map((r) => r.length));
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = 14;
  const buf = await wb.xlsx.writeBuffer();
  return fixZipTimestamps(new Uint8Array(buf as ArrayBuffer));
}

/** 2026-11-01 00:00 in MS-DOS form: time 0, date ((year-1980)<<9 | month<<5 | day). */
const DOS_DATE = ((2026 - 1980) << 9) | (11 << 5) | 1;

/**
 * ExcelJS's zip stamps every part with the current time, so the same sample workbook differs
 * byte for byte from run to run. Rewrites the time and date of every entry (central directory
 * and local headers) to a fixed moment: regenerating the samples then changes nothing in git.
 */
export function fixZipTimestamps(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return out;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let n = 0; n < count && p + 46 <= out.length; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) break;
    view.setUint16(p + 12, 0, true);
    view.setUint16(p + 14, DOS_DATE, true);
    const local = view.getUint32(p + 42, true);
    if (local + 30 <= out.length && view.getUint32(local, true) === 0x04034b50) {
      view.setUint16(local + 10, 0, true);
      view.setUint16(local + 12, DOS_DATE, true);
    }
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}
