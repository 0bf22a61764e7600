/**
 * Child: the Office.js path against the adapter's in-memory Excel double
 * (test/support/excelDouble.ts), on the 1M-row × 73-column order export as the pane's
 * "import a file" puts it on a sheet (ids as text, money as numbers, times as serials).
 * Args: options JSON ({csv, rows?}), out.
 *
 * Two readers, both the adapter's own code:
 * - `readSource` (src/excel/read.ts): streams the sheet into the row importer on the same thread;
 * - the pane's build (src/taskpane/pipeline.ts) streams the same chunks but hands the rows to the
 *   engine's Web Worker; here the main thread's share of that — copying a chunk's cells into row
 *   arrays and the serialisation postMessage does on the sending side — is timed with
 *   `v8.serialize` (the same ValueSerializer; the copy is rebuilt in the worker, not on the page).
 *
 * Per request the double records JSON bytes both ways and cells. The longest main-thread block is
 * the longest stretch of the adapter's synchronous code between two awaited syncs, minus the time
 * spent inside the double producing the cells (Excel's work, not the page's), plus the
 * JSON.parse of the largest response (Office.js parses every response on the page's thread).
 */
require("../ts-require");
const fs = require("fs");
const v8 = require("v8");
const { performance } = require("perf_hooks");
const { ExcelDouble } = require("../../test/support/excelDouble.ts");
const { readSource, streamSheet } = require("../../src/excel/read.ts");
const { createRowImporter, recognise } = require("../../src/core/import/index.ts");
const { columnKinds, sourceCell } = require("../../src/excel/sourceSheet.ts");
const { toExcelCell } = require("../../src/excel/cells.ts");
const { MAX_REQUEST_BYTES, MAX_REQUEST_CELLS } = require("../../src/excel/payload.ts");
const { writeWorkbookSpec } = require("../../src/excel/write.ts");
const { DETAIL_PAGE_ROWS } = require("../../src/excel/paging.ts");
const { buildBoard, sheetRowCount } = require("../../src/core/index.ts");
const { PerformanceObserver } = require("perf_hooks");
const path = require("path");
const { readSourceFile } = require("../../src/xlsx/read.ts");

/** Garbage collections (start, duration): a slice's wall time includes those that fell inside it. */
const gcs = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration });
}).observe({ entryTypes: ["gc"] });
function longestGc(t0, t1) {
  let ms = 0;
  for (const g of gcs) if (g.start >= t0 && g.start <= t1) ms = Math.max(ms, g.ms);
  return +ms.toFixed(1);
}

const [optsJson, out] = process.argv.slice(2);
const opts = JSON.parse(optsJson);
const SHEET = "订单报表";

/** One CSV line's fields (quoted fields with "" escapes; `="…"` ids stay as written). */
function splitLine(line) {
  const out = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let j = i + 1;
      let v = "";
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          v += line.slice(j);
          i = n;
          break;
        }
        v += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          v += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
    } else {
      const k = line.indexOf(",", i);
      out.push(k < 0 ? line.slice(i) : line.slice(i, k));
      i = k < 0 ? n : k;
    }
    if (i >= n) break;
    i++; // the comma
    if (i === n) {
      out.push("");
      break;
    }
  }
  return out;
}

/**
 * Rows of the export on demand, without keeping them on the heap: an index of line offsets, the
 * file read in 1 MB blocks (Buffers live outside the JS heap, so the double's data does not make
 * the page's garbage collections longer than Excel's would), and the last row's fields. A chunk's
 * column spans each walk the chunk's rows again; they find the blocks still cached.
 */
class CsvRows {
  constructor(file, convert, offsets) {
    this.fd = fs.openSync(file, "r");
    this.offsets = offsets;
    this.convert = convert;
    this.blocks = new Map(); // block number → Buffer, least recently used first
    // Split rows of the current chunk, by row mod RING: each of a chunk's column spans walks its
    // rows again, and splitting once per row instead of once per span saves most of the double's
    // time. A chunk larger than RING rows is still right, only split again.
    this.ringRow = new Float64Array(RING).fill(-1);
    this.ring = new Array(RING);
  }
  block(k) {
    let b = this.blocks.get(k);
    if (b) {
      this.blocks.delete(k);
      this.blocks.set(k, b);
      return b;
    }
    b = Buffer.allocUnsafe(BLOCK);
    const n = fs.readSync(this.fd, b, 0, BLOCK, k * BLOCK);
    b = b.subarray(0, n);
    this.blocks.set(k, b);
    if (this.blocks.size > 48) this.blocks.delete(this.blocks.keys().next().value);
    return b;
  }
  line(r) {
    if (r + 1 >= this.offsets.length) return "";
    const start = this.offsets[r];
    const end = this.offsets[r + 1];
    const k = Math.floor(start / BLOCK);
    let text;
    if (Math.floor((end - 1) / BLOCK) !== k) {
      const b = Buffer.allocUnsafe(end - start);
      fs.readSync(this.fd, b, 0, end - start, start);
      text = b.toString("utf8");
    } else {
      text = this.block(k).toString("utf8", start - k * BLOCK, end - k * BLOCK);
    }
    return text.replace(/\r?\n$/, "");
  }
  fields(r) {
    const k = r % RING;
    if (this.ringRow[k] !== r) {
      this.ring[k] = splitLine(this.line(r));
      this.ringRow[k] = r;
    }
    return this.ring[k];
  }
  cell(r, c) {
    return this.convert(r, c, this.fields(r)[c] ?? "");
  }
}

const BLOCK = 1 << 20;
const RING = 16384;

/** Byte offset of every line start (and the end of the file last). */
function lineOffsets(file) {
  const fd = fs.openSync(file, "r");
  const buf = Buffer.allocUnsafe(4 << 20);
  let offsets = new Float64Array(1 << 16);
  let n = 0;
  offsets[n++] = 0;
  let pos = 0;
  for (;;) {
    const k = fs.readSync(fd, buf, 0, buf.length, null);
    if (k === 0) break;
    for (let i = buf.indexOf(10, 0); i >= 0 && i < k; i = buf.indexOf(10, i + 1)) {
      if (n === offsets.length) {
        const grown = new Float64Array(offsets.length * 2);
        grown.set(offsets);
        offsets = grown;
      }
      offsets[n++] = pos + i + 1;
    }
    pos += k;
  }
  fs.closeSync(fd);
  if (offsets[n - 1] !== pos) offsets[n++] = pos;
  return offsets.subarray(0, n);
}

/** A generated sheet whose cells are the export's, converted as the pane's import writes them. */
function orderSheet(x, file, offsets) {
  const rows = offsets.length - 1;
  const head = new CsvRows(file, null, offsets);
  const sample = [];
  for (let r = 0; r < 12; r++) sample.push(head.fields(r));
  const width = sample[0].length;
  const kinds = columnKinds(recognise(sample), width);
  const renames = new Map();
  const convert = (r, c, v) => {
    if (v === "") return null;
    if (r === 0) return v;
    const cell = toExcelCell(sourceCell(v, kinds[c]), "text", renames).value;
    return cell === "" ? null : cell;
  };
  const src = new CsvRows(file, convert, offsets);
  const needed = createRowImporter("orders", "", SHEET);
  for (const r of sample) needed.push(r);
  return {
    sheet: x.addGeneratedSheet(SHEET, rows, width, (r, c) => src.cell(r, c)),
    width,
    columns: needed.neededColumns(),
    /** A second reader of the same cells (the measured one only goes forward). */
    rows: () => new CsvRows(file, convert, offsets),
  };
}

/**
 * Excel.run of the double, instrumented: host time inside range loads, and the page's
 * synchronous slices between syncs.
 */
function instrumentedRun(x) {
  const m = { hostMs: 0, hostCpuMs: 0, slices: [], cpuSlices: [], sliceStart: 0, sliceCpu: null, hostAtSliceStart: 0, hostCpuAtSliceStart: 0 };
  let patched = false;
  const run = (batch) =>
    x.run(async (ctx) => {
      if (!patched) {
        // RangeProxy is not exported: reach its prototype through one range.
        const probe = ctx.workbook.worksheets.getItem(SHEET).getRangeByIndexes(0, 0, 1, 1);
        const proto = Object.getPrototypeOf(probe);
        const load = Object.getPrototypeOf(proto).load;
        proto.load = function (...args) {
          const t = performance.now();
          const c = threadCpuNow();
          try {
            return load.apply(this, args);
          } finally {
            m.hostMs += performance.now() - t;
            m.hostCpuMs += threadCpuNow() - c;
          }
        };
        patched = true;
      }
      slicedAtSyncs(ctx, m);
      return batch(ctx);
    });
  return { run, m };
}

const cpuMs = (u) => (u.user + u.system) / 1000;

/**
 * CPU time of this thread alone, in ms. A page's block is what its own thread spends; the
 * process's figure (process.cpuUsage) adds V8's helper threads — concurrent marking, parallel
 * scavenges, background compilation — which run beside the page's thread and do not block it (on
 * a heap of a million orders they doubled the import's longest block: 282 ms of process CPU in a
 * 149 ms block). Linux keeps a thread's run time in /proc/thread-self/schedstat (ns); elsewhere
 * the process's time stands in, an upper bound.
 */
const SCHEDSTAT = "/proc/thread-self/schedstat";
const schedstatMs = () => +fs.readFileSync(SCHEDSTAT, "latin1").split(" ")[0] / 1e6;
/** Whose CPU time the block figures are (printed beside them). */
const BLOCK_CPU = (() => {
  try {
    return Number.isFinite(schedstatMs()) ? "main thread" : "process";
  } catch {
    return "process"; // not Linux
  }
})();
const threadCpuNow = BLOCK_CPU === "main thread" ? schedstatMs : () => cpuMs(process.cpuUsage());

/**
 * A slice is the page's synchronous work between two awaits that hand the thread back (a sync, or
 * the adapter's own yield): its wall time and its CPU time (the main thread's: robust when other
 * work shares the cores), each minus the double's share.
 */
function startSlice(m) {
  m.sliceStart = performance.now();
  m.sliceCpu = threadCpuNow();
  m.hostAtSliceStart = m.hostMs;
  m.hostCpuAtSliceStart = m.hostCpuMs;
}
function endSlice(m) {
  const wall = performance.now() - m.sliceStart;
  const cpu = threadCpuNow() - m.sliceCpu;
  m.slices.push(wall - (m.hostMs - m.hostAtSliceStart));
  m.cpuSlices.push(cpu - (m.hostCpuMs - m.hostCpuAtSliceStart));
  (m.spans ??= []).push([m.sliceStart, m.sliceStart + wall]);
  m.onEnd?.();
}

/** The adapter's yield to the page, instrumented: a slice ends where the page gets its thread back. */
function instrumentedPause(m) {
  return async () => {
    endSlice(m);
    await new Promise((r) => setTimeout(r, 0));
    startSlice(m);
  };
}

/**
 * Garbage collection inside each slice (observed "gc" entries starting in it): a major GC of a
 * heap holding a million orders can fall into any slice; it is the heap's cost, not the slicing's.
 * The longest slice with its GC taken out, in CPU time.
 */
function gcFigures(m) {
  const inside = (m.spans ?? []).map(([a, b]) => gcs.filter((g) => g.start >= a && g.start <= b).reduce((n, g) => n + g.ms, 0));
  let k = 0;
  let best = -Infinity;
  m.cpuSlices.forEach((c, i) => {
    const x = c - (inside[i] ?? 0);
    if (x > best) {
      best = x;
      k = i;
    }
  });
  return { longestCpuExGcMs: +Math.max(0, best).toFixed(1), index: k, gcInLongestCpuSliceMs: +(inside[longestSlice(m, "cpuSlices").index] ?? 0).toFixed(1), longestGcMs: longestGc(0, Infinity) };
}

/** The longest slice, where it was (first = before the first sync, last = after the last). */
function longestSlice(m, which = "slices") {
  const xs = m[which];
  let k = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[k]) k = i;
  const sorted = [...xs].sort((a, b) => a - b);
  return { ms: +xs[k].toFixed(1), index: k, of: xs.length, last: +xs[xs.length - 1].toFixed(1), median: +sorted[sorted.length >> 1].toFixed(1), p99: +sorted[Math.floor(sorted.length * 0.99)].toFixed(1) };
}

function requestFigures(x) {
  const reqs = x.data.requests;
  let largest = null;
  for (const r of reqs) {
    const b = Math.max(r.requestBytes, r.responseBytes);
    if (!largest || b > Math.max(largest.requestBytes, largest.responseBytes)) largest = r;
  }
  return {
    requests: reqs.length,
    largestPayloadBytes: x.maxRequestBytes(),
    largestCells: x.maxCells(),
    totalResponseBytes: reqs.reduce((s, r) => s + r.responseBytes, 0),
    totalCellsRead: reqs.reduce((s, r) => s + r.cellsRead, 0),
    largest,
  };
}

/** The page's code between two awaited syncs is one slice: a sync ends it, its answer starts the next. */
function slicedAtSyncs(ctx, m) {
  const sync = ctx.sync.bind(ctx);
  ctx.sync = async () => {
    endSlice(m);
    await sync();
    startSlice(m);
  };
}

/** JSON.parse of a response as large as the largest one: its rows of the needed columns. */
function parseCostMs(cells, columns, bytes) {
  const row = (r) => columns.map((c) => cells.cell(r, c));
  const perRow = JSON.stringify(row(100)).length + 1;
  const rows = [];
  for (let r = 1; rows.length * perRow < bytes; r++) rows.push(row(r));
  const text = JSON.stringify(rows);
  // Best of three (the first pays for warming up the parser, not for the response).
  let ms = Infinity;
  let cpu = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const c = threadCpuNow();
    JSON.parse(text);
    cpu = Math.min(cpu, threadCpuNow() - c);
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms: +ms.toFixed(1), cpuMs: +cpu.toFixed(1), bytes: text.length };
}

async function viaReadSource(file, offsets) {
  const x = new ExcelDouble();
  const sheet = orderSheet(x, file, offsets);
  const { run, m } = instrumentedRun(x);
  const t0 = performance.now();
  startSlice(m);
  const result = await readSource(run, SHEET, "orders", undefined, { pause: instrumentedPause(m) });
  endSlice(m);
  const ms = performance.now() - t0;
  return { x, sheet, width: sheet.width, columns: sheet.columns, ms, m, result };
}

async function viaPane(file, offsets) {
  const x = new ExcelDouble();
  const sheet = orderSheet(x, file, offsets);
  const { width } = sheet;
  const { run, m } = instrumentedRun(x);
  let cloneMs = 0;
  let needed = null;
  let rowsSent = 0;
  const t0 = performance.now();
  startSlice(m);
  await streamSheet(run, SHEET, {
    head(headRows) {
      const probe = createRowImporter("orders", "", SHEET);
      for (const r of headRows) probe.push(r);
      return (needed = probe.neededColumns());
    },
    chunk(chunk, columns) {
      // pipeline.ts: the chunk as row arrays, posted to the engine worker.
      const out = new Array(chunk.rows);
      for (let i = 0; i < chunk.rows; i++) {
        const row = new Array(columns.length);
        for (let k = 0; k < columns.length; k++) row[k] = chunk.cell(i, columns[k]);
        out[i] = row;
      }
      const t = performance.now();
      v8.serialize({ sheet: SHEET, columns, rows: out });
      cloneMs = Math.max(cloneMs, performance.now() - t);
      rowsSent += out.length;
    },
  });
  endSlice(m);
  return { x, sheet, width, needed, ms: performance.now() - t0, m, cloneMs, rowsSent };
}

/**
 * The write path: the month's WorkbookSpec (the engine's build of the imported orders, as the
 * pane's worker makes it) written by the adapter's writer into an empty double. The double's own
 * work (storing cells, metering the JSON of each command) is Excel's and is taken out of the
 * slices; the JSON.stringify of the largest request (Office.js serialises every request on the
 * page's thread) is added, as the read adds the parse of the largest response.
 *
 * `detailPageRows` Infinity writes every row of 订单明细 (what the pane did before paging); the
 * double then keeps only the first 1,000 rows' cells of it (the figures are per request).
 */
async function viaWrite(spec, detailPageRows) {
  const x = new ExcelDouble();
  // A sheet to get hold of the double's prototypes through.
  x.addSheet("probe", [[1]]);
  const m = { hostMs: 0, hostCpuMs: 0, slices: [], cpuSlices: [], sliceStart: 0, sliceCpu: null, hostAtSliceStart: 0, hostCpuAtSliceStart: 0 };
  let largest = { bytes: 0, matrices: [] };
  let pending = { bytes: 0, matrices: [] };
  let patchedProto = false;
  const run = (batch) =>
    x.run(async (ctx) => {
      if (!patchedProto) {
        const range = ctx.workbook.worksheets.getItem("probe").getRangeByIndexes(0, 0, 1, 1);
        const rproto = Object.getPrototypeOf(range);
        const sheetProto = Object.getPrototypeOf(x.sheet("probe"));
        const cproto = Object.getPrototypeOf(ctx);
        let depth = 0;
        const host = (fn) =>
          function (...args) {
            if (depth++ > 0) {
              try {
                return fn.apply(this, args);
              } finally {
                depth--;
              }
            }
            const t = performance.now();
            const c = threadCpuNow();
            try {
              return fn.apply(this, args);
            } finally {
              depth--;
              m.hostMs += performance.now() - t;
              m.hostCpuMs += threadCpuNow() - c;
            }
          };
        for (const prop of ["values", "numberFormat"]) {
          const d = Object.getOwnPropertyDescriptor(rproto, prop);
          Object.defineProperty(rproto, prop, { ...d, set: host(d.set) });
        }
        const command = cproto.command;
        // Not timed: a style command's metering is small, and timing each of thousands would
        // cost more than it (the matrices' metering is inside the timed setters).
        cproto.command = function (args, wrote, cells) {
          if (Array.isArray(args)) pending.matrices.push(args);
          return command.call(this, args, wrote, cells);
        };
        const sync = cproto.sync;
        cproto.sync = async function () {
          const bytes = this.pendingRequestBytes;
          if (bytes > largest.bytes) largest = { bytes, matrices: pending.matrices };
          pending = { bytes: 0, matrices: [] };
          return sync.call(this);
        };
        if (!Number.isFinite(detailPageRows)) {
          // Every row of 订单明细 goes through the requests; the double keeps the first 1,000.
          const input = sheetProto.input;
          const setFormat = sheetProto.setFormat;
          sheetProto.input = function (r, c, v) {
            if (r > 1000 && this.name === "订单明细") return;
            return input.call(this, r, c, v);
          };
          sheetProto.setFormat = function (r, c, f) {
            if (r > 1000 && this.name === "订单明细") return;
            return setFormat.call(this, r, c, f);
          };
        }
        patchedProto = true;
      }
      slicedAtSyncs(ctx, m);
      return batch(ctx);
    });
  x.resetStats();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  startSlice(m);
  // Which step each slice belongs to (the longest one is named in the figures).
  let step = "";
  m.labels = [];
  const onProgress = (p) => {
    step = `${p.step} ${p.sheet}`;
  };
  m.onEnd = () => m.labels.push(step);
  const result = await writeWorkbookSpec(run, spec, onProgress, { detailPageRows, pause: instrumentedPause(m) });
  endSlice(m);
  const ms = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  // The page's JSON.stringify of the largest request (best of three).
  let strMs = Infinity;
  let strCpu = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const c = threadCpuNow();
    for (const mx of largest.matrices) JSON.stringify(mx);
    strCpu = Math.min(strCpu, threadCpuNow() - c);
    strMs = Math.min(strMs, performance.now() - t);
  }
  const reqs = x.data.requests;
  const writes = reqs.filter((r) => r.cellsWritten > 0);
  const cellsWritten = reqs.reduce((n, r) => n + r.cellsWritten, 0);
  const ls = longestSlice(m);
  const lc = longestSlice(m, "cpuSlices");
  return {
    detailPageRows: Number.isFinite(detailPageRows) ? detailPageRows : null,
    requests: reqs.length,
    largestPayloadBytes: x.maxRequestBytes(),
    largestCells: x.maxCells(),
    cellsWritten,
    cellsPerRequest: Math.round(cellsWritten / Math.max(1, writes.length)),
    totalRequestBytes: reqs.reduce((n, r) => n + r.requestBytes, 0),
    wallMs: Math.round(ms),
    cpuMs: Math.round(cpu),
    hostMs: Math.round(m.hostMs),
    hostCpuMs: Math.round(m.hostCpuMs),
    top: m.cpuSlices.map((c, i) => [+c.toFixed(1), +m.slices[i].toFixed(1), m.labels[i], +gcs.filter((g) => g.start >= m.spans[i][0] && g.start <= m.spans[i][1]).reduce((n, g) => n + g.ms, 0).toFixed(1)]).sort((a, b) => b[0] - a[0]).slice(0, 6),
    slice: { ...ls, step: m.labels[ls.index] },
    cpuSlice: { ...lc, step: m.labels[lc.index] },
    largestRequestStringify: { ms: +strMs.toFixed(1), cpuMs: +strCpu.toFixed(1) },
    longestBlockMs: +(ls.ms + strMs).toFixed(1),
    longestBlockCpuMs: +(lc.ms + strCpu).toFixed(1),
    gc: gcFigures(m),
    longestBlockCpuExGcMs: +(gcFigures(m).longestCpuExGcMs + strCpu).toFixed(1),
    sheets: result.sheets.map((w) => ({ name: w.name, rows: w.rows, ...(w.total ? { total: w.total } : {}) })),
    paged: result.paged ?? [],
    messages: result.messages.map((mm) => mm.code),
  };
}

/** The pane's measure as it would run on a page: its own process, nothing else in the heap. */
function paneFigures(b, parse) {
  const longest = (m) => longestSlice(m).ms;
  return {
    ...requestFigures(b.x),
    wallMs: Math.round(b.ms),
    hostMs: Math.round(b.m.hostMs),
    longestSliceMs: longest(b.m),
    slice: longestSlice(b.m),
    longestCloneMs: +b.cloneMs.toFixed(1),
    rowsSent: b.rowsSent,
    longestBlockMs: +(longest(b.m) + parse.ms).toFixed(1),
    cpuSlice: longestSlice(b.m, "cpuSlices"),
    longestBlockCpuMs: +(longestSlice(b.m, "cpuSlices").ms + parse.cpuMs).toFixed(1),
  };
}

async function main() {
  const offsets = lineOffsets(opts.csv);
  if (opts.paneOnly) {
    const b = await viaPane(opts.csv, offsets);
    const parse = parseCostMs(b.sheet.rows(), b.needed, requestFigures(b.x).largestPayloadBytes);
    fs.writeFileSync(out, JSON.stringify({ pane: paneFigures(b, parse) }));
    return;
  }
  const rows = offsets.length - 1;
  const a = await viaReadSource(opts.csv, offsets);
  const ra = requestFigures(a.x);
  const parse = parseCostMs(a.sheet.rows(), a.columns, ra.largestPayloadBytes);
  // The pane's page never holds the orders of an import done on the page: let them go before
  // measuring the pane, or its collections pay for a heap it would not have.
  const imported = { orders: a.result.data.orders.length, errors: a.result.problems.filter((p) => p.severity === "error").length };
  a.x = null;
  // The write: the month built from the imported orders as the pane's worker builds it.
  let write = null;
  if (opts.write !== false) {
    const tb = performance.now();
    // The workload's other exports (roster, attendance, sales, incidents) beside the orders, as
    // the manager would have them on sheets too: the report sheets then have their 200 agents.
    const dir = path.dirname(opts.csv);
    const side = [];
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".xlsx") && !f.startsWith("out-")).sort()) {
      side.push({ file: f, slot: null, results: await readSourceFile(path.join(dir, f)) });
    }
    const outcome = buildBoard({ sources: [{ file: "", sheet: SHEET, slot: "orders", results: [a.result] }, ...side], month: null });
    a.result = null;
    const buildMs = Math.round(performance.now() - tb);
    const spec = outcome.spec;
    // The page receives every sheet's rows as arrays, built in the engine's worker and posted in
    // slices (src/taskpane/workerHandler.ts): built here too, before the write is measured, so the
    // page's slices are not charged with making 订单明细's lazy rows.
    for (const sh of spec.sheets) void sh.rows;
    const sheetRows = Object.fromEntries(spec.sheets.map((sh) => [sh.name, sheetRowCount(sh)]));
    const paged = await viaWrite(spec, opts.detailPageRows ?? DETAIL_PAGE_ROWS);
    const whole = opts.whole === false ? null : await viaWrite(spec, Infinity);
    write = { buildMs, sheetRows, collected: outcome.report.shopCollected, paged, whole };
  }
  a.result = null;
  const b = opts.pane === false ? null : await viaPane(opts.csv, offsets);
  const longest = (m) => longestSlice(m).ms;
  fs.writeFileSync(
    out,
    JSON.stringify({
      sheetRows: rows,
      sheetColumns: a.width,
      neededColumns: a.columns,
      importedOrders: imported.orders,
      importErrors: imported.errors,
      limits: { bytes: MAX_REQUEST_BYTES, cells: MAX_REQUEST_CELLS },
      blockCpu: BLOCK_CPU,
      readSource: {
        ...ra,
        cellsPerRow: +(ra.totalCellsRead / rows).toFixed(1),
        wallMs: Math.round(a.ms),
        hostMs: Math.round(a.m.hostMs),
        longestSliceMs: longest(a.m),
        slice: longestSlice(a.m),
        largestResponseParse: parse,
        longestBlockMs: +(longest(a.m) + parse.ms).toFixed(1),
        cpuSlice: longestSlice(a.m, "cpuSlices"),
        longestBlockCpuMs: +(longestSlice(a.m, "cpuSlices").ms + parse.cpuMs).toFixed(1),
        gc: gcFigures(a.m),
        longestBlockCpuExGcMs: +(gcFigures(a.m).longestCpuExGcMs + parse.cpuMs).toFixed(1),
      },
      write,
      gc: { longestMs: longestGc(0, Infinity), count: gcs.length },
      pane: b && paneFigures(b, parse),
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
