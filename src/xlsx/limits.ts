/**
 * Hard limits for reading an xlsx package, checked while it streams: a crafted file (a few MB
 * that inflate to gigabytes, millions of cells at one reference, one string of a billion
 * characters) is refused with a located, bilingual message as soon as it passes a limit —
 * before it costs minutes or gigabytes — instead of killing the process.
 *
 * Excel's own limits (rows, columns, characters a cell) come from its specifications; the byte
 * limits sit well above the largest real export (a 1,048,576-row Taobao export of ~50 columns
 * is ~2.5 GB of sheet XML; its shared strings, which Excel always writes, a few hundred MB).
 */
import { problem, type Problem } from "../core";

export const XLSX_LIMITS = {
  /** Excel's last row. */
  rows: 1_048_576,
  /** Excel's last column (XFD). */
  columns: 16_384,
  /** Characters a cell can hold in Excel. */
  cellChars: 32_767,
  /** Inflated bytes of any one part (a worksheet). */
  partBytes: 4 * 1024 ** 3,
  /** Inflated bytes of the shared strings part, which is held in memory while the sheets are read. */
  sharedStringsBytes: 1024 ** 3,
  /** Items in the shared strings (each one a string in memory). */
  sharedStrings: 16_777_216,
  /** Cells in the workbook's sheets read (a full export: 1,048,576 rows × 73 columns ≈ 77 million). */
  cells: 160_000_000,
  /** Inflated bytes of every part read, together. */
  totalBytes: 8 * 1024 ** 3,
  /** Bytes of XML between two tags (text or one tag): far above a cell's 32,767 characters. */
  xmlRun: 8 * 1024 ** 2,
  /** Parts in the package, and bytes of its central directory. */
  parts: 65_536,
  directoryBytes: 64 * 1024 ** 2,
} as const;

/** Where in the package a refusal happened (as much as is known). */
export interface PackagePlace {
  sheet?: string;
  part?: string;
  row?: number | null;
  /** Cell reference ("B7") or column letter. */
  column?: string | null;
}

const GB = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(n % 1024 ** 3 ? 1 : 0)} GB` : `${Math.round(n / 1024 ** 2)} MB`);

/**
 * An xlsx refused for passing a limit or breaking the sheet's order. Carries a located,
 * bilingual message; `toProblem(file)` makes it a Problem for the file.
 */
export class XlsxRefused extends Error {
  constructor(
    readonly code: string,
    readonly at: PackagePlace,
    readonly value: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }

  toProblem(file: string): Problem {
    const sheet = this.at.sheet ?? this.at.part ?? "";
    return problem("error", this.code, { file, sheet, row: this.at.row ?? null, column: this.at.column ?? null }, this.value,
      `${this.zh}；文件未导入`, `${this.en}; the file was not imported`);
  }
}

/** The bilingual refusals, one per limit. */
export const refuse = {
  partTooBig: (at: PackagePlace, bytes: number, limit: number) =>
    new XlsxRefused("xlsx.limit.part", at, String(bytes), `部件 ${at.part} 解压后超过 ${GB(limit)}（可能是压缩炸弹）`,
      `part ${at.part} inflates to more than ${GB(limit)} (a zip bomb?)`),
  totalTooBig: (at: PackagePlace, limit: number) =>
    new XlsxRefused("xlsx.limit.total", at, "", `整个文件解压后超过 ${GB(limit)}（可能是压缩炸弹）`, `the file inflates to more than ${GB(limit)} in all (a zip bomb?)`),
  sizeLied: (at: PackagePlace, declared: number) =>
    new XlsxRefused("xlsx.limit.declared", at, String(declared), `部件 ${at.part} 解压后比目录中登记的 ${declared} 字节更大（文件损坏或被篡改）`,
      `part ${at.part} inflates to more than the ${declared} bytes its directory records (damaged or crafted)`),
  directory: (at: PackagePlace, what: string) =>
    new XlsxRefused("xlsx.limit.directory", at, what, `压缩包目录过大（${what}）`, `the zip directory is too large (${what})`),
  rowOrder: (at: PackagePlace, previous: number) =>
    new XlsxRefused("xlsx.row.order", at, String(at.row), `行号 ${at.row} 不在上一行 ${previous} 之后（行号重复或倒退），文件已损坏或被篡改`,
      `row number ${at.row} does not come after the previous row ${previous} (repeated or going backwards): the file is damaged or crafted`),
  cellOrder: (at: PackagePlace, previous: string) =>
    new XlsxRefused("xlsx.cell.order", at, at.column ?? "", `单元格 ${at.column} 不在同一行上一个单元格 ${previous} 之后（引用重复或倒退），文件已损坏或被篡改`,
      `cell ${at.column} does not come after the previous cell ${previous} of its row (repeated or going backwards): the file is damaged or crafted`),
  cellRow: (at: PackagePlace) =>
    new XlsxRefused("xlsx.cell.row", at, at.column ?? "", `单元格 ${at.column} 不属于它所在的第 ${at.row} 行，文件已损坏或被篡改`,
      `cell ${at.column} is not on row ${at.row}, which holds it: the file is damaged or crafted`),
  rowBeyond: (at: PackagePlace, value: string) =>
    new XlsxRefused("xlsx.limit.rows", at, value, `行号「${value}」超出 Excel 的 ${XLSX_LIMITS.rows.toLocaleString("en-US")} 行`,
      `row number "${value}" is beyond Excel's ${XLSX_LIMITS.rows.toLocaleString("en-US")} rows`),
  columnBeyond: (at: PackagePlace) =>
    new XlsxRefused("xlsx.limit.columns", at, at.column ?? "", `单元格 ${at.column} 超出 Excel 的 ${XLSX_LIMITS.columns.toLocaleString("en-US")} 列`,
      `cell ${at.column} is beyond Excel's ${XLSX_LIMITS.columns.toLocaleString("en-US")} columns`),
  cellTooLong: (at: PackagePlace) =>
    new XlsxRefused("xlsx.limit.cell_chars", at, "", `单元格超过 Excel 的 ${XLSX_LIMITS.cellChars.toLocaleString("en-US")} 个字符`,
      `a cell holds more than Excel's ${XLSX_LIMITS.cellChars.toLocaleString("en-US")} characters`),
  cells: (at: PackagePlace, limit: number) =>
    new XlsxRefused("xlsx.limit.cells", at, "", `工作簿的单元格超过 ${limit.toLocaleString("en-US")} 个`,
      `the workbook holds more than ${limit.toLocaleString("en-US")} cells`),
  sharedStrings: (at: PackagePlace, limit: number = XLSX_LIMITS.sharedStrings) =>
    new XlsxRefused("xlsx.limit.shared_strings", at, "", `共享字符串超过 ${limit.toLocaleString("en-US")} 条`,
      `the shared strings hold more than ${limit.toLocaleString("en-US")} items`),
  xmlRun: (at: PackagePlace) =>
    new XlsxRefused("xlsx.limit.xml_run", at, "", `部件 ${at.part} 中有超过 ${GB(XLSX_LIMITS.xmlRun)} 的文本或标签没有结束（损坏或被篡改）`,
      `part ${at.part} holds more than ${GB(XLSX_LIMITS.xmlRun)} of text or one tag without an end (damaged or crafted)`),
};
