/**
 * An in-memory stand-in for the part of Excel's JavaScript API the adapter uses, for tests and
 * for the headless end-to-end page. It keeps Office.js's batching semantics where they matter:
 * commands are queued in call order, loaded properties are readable only after `sync()`, and
 * every `sync()` is one request whose payload (JSON bytes, both directions) and cell count are
 * recorded — and rejected above Excel on the web's 5 MB, as the real service does.
 *
 * It models what Excel does with a string written to a cell: in a cell formatted "@" the string
 * stays text; otherwise "=…", "+…", "-…" and "@…" become formulas and numeric text becomes a
 * number. That is exactly the behaviour the adapter's text guard must defeat.
 *
 * Self-contained on purpose (no imports): the end-to-end test transpiles this file alone and
 * injects it into the page.
 */

export type DCell = string | number | boolean | null;

/** Excel on the web rejects a request or response over 5 MB and reads over 5,000,000 cells. */
export const DOUBLE_PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const DOUBLE_CELL_LIMIT = 5_000_000;

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

export interface RequestStats {
  /** JSON bytes sent to Excel (property writes and method arguments). */
  requestBytes: number;
  /** JSON bytes returned (loaded properties). */
  responseBytes: number;
  cellsRead: number;
  cellsWritten: number;
  /** The request changed the workbook. */
  wrote: boolean;
  /** Calculation mode when the request ran. */
  calculationMode: string;
}

export interface ChartSeriesData {
  name: string;
  values: string | null;
  xValues: string | null;
  chartType: string;
  axisGroup: string;
  /** format.fill.setSolidColor (bars) and format.line.color (lines), when set. */
  fillColor?: string;
  lineColor?: string;
}

export interface ChartData {
  name: string;
  type: string;
  title: string;
  series: ChartSeriesData[];
  position: [string, string] | null;
}

export interface ConditionalFormatData {
  type: string;
  address: string;
  rule: unknown;
  fontColor: string | null;
  fillColor: string | null;
}

export interface PrintData {
  orientation: string;
  paperSize: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } | null;
  printArea: string | null;
  titleRows: string | null;
  centerFooter: string;
  /** Cells (A1) where a manual page break starts a new page. */
  breaks: string[];
}

export interface StyleRecord {
  address: string;
  prop: string;
  value: unknown;
}

let textEncoder: TextEncoder | null = null;
function jsonBytes(x: unknown): number {
  textEncoder ??= new TextEncoder();
  return textEncoder.encode(JSON.stringify(x)).length;
}

function colName(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function parseCellRef(ref: string): { r: number; c: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref.trim());
  if (!m) throw new DoubleError("InvalidArgument", `bad cell reference ${ref}`);
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

export class DoubleError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
  }
}

/** Excel's display of a number in a "General" cell: long numbers go scientific (2.87303E+18). */
function displayNumber(n: number, fmt: string): string {
  // A number in a text-formatted cell still displays as General does.
  if ((fmt === "General" || fmt === "@") && Math.abs(n) >= 1e11) {
    const [m, e] = n.toExponential(5).split("e");
    const mant = String(Number(m));
    const exp = Number(e);
    return `${mant}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  // Zero-padded codes such as "000" (staff numbers 003).
  if (/^0+$/.test(fmt) && Number.isInteger(n) && n >= 0) return String(n).padStart(fmt.length, "0");
  return String(n);
}

/** One worksheet's contents. */
export class SheetData {
  readonly id: string;
  name: string;
  visibility = "Visible";
  tabColor = "";
  private rows: (DCell[] | undefined)[] = [];
  private formulasByKey = new Map<number, string>();
  private formats = new Map<number, string>();
  /** Generated read-only contents (a big source sheet without the memory). */
  private gen: ((r: number, c: number) => DCell) | null = null;
  private genRows = 0;
  private genCols = 0;
  private maxRow = -1;
  private maxCol = -1;
  customProperties = new Map<string, { key: string; value: string }>();
  freeze: { rows: number; columns: number } = { rows: 0, columns: 0 };
  charts: ChartData[] = [];
  conditionalFormats: ConditionalFormatData[] = [];
  autoFilter: string | null = null;
  validations: { address: string; rule: unknown; errorAlert: unknown }[] = [];
  columnWidths = new Map<number, number>();
  styles: StyleRecord[] = [];
  /** Page setup as the adapter set it (pageLayout, horizontalPageBreaks). */
  print: PrintData = { orientation: "Portrait", paperSize: "Letter", zoom: null, printArea: null, titleRows: null, centerFooter: "", breaks: [] };
  /** Number of changes made to this sheet after it was created by the test. */
  mutations = 0;

  constructor(id: string, name: string) {
    this.id = id;
    this.name = name;
  }

  static generated(id: string, name: string, rows: number, cols: number, gen: (r: number, c: number) => DCell): SheetData {
    const s = new SheetData(id, name);
    s.gen = gen;
    s.genRows = rows;
    s.genCols = cols;
    s.maxRow = rows - 1;
    s.maxCol = cols - 1;
    return s;
  }

  private key(r: number, c: number): number {
    return r * MAX_COLS + c;
  }

  value(r: number, c: number): DCell {
    const row = this.rows[r];
    if (row && c < row.length && row[c] !== undefined) return row[c];
    if (this.gen && r < this.genRows && c < this.genCols) return this.gen(r, c);
    return null;
  }

  formula(r: number, c: number): string | null {
    return this.formulasByKey.get(this.key(r, c)) ?? null;
  }

  format(r: number, c: number): string {
    return this.formats.get(this.key(r, c)) ?? "General";
  }

  text(r: number, c: number): string {
    const f = this.formula(r, c);
    const v = this.value(r, c);
    if (f !== null && v === null) return "";
    if (v === null) return "";
    if (typeof v === "number") return displayNumber(v, this.format(r, c));
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    return v;
  }

  private touch(r: number, c: number): void {
    if (r > this.maxRow) this.maxRow = r;
    if (c > this.maxCol) this.maxCol = c;
  }

  private store(r: number, c: number, v: DCell): void {
    if (this.gen && r < this.genRows && c < this.genCols) {
      // Materialise the row so the override wins over the generator.
      if (!this.rows[r]) this.rows[r] = [];
    }
    let row = this.rows[r];
    if (!row) row = this.rows[r] = [];
    row[c] = v;
    if (v !== null) this.touch(r, c);
  }

  /** Excel's treatment of one written input (values or formulas property). */
  input(r: number, c: number, v: unknown): void {
    const k = this.key(r, c);
    this.formulasByKey.delete(k);
    if (v === null || v === undefined || v === "") {
      this.store(r, c, null);
      return;
    }
    if (typeof v === "number" || typeof v === "boolean") {
      this.store(r, c, v);
      return;
    }
    if (v instanceof Date) {
      this.store(r, c, (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000);
      return;
    }
    const s = String(v);
    if (this.format(r, c) === "@") {
      this.store(r, c, s);
      return;
    }
    if (s.length > 1 && (s[0] === "=" || s[0] === "+" || s[0] === "-" || s[0] === "@")) {
      this.formulasByKey.set(k, s[0] === "=" ? s : "=" + s);
      this.store(r, c, null);
      this.touch(r, c);
      return;
    }
    if (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(s)) {
      this.store(r, c, Number(s));
      return;
    }
    this.store(r, c, s);
  }

  setFormat(r: number, c: number, f: string): void {
    const k = this.key(r, c);
    if (f === "General" || f === "") this.formats.delete(k);
    else {
      this.formats.set(k, f);
      this.touch(r, c);
    }
  }

  /** The used range, or null when the sheet is empty. */
  used(valuesOnly: boolean): { r0: number; c0: number; rows: number; cols: number } | null {
    if (this.maxRow < 0) return null;
    if (!valuesOnly) return { r0: 0, c0: 0, rows: this.maxRow + 1, cols: this.maxCol + 1 };
    let maxR = -1;
    let maxC = -1;
    if (this.gen) {
      maxR = this.genRows - 1;
      maxC = this.genCols - 1;
    }
    this.rows.forEach((row, r) => {
      if (!row) return;
      for (let c = row.length - 1; c >= 0; c--) {
        if (row[c] !== null && row[c] !== undefined) {
          if (r > maxR) maxR = r;
          if (c > maxC) maxC = c;
          break;
        }
      }
    });
    for (const k of this.formulasByKey.keys()) {
      const r = Math.floor(k / MAX_COLS);
      const c = k % MAX_COLS;
      if (r > maxR) maxR = r;
      if (c > maxC) maxC = c;
    }
    if (maxR < 0) return null;
    return { r0: 0, c0: 0, rows: maxR + 1, cols: maxC + 1 };
  }

  clearAll(): void {
    this.rows = [];
    this.formulasByKey.clear();
    this.formats.clear();
    this.gen = null;
    this.maxRow = -1;
    this.maxCol = -1;
    this.styles = [];
    this.columnWidths.clear();
  }

  clearRange(r0: number, c0: number, rows: number, cols: number, applyTo: string): void {
    if (r0 === 0 && c0 === 0 && rows >= MAX_ROWS && cols >= MAX_COLS && applyTo === "All") {
      this.clearAll();
      return;
    }
    const rEnd = Math.min(r0 + rows, this.maxRow + 1);
    const cEnd = Math.min(c0 + cols, this.maxCol + 1);
    for (let r = r0; r < rEnd; r++) {
      for (let c = c0; c < cEnd; c++) {
        if (applyTo === "All" || applyTo === "Contents") this.input(r, c, null);
        if (applyTo === "All" || applyTo === "Formats") this.setFormat(r, c, "General");
      }
    }
  }

  /** Every value, formula and format, for before/after comparisons in tests. */
  snapshot(): string {
    const u = this.used(false);
    const cells: unknown[] = [];
    if (u) {
      for (let r = 0; r < u.rows; r++) {
        const row: unknown[] = [];
        for (let c = 0; c < u.cols; c++) row.push([this.value(r, c), this.formula(r, c), this.format(r, c)]);
        cells.push(row);
      }
    }
    return JSON.stringify({
      name: this.name,
      cells,
      props: [...this.customProperties.values()],
      freeze: this.freeze,
      charts: this.charts,
      cf: this.conditionalFormats,
      filter: this.autoFilter,
      validations: this.validations,
      widths: [...this.columnWidths],
      styles: this.styles,
      tab: this.tabColor,
      vis: this.visibility,
    });
  }
}

/** State shared by all contexts: the "workbook" itself and the request log. */
export class WorkbookData {
  sheets: SheetData[] = [];
  /**
   * Measure every request's JSON bytes (and reject over 5 MB). A browser test of the pane's
   * responsiveness turns it off: in Excel that work is not on the pane's thread.
   */
  meterPayload = true;
  calculationMode = "Automatic";
  calculations: string[] = [];
  requests: RequestStats[] = [];
  /** How many syncs ran with suspendApiCalculationUntilNextSync in effect. */
  suspendedSyncs = 0;
  activeSheetId: string | null = null;
  selection: string | null = null;
  private nextId = 1;

  newId(): string {
    return `{sheet-${this.nextId++}}`;
  }

  find(name: string): SheetData | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }
}

type Loader = () => unknown;

/** Resolves in a later macrotask (not a microtask), as a reply from Excel would arrive. */
function nextTask(): Promise<void> {
  const g = globalThis as unknown as { setImmediate?: (f: () => void) => void };
  if (typeof g.setImmediate === "function") return new Promise((r) => g.setImmediate!(r));
  if (typeof MessageChannel !== "undefined") {
    return new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        r();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

/** One Excel.run batch: queues, measures and applies requests. */
class Ctx {
  pendingRequestBytes = 0;
  pendingResponseBytes = 0;
  pendingCellsRead = 0;
  pendingCellsWritten = 0;
  pendingWrote = false;
  pendingCommands = 0;
  pendingLoads: { obj: Proxyish; prop: string; value: unknown }[] = [];
  suspend = false;
  syncCount = 0;
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  readonly ctxRef = this;

  constructor(readonly data: WorkbookData) {
    this.workbook = new WorkbookProxy(this);
    this.application = new ApplicationProxy(this);
  }

  /** Counts a command sent to Excel (its arguments' JSON). */
  command(args: unknown, wrote: boolean, cells = 0): void {
    this.pendingCommands++;
    if (this.data.meterPayload) this.pendingRequestBytes += 16 + (args === undefined ? 0 : jsonBytes(args));
    this.pendingCellsWritten += cells;
    if (wrote) this.pendingWrote = true;
  }

  queueLoad(obj: Proxyish, prop: string, value: unknown, cells = 0): void {
    this.pendingLoads.push({ obj, prop, value });
    this.pendingRequestBytes += 16 + prop.length;
    if (this.data.meterPayload) this.pendingResponseBytes += jsonBytes(value === undefined ? null : value);
    this.pendingCellsRead += cells;
  }

  async sync(): Promise<void> {
    // A real sync is a round trip to Excel: the page's event loop runs other tasks meanwhile.
    await nextTask();
    const stats: RequestStats = {
      requestBytes: this.pendingRequestBytes,
      responseBytes: this.pendingResponseBytes,
      cellsRead: this.pendingCellsRead,
      cellsWritten: this.pendingCellsWritten,
      wrote: this.pendingWrote,
      calculationMode: this.data.calculationMode,
    };
    const loads = this.pendingLoads;
    this.pendingLoads = [];
    this.pendingRequestBytes = this.pendingResponseBytes = 0;
    this.pendingCellsRead = this.pendingCellsWritten = 0;
    this.pendingWrote = false;
    this.pendingCommands = 0;
    if (this.suspend) this.data.suspendedSyncs++;
    this.suspend = false;
    this.syncCount++;
    this.data.requests.push(stats);
    if (stats.requestBytes > DOUBLE_PAYLOAD_LIMIT) {
      throw new DoubleError("RequestPayloadSizeLimitExceeded", `request of ${stats.requestBytes} bytes`);
    }
    if (stats.responseBytes > DOUBLE_PAYLOAD_LIMIT) {
      throw new DoubleError("ResponsePayloadSizeLimitExceeded", `response of ${stats.responseBytes} bytes`);
    }
    if (stats.cellsRead > DOUBLE_CELL_LIMIT || stats.cellsWritten > DOUBLE_CELL_LIMIT) {
      throw new DoubleError("ResponsePayloadSizeLimitExceeded", `more than ${DOUBLE_CELL_LIMIT} cells`);
    }
    for (const l of loads) l.obj._loaded.set(l.prop, l.value);
  }
}

/** Base of every API object: `load` queues property snapshots, readable after `sync`. */
abstract class Proxyish {
  _loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: Ctx) {}
  get context(): Ctx {
    return this.ctx;
  }

  protected abstract loaders(): Record<string, Loader>;
  protected cellCount(_prop: string): number {
    return 0;
  }

  load(arg?: string | string[] | { select?: string; expand?: string }): this {
    let props: string[];
    if (arg === undefined) props = Object.keys(this.loaders());
    else if (typeof arg === "string") props = arg.split(",");
    else if (Array.isArray(arg)) props = arg;
    else props = (arg.select ?? "").split(",");
    const table = this.loaders();
    const subs = new Map<string, string[]>();
    for (const raw of props) {
      const p = raw.trim();
      if (!p) continue;
      const [head, ...rest] = p.split("/");
      if (!table[head]) throw new DoubleError("InvalidArgument", `${this.constructor.name} has no loadable property ${head}`);
      if (!subs.has(head)) subs.set(head, []);
      if (rest.length) subs.get(head)!.push(rest.join("/"));
    }
    for (const [head, sub] of subs) {
      if (head === "items") {
        const items = table[head]() as Proxyish[];
        for (const it of items) if (sub.length) it.load(sub);
        this.ctx.queueLoad(this, "items", items);
      } else {
        this.ctx.queueLoad(this, head, table[head](), this.cellCount(head));
      }
    }
    return this;
  }

  protected got<T>(prop: string): T {
    if (!this._loaded.has(prop)) {
      throw new DoubleError("PropertyNotLoaded", `${this.constructor.name}.${prop} is not loaded: call load("${prop}") and sync() first`);
    }
    return this._loaded.get(prop) as T;
  }

  toJSON(): unknown {
    return Object.fromEntries(this._loaded);
  }
}

class ApplicationProxy extends Proxyish {
  protected loaders(): Record<string, Loader> {
    return { calculationMode: () => this.ctx.data.calculationMode };
  }
  get calculationMode(): string {
    return this.got("calculationMode");
  }
  set calculationMode(mode: string) {
    this.ctx.command(mode, true);
    this.ctx.data.calculationMode = mode;
  }
  calculate(type: string): void {
    this.ctx.command(type, true);
    this.ctx.data.calculations.push(type);
  }
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.command(null, false);
    this.ctx.suspend = true;
  }
}

class WorkbookProxy extends Proxyish {
  readonly worksheets: WorksheetCollectionProxy;
  constructor(ctx: Ctx) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return {};
  }
  get application(): ApplicationProxy {
    return this.ctx.application;
  }
}

class WorksheetCollectionProxy extends Proxyish {
  protected loaders(): Record<string, Loader> {
    return { items: () => this.ctx.data.sheets.map((s) => new WorksheetProxy(this.ctx, s)) };
  }
  get items(): WorksheetProxy[] {
    return this.got("items");
  }
  getItem(name: string): WorksheetProxy {
    this.ctx.command(name, false);
    const s = this.ctx.data.find(name);
    if (!s) throw new DoubleError("ItemNotFound", `no worksheet ${name}`);
    return new WorksheetProxy(this.ctx, s);
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    this.ctx.command(name, false);
    const s = this.ctx.data.find(name);
    return new WorksheetProxy(this.ctx, s ?? null);
  }
  add(name: string): WorksheetProxy {
    this.ctx.command(name, true);
    if (this.ctx.data.find(name)) throw new DoubleError("ItemAlreadyExists", `worksheet ${name} exists`);
    if (name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new DoubleError("InvalidArgument", `bad sheet name ${name}`);
    const s = new SheetData(this.ctx.data.newId(), name);
    this.ctx.data.sheets.push(s);
    return new WorksheetProxy(this.ctx, s);
  }
  getActiveWorksheet(): WorksheetProxy {
    const s = this.ctx.data.sheets.find((x) => x.id === this.ctx.data.activeSheetId) ?? this.ctx.data.sheets[0];
    return new WorksheetProxy(this.ctx, s ?? null);
  }
}

class WorksheetProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    readonly _sheet: SheetData | null,
  ) {
    super(ctx);
  }
  private sheet(): SheetData {
    if (!this._sheet) throw new DoubleError("ItemNotFound", "null worksheet");
    if (!this.ctx.data.sheets.includes(this._sheet)) throw new DoubleError("ItemNotFound", `worksheet ${this._sheet.name} was deleted`);
    return this._sheet;
  }
  protected loaders(): Record<string, Loader> {
    return {
      name: () => this.sheet().name,
      id: () => this.sheet().id,
      position: () => this.ctx.data.sheets.indexOf(this.sheet()),
      visibility: () => this.sheet().visibility,
      tabColor: () => this.sheet().tabColor,
    };
  }
  get isNullObject(): boolean {
    return this._sheet === null;
  }
  get name(): string {
    return this.got("name");
  }
  set name(n: string) {
    this.ctx.command(n, true);
    this.sheet().name = n;
    this.sheet().mutations++;
  }
  get id(): string {
    return this.got("id");
  }
  get position(): number {
    return this.got("position");
  }
  get visibility(): string {
    return this.got("visibility");
  }
  set visibility(v: string) {
    this.ctx.command(v, true);
    this.sheet().visibility = v;
    this.sheet().mutations++;
  }
  get tabColor(): string {
    return this.got("tabColor");
  }
  set tabColor(v: string) {
    this.ctx.command(v, true);
    this.sheet().tabColor = v;
    this.sheet().mutations++;
  }
  // Navigation properties return the same object each time, as Office.js does.
  private nav = new Map<string, Proxyish>();
  private cached<T extends Proxyish>(k: string, make: () => T): T {
    let o = this.nav.get(k);
    if (!o) this.nav.set(k, (o = make()));
    return o as T;
  }
  get customProperties(): CustomPropertyCollectionProxy {
    return this.cached("customProperties", () => new CustomPropertyCollectionProxy(this.ctx, this.sheet()));
  }
  get freezePanes(): FreezePanesProxy {
    return this.cached("freezePanes", () => new FreezePanesProxy(this.ctx, this.sheet()));
  }
  get charts(): ChartCollectionProxy {
    return this.cached("charts", () => new ChartCollectionProxy(this.ctx, this.sheet()));
  }
  get autoFilter(): AutoFilterProxy {
    return this.cached("autoFilter", () => new AutoFilterProxy(this.ctx, this.sheet()));
  }
  get pageLayout(): PageLayoutProxy {
    return this.cached("pageLayout", () => new PageLayoutProxy(this.ctx, this.sheet()));
  }
  get horizontalPageBreaks(): PageBreakCollectionProxy {
    return this.cached("horizontalPageBreaks", () => new PageBreakCollectionProxy(this.ctx, this.sheet()));
  }
  delete(): void {
    this.ctx.command(null, true);
    const s = this.sheet();
    s.mutations++;
    this.ctx.data.sheets.splice(this.ctx.data.sheets.indexOf(s), 1);
  }
  activate(): void {
    this.ctx.command(null, false);
    this.ctx.data.activeSheetId = this.sheet().id;
  }
  getRange(address?: string): RangeProxy {
    this.ctx.command(address ?? null, false);
    const s = this.sheet();
    if (address === undefined) return new RangeProxy(this.ctx, s, 0, 0, MAX_ROWS, MAX_COLS);
    const [a, b] = address.split(":");
    const p = parseCellRef(a);
    const q = b ? parseCellRef(b) : p;
    return new RangeProxy(this.ctx, s, Math.min(p.r, q.r), Math.min(p.c, q.c), Math.abs(q.r - p.r) + 1, Math.abs(q.c - p.c) + 1);
  }
  getRangeByIndexes(r0: number, c0: number, rows: number, cols: number): RangeProxy {
    this.ctx.command([r0, c0, rows, cols], false);
    if (r0 < 0 || c0 < 0 || rows < 1 || cols < 1 || r0 + rows > MAX_ROWS || c0 + cols > MAX_COLS) {
      throw new DoubleError("InvalidArgument", `getRangeByIndexes(${r0}, ${c0}, ${rows}, ${cols})`);
    }
    return new RangeProxy(this.ctx, this.sheet(), r0, c0, rows, cols);
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    const r = this.getUsedRangeOrNullObject(valuesOnly);
    if (r.isNullObject) return new RangeProxy(this.ctx, this.sheet(), 0, 0, 1, 1);
    return r;
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    this.ctx.command(valuesOnly ?? null, false);
    const s = this.sheet();
    const u = s.used(valuesOnly === true);
    if (!u) return new RangeProxy(this.ctx, s, 0, 0, 0, 0, true);
    return new RangeProxy(this.ctx, s, u.r0, u.c0, u.rows, u.cols);
  }
}

class CustomPropertyCollectionProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly sheet: SheetData,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return { items: () => [...this.sheet.customProperties.keys()].map((k) => new CustomPropertyProxy(this.ctx, this.sheet, k)) };
  }
  get items(): CustomPropertyProxy[] {
    return this.got("items");
  }
  add(key: string, value: string): CustomPropertyProxy {
    this.ctx.command([key, value], true);
    if (key.length > 255) throw new DoubleError("InvalidArgument", "custom property key over 255 characters");
    this.sheet.customProperties.set(key.toLowerCase(), { key, value: String(value) });
    this.sheet.mutations++;
    return new CustomPropertyProxy(this.ctx, this.sheet, key.toLowerCase());
  }
  getItemOrNullObject(key: string): CustomPropertyProxy {
    this.ctx.command(key, false);
    const has = this.sheet.customProperties.has(key.toLowerCase());
    return new CustomPropertyProxy(this.ctx, this.sheet, has ? key.toLowerCase() : null);
  }
}

class CustomPropertyProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly sheet: SheetData,
    private readonly lowerKey: string | null,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    const entry = () => (this.lowerKey === null ? null : this.sheet.customProperties.get(this.lowerKey) ?? null);
    return { key: () => entry()?.key ?? null, value: () => entry()?.value ?? null };
  }
  get isNullObject(): boolean {
    return this.lowerKey === null;
  }
  get key(): string {
    return this.got("key");
  }
  get value(): string {
    return this.got("value");
  }
  delete(): void {
    this.ctx.command(null, true);
    if (this.lowerKey) this.sheet.customProperties.delete(this.lowerKey);
    this.sheet.mutations++;
  }
}

class FreezePanesProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly sheet: SheetData,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return {};
  }
  freezeRows(n: number): void {
    this.ctx.command(n, true);
    this.sheet.freeze = { rows: n, columns: 0 };
    this.sheet.mutations++;
  }
  freezeColumns(n: number): void {
    this.ctx.command(n, true);
    this.sheet.freeze = { rows: 0, columns: n };
    this.sheet.mutations++;
  }
  freezeAt(range: RangeProxy): void {
    this.ctx.command(range.addressText(), true);
    this.sheet.freeze = { rows: range._r0 + range._rows, columns: range._c0 + range._cols };
    this.sheet.mutations++;
  }
  unfreeze(): void {
    this.ctx.command(null, true);
    this.sheet.freeze = { rows: 0, columns: 0 };
    this.sheet.mutations++;
  }
}

/** Page setup: each property write is a command, as in Office.js. */
class PageLayoutProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly sheet: SheetData,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return { orientation: () => this.sheet.print.orientation, paperSize: () => this.sheet.print.paperSize, zoom: () => this.sheet.print.zoom };
  }
  private set<K extends keyof PrintData>(k: K, v: PrintData[K]): void {
    this.ctx.command(v, true);
    this.sheet.print[k] = v;
    this.sheet.mutations++;
  }
  get orientation(): string {
    return this.got("orientation");
  }
  set orientation(v: string) {
    this.set("orientation", v);
  }
  get paperSize(): string {
    return this.got("paperSize");
  }
  set paperSize(v: string) {
    this.set("paperSize", v);
  }
  get zoom(): PrintData["zoom"] {
    return this.got("zoom");
  }
  set zoom(v: PrintData["zoom"]) {
    this.set("zoom", v ? { ...v } : null);
  }
  setPrintArea(area: string): void {
    this.set("printArea", area);
  }
  setPrintTitleRows(rows: string): void {
    if (!/^\$?\d+:\$?\d+$/.test(rows)) throw new DoubleError("InvalidArgument", `print title rows ${rows}`);
    this.set("titleRows", rows);
  }
  get headersFooters(): { defaultForAllPages: { centerFooter: string } } {
    const sheet = this.sheet;
    const ctx = this.ctx;
    return {
      defaultForAllPages: {
        get centerFooter() {
          return sheet.print.centerFooter;
        },
        set centerFooter(v: string) {
          ctx.command(v, true);
          sheet.print.centerFooter = v;
          sheet.mutations++;
        },
      },
    };
  }
}

class PageBreakCollectionProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly sheet: SheetData,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return {};
  }
  add(cell: string): void {
    this.ctx.command(cell, true);
    parseCellRef(cell);
    this.sheet.print.breaks.push(cell);
    this.sheet.mutations++;
  }
  removePageBreaks(): void {
    this.ctx.command(null, true);
    this.sheet.print.breaks = [];
    this.sheet.mutations++;
  }
}

class AutoFilterProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly sheet: SheetData,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return {};
  }
  apply(range: RangeProxy): void {
    this.ctx.command(range.addressText(), true);
    this.sheet.autoFilter = range.addressText();
    this.sheet.mutations++;
  }
  remove(): void {
    this.ctx.command(null, true);
    this.sheet.autoFilter = null;
    this.sheet.mutations++;
  }
}

class ChartCollectionProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly sheet: SheetData,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return { items: () => this.sheet.charts.map((c) => new ChartProxy(this.ctx, this.sheet, c)) };
  }
  get items(): ChartProxy[] {
    return this.got("items");
  }
  add(type: string, source: RangeProxy, seriesBy?: string): ChartProxy {
    this.ctx.command([type, source.addressText(), seriesBy ?? "Auto"], true);
    const chart: ChartData = { name: `Chart ${this.sheet.charts.length + 1}`, type, title: "", series: [], position: null };
    // One series per column: first row is the name, the rest the values.
    // Excel takes the first row as series names when it holds text above numbers.
    const named = source._rows > 1 && typeof this.sheet.value(source._r0, source._c0) === "string";
    for (let c = 0; c < source._cols; c++) {
      const name = named ? String(this.sheet.value(source._r0, source._c0 + c) ?? "") : `Series${c + 1}`;
      const first = named ? source._r0 + 1 : source._r0;
      const values = `${source.sheetName()}!${colName(source._c0 + c)}${first + 1}:${colName(source._c0 + c)}${source._r0 + source._rows}`;
      chart.series.push({ name, values, xValues: null, chartType: type, axisGroup: "Primary" });
    }
    this.sheet.charts.push(chart);
    this.sheet.mutations++;
    return new ChartProxy(this.ctx, this.sheet, chart);
  }
}

class ChartProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly sheet: SheetData,
    readonly _chart: ChartData,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return { name: () => this._chart.name, chartType: () => this._chart.type };
  }
  get name(): string {
    return this.got("name");
  }
  set name(n: string) {
    this.ctx.command(n, true);
    this._chart.name = n;
  }
  get title(): { text: string; visible?: boolean } {
    const chart = this._chart;
    const ctx = this.ctx;
    return {
      get text() {
        return chart.title;
      },
      set text(t: string) {
        ctx.command(t, true);
        chart.title = t;
      },
    };
  }
  get series(): ChartSeriesCollectionProxy {
    return new ChartSeriesCollectionProxy(this.ctx, this._chart);
  }
  setPosition(start: string | RangeProxy, end?: string | RangeProxy): void {
    const a = typeof start === "string" ? start : start.addressText();
    const b = end === undefined ? a : typeof end === "string" ? end : end.addressText();
    this.ctx.command([a, b], true);
    this._chart.position = [a, b];
  }
  delete(): void {
    this.ctx.command(null, true);
    this.sheet.charts.splice(this.sheet.charts.indexOf(this._chart), 1);
    this.sheet.mutations++;
  }
}

class ChartSeriesCollectionProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly chart: ChartData,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return { count: () => this.chart.series.length };
  }
  get count(): number {
    return this.got("count");
  }
  add(name?: string): ChartSeriesProxy {
    this.ctx.command(name ?? null, true);
    const s: ChartSeriesData = { name: name ?? "", values: null, xValues: null, chartType: this.chart.type, axisGroup: "Primary" };
    this.chart.series.push(s);
    return new ChartSeriesProxy(this.ctx, s);
  }
  getItemAt(i: number): ChartSeriesProxy {
    this.ctx.command(i, false);
    const s = this.chart.series[i];
    if (!s) throw new DoubleError("ItemNotFound", `no series ${i}`);
    return new ChartSeriesProxy(this.ctx, s);
  }
}

class ChartSeriesProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly s: ChartSeriesData,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return { name: () => this.s.name };
  }
  get name(): string {
    return this.got("name");
  }
  set name(n: string) {
    this.ctx.command(n, true);
    this.s.name = n;
  }
  set chartType(t: string) {
    this.ctx.command(t, true);
    this.s.chartType = t;
  }
  set axisGroup(g: string) {
    this.ctx.command(g, true);
    this.s.axisGroup = g;
  }
  setValues(r: RangeProxy): void {
    this.ctx.command(r.addressText(), true);
    this.s.values = r.addressText();
  }
  setXAxisValues(r: RangeProxy): void {
    this.ctx.command(r.addressText(), true);
    this.s.xValues = r.addressText();
  }
  get format(): { fill: { setSolidColor(c: string): void }; line: { color: string } } {
    const ctx = this.ctx;
    const s = this.s;
    return {
      fill: {
        setSolidColor(c: string) {
          ctx.command(c, true);
          s.fillColor = c;
        },
      },
      line: {
        get color() {
          return s.lineColor ?? "";
        },
        set color(c: string) {
          ctx.command(c, true);
          s.lineColor = c;
        },
      },
    };
  }
}

class ConditionalFormatCollectionProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    private readonly range: RangeProxy,
  ) {
    super(ctx);
  }
  protected loaders(): Record<string, Loader> {
    return {};
  }
  add(type: string): {
    cellValue: { format: { font: { color: string }; fill: { color: string } }; rule: unknown };
    custom: { format: { font: { color: string }; fill: { color: string } }; rule: { formula: string } };
  } {
    this.ctx.command(type, true);
    const sheet = this.range._sheet;
    const cf: ConditionalFormatData = { type, address: this.range.addressText(), rule: null, fontColor: null, fillColor: null };
    sheet.conditionalFormats.push(cf);
    sheet.mutations++;
    const ctx = this.ctx;
    const format = {
      font: {
        set color(c: string) {
          ctx.command(c, true);
          cf.fontColor = c;
        },
        get color() {
          return cf.fontColor ?? "";
        },
      },
      fill: {
        set color(c: string) {
          ctx.command(c, true);
          cf.fillColor = c;
        },
        get color() {
          return cf.fillColor ?? "";
        },
      },
    };
    const cellValue = {
      format,
      set rule(r: unknown) {
        ctx.command(r, true);
        cf.rule = r;
      },
      get rule() {
        return cf.rule;
      },
    };
    // A custom format's rule is one formula (ConditionalFormatRule.formula), recorded as { formula }.
    const custom = {
      format,
      rule: {
        set formula(f: string) {
          ctx.command(f, true);
          cf.rule = { formula: f };
        },
        get formula() {
          return (cf.rule as { formula?: string } | null)?.formula ?? "";
        },
      },
    };
    return { cellValue, custom };
  }
  clearAll(): void {
    this.ctx.command(null, true);
    const sheet = this.range._sheet;
    if (sheet.conditionalFormats.length) sheet.mutations++;
    sheet.conditionalFormats = [];
  }
}

/** A style property setter that records what was set on which range. */
function styleObject(ctx: Ctx, range: RangeProxy, prefix: string, props: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const p of props) {
    Object.defineProperty(o, p, {
      set(v: unknown) {
        ctx.command(v, true);
        range._sheet.styles.push({ address: range.addressText(), prop: prefix + p, value: v });
        range._sheet.mutations++;
      },
      get() {
        const hit = [...range._sheet.styles].reverse().find((s) => s.address === range.addressText() && s.prop === prefix + p);
        return hit ? hit.value : undefined;
      },
      enumerable: true,
    });
  }
  return o;
}

class RangeProxy extends Proxyish {
  constructor(
    ctx: Ctx,
    readonly _sheet: SheetData,
    readonly _r0: number,
    readonly _c0: number,
    readonly _rows: number,
    readonly _cols: number,
    private readonly nullObject = false,
  ) {
    super(ctx);
  }

  sheetName(): string {
    return `'${this._sheet.name.replace(/'/g, "''")}'`;
  }

  addressText(): string {
    const a = `${colName(this._c0)}${this._r0 + 1}`;
    const b = `${colName(this._c0 + this._cols - 1)}${this._r0 + this._rows}`;
    return `${this.sheetName()}!${a === b ? a : `${a}:${b}`}`;
  }

  private matrix(f: (r: number, c: number) => unknown): unknown[][] {
    const out: unknown[][] = new Array(this._rows);
    for (let i = 0; i < this._rows; i++) {
      const row = new Array(this._cols);
      for (let j = 0; j < this._cols; j++) row[j] = f(this._r0 + i, this._c0 + j);
      out[i] = row;
    }
    return out;
  }

  protected override cellCount(prop: string): number {
    return ["values", "text", "formulas", "numberFormat", "valueTypes"].includes(prop) ? this._rows * this._cols : 0;
  }

  protected loaders(): Record<string, Loader> {
    const s = this._sheet;
    const guard = (f: () => unknown) => () => {
      if (this._rows * this._cols > DOUBLE_CELL_LIMIT) {
        throw new DoubleError("ResponsePayloadSizeLimitExceeded", `range of ${this._rows * this._cols} cells`);
      }
      return f();
    };
    return {
      address: () => this.addressText(),
      rowIndex: () => this._r0,
      columnIndex: () => this._c0,
      rowCount: () => this._rows,
      columnCount: () => this._cols,
      values: guard(() => this.matrix((r, c) => s.value(r, c) ?? (s.formula(r, c) ? 0 : ""))),
      text: guard(() => this.matrix((r, c) => s.text(r, c))),
      formulas: guard(() => this.matrix((r, c) => s.formula(r, c) ?? s.value(r, c) ?? "")),
      numberFormat: guard(() => this.matrix((r, c) => s.format(r, c))),
    };
  }

  get isNullObject(): boolean {
    return this.nullObject;
  }
  get address(): string {
    return this.got("address");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  get values(): unknown[][] {
    return this.got("values");
  }
  get text(): string[][] {
    return this.got("text");
  }
  get formulas(): unknown[][] {
    return this.got("formulas");
  }
  get numberFormat(): string[][] {
    return this.got("numberFormat");
  }

  private checkDims(m: unknown, what: string): unknown[][] {
    if (!Array.isArray(m) || m.length !== this._rows || m.some((row) => !Array.isArray(row) || row.length !== this._cols)) {
      throw new DoubleError("InvalidArgument", `${what}: the matrix does not match ${this.addressText()} (${this._rows}×${this._cols})`);
    }
    return m as unknown[][];
  }

  set values(m: unknown[][]) {
    const mm = this.checkDims(m, "values");
    this.ctx.command(mm, true, this._rows * this._cols);
    for (let i = 0; i < this._rows; i++) for (let j = 0; j < this._cols; j++) this._sheet.input(this._r0 + i, this._c0 + j, mm[i][j]);
    this._sheet.mutations++;
  }
  set formulas(m: unknown[][]) {
    this.values = m;
  }
  set numberFormat(m: string[][]) {
    const mm = this.checkDims(m, "numberFormat");
    this.ctx.command(mm, true, this._rows * this._cols);
    for (let i = 0; i < this._rows; i++) for (let j = 0; j < this._cols; j++) this._sheet.setFormat(this._r0 + i, this._c0 + j, String(mm[i][j]));
    this._sheet.mutations++;
  }

  get format(): Record<string, unknown> {
    const ctx = this.ctx;
    const self = this;
    const base = styleObject(ctx, this, "", ["horizontalAlignment", "verticalAlignment", "wrapText", "rowHeight"]);
    Object.defineProperty(base, "columnWidth", {
      set(w: number) {
        ctx.command(w, true);
        for (let j = 0; j < self._cols; j++) self._sheet.columnWidths.set(self._c0 + j, w);
        self._sheet.mutations++;
      },
      get() {
        return self._sheet.columnWidths.get(self._c0);
      },
    });
    base.font = styleObject(ctx, this, "font.", ["bold", "italic", "strikethrough", "color", "size", "name"]);
    base.fill = styleObject(ctx, this, "fill.", ["color"]);
    base.autofitColumns = () => ctx.command(null, true);
    return base;
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return new ConditionalFormatCollectionProxy(this.ctx, this);
  }

  get dataValidation(): { rule: unknown; errorAlert: unknown; clear(): void } {
    const ctx = this.ctx;
    const sheet = this._sheet;
    const address = this.addressText();
    const entry = () => {
      let v = sheet.validations.find((x) => x.address === address);
      if (!v) sheet.validations.push((v = { address, rule: null, errorAlert: null }));
      return v;
    };
    return {
      set rule(r: unknown) {
        ctx.command(r, true);
        entry().rule = r;
        sheet.mutations++;
      },
      get rule() {
        return entry().rule;
      },
      set errorAlert(a: unknown) {
        ctx.command(a, true);
        entry().errorAlert = a;
        sheet.mutations++;
      },
      get errorAlert() {
        return entry().errorAlert;
      },
      clear() {
        ctx.command(null, true);
        // Clearing the whole sheet's validation is all the adapter does.
        sheet.validations = [];
        sheet.mutations++;
      },
    };
  }

  clear(applyTo?: string): void {
    this.ctx.command(applyTo ?? "All", true);
    this._sheet.clearRange(this._r0, this._c0, this._rows, this._cols, applyTo ?? "All");
    this._sheet.mutations++;
  }

  select(): void {
    this.ctx.command(null, false);
    this.ctx.data.activeSheetId = this._sheet.id;
    this.ctx.data.selection = this.addressText();
  }

  getCell(r: number, c: number): RangeProxy {
    this.ctx.command([r, c], false);
    return new RangeProxy(this.ctx, this._sheet, this._r0 + r, this._c0 + c, 1, 1);
  }
}

/** The double's front door: build a workbook, then hand `run` to the adapter. */
export class ExcelDouble {
  readonly data = new WorkbookData();

  /** Adds a sheet holding `rows` (rows[0] is row 1) as a user would have it. */
  addSheet(name: string, rows: DCell[][], formats?: { column: number; format: string }[]): SheetData {
    const s = new SheetData(this.data.newId(), name);
    if (formats) for (const f of formats) for (let r = 0; r < rows.length; r++) s.setFormat(r, f.column, f.format);
    rows.forEach((row, r) => row.forEach((v, c) => s.input(r, c, v)));
    s.mutations = 0;
    this.data.sheets.push(s);
    return s;
  }

  /**
   * Adds a sheet as a saved workbook holds it: every cell keeps its type (a string stays a
   * string whatever it looks like), as when Excel opens an xlsx.
   */
  addTypedSheet(name: string, rows: DCell[][]): SheetData {
    const s = new SheetData(this.data.newId(), name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === "") return;
        if (typeof v === "string") s.setFormat(r, c, "@");
        s.input(r, c, v);
        if (typeof v === "string") s.setFormat(r, c, "General");
      }),
    );
    s.mutations = 0;
    this.data.sheets.push(s);
    return s;
  }

  /** Adds a large sheet whose cells come from `gen` (no memory per cell). */
  addGeneratedSheet(name: string, rows: number, cols: number, gen: (r: number, c: number) => DCell): SheetData {
    const s = SheetData.generated(this.data.newId(), name, rows, cols, gen);
    this.data.sheets.push(s);
    return s;
  }

  sheet(name: string): SheetData {
    const s = this.data.find(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  sheetNames(): string[] {
    return this.data.sheets.map((s) => s.name);
  }

  /** The rows of a sheet's used range as values (formulas as their text), for assertions. */
  rows(name: string): DCell[][] {
    const s = this.sheet(name);
    const u = s.used(false);
    const out: DCell[][] = [];
    if (!u) return out;
    for (let r = 0; r < u.rows; r++) {
      const row: DCell[] = [];
      for (let c = 0; c < u.cols; c++) row.push(s.formula(r, c) ?? s.value(r, c));
      out.push(row);
    }
    return out;
  }

  /** Excel.run with this workbook; commands left queued at the end are synced, as Excel does. */
  readonly run = async <T>(batch: (context: any) => Promise<T>): Promise<T> => {
    const ctx = new Ctx(this.data);
    const result = await batch(ctx);
    if (ctx.pendingCommands > 0 || ctx.pendingLoads.length > 0) await ctx.sync();
    return result;
  };

  get syncCount(): number {
    return this.data.requests.length;
  }

  maxRequestBytes(): number {
    return this.data.requests.reduce((m, r) => Math.max(m, r.requestBytes, r.responseBytes), 0);
  }

  maxCells(): number {
    return this.data.requests.reduce((m, r) => Math.max(m, r.cellsRead, r.cellsWritten), 0);
  }

  resetStats(): void {
    this.data.requests = [];
    this.data.suspendedSyncs = 0;
  }
}
