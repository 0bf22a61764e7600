#!/usr/bin/env node
/**
 * What the zip layer costs in an xlsx read, and what a JavaScript inflater would cost instead
 * (issue 14: prefer a maintained ZIP library such as fflate or @zip.js/zip.js unless it costs more
 * than 10 % of the read). Not part of the test suite.
 *
 *   node bench/zip-read.bench.js [rows]     (default 300,000 rows × 8 columns)
 *
 * Writes one package with the project's own writer, then reads its sheet:
 *   1. the whole read (zip + XML + cells) with the command line's platform (zlib, zlib.crc32);
 *   2. the sheet part inflated alone by each inflater: zlib (Node), DecompressionStream
 *      (the browser's, here Node's implementation of it), and pako — a pure-JavaScript inflater,
 *      the stand-in for fflate / @zip.js's JavaScript path, which are not installed here;
 * and prints each inflater's time as a share of the whole read.
 */
require("./ts-require");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { performance } = require("perf_hooks");
const { createPackage } = require("../src/xlsx/zip.ts");
const { streamXlsxPackage } = require("../src/xlsx/read-xlsx.ts");
const { openZip, NODE_ZIP } = require("../src/xlsx/zip-node.ts");
const { BROWSER_ZIP } = require("../src/xlsx/zip-browser.ts");
const { crc32Js } = require("../src/xlsx/crc32.ts");
const { openZipSource } = require("../src/xlsx/zip-read.ts");

const ROWS = Number(process.argv[2] || 300_000);
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

async function writeBook(file) {
  const pkg = createPackage(file);
  pkg.addPart("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  pkg.addPart("xl/workbook.xml", `<workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="订单" sheetId="1" r:id="r1"/></sheets></workbook>`);
  pkg.addPart("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}worksheet" Target="worksheets/sheet1.xml"/></Relationships>`);
  const part = pkg.openPart("xl/worksheets/sheet1.xml", 1);
  await part.write(`<worksheet ${NS}><sheetData>`);
  let chunk = "";
  for (let r = 1; r <= ROWS; r++) {
    const id = String(2873190462331520000n + BigInt(r * 7919));
    chunk +=
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${id}</t></is></c><c r="B${r}" t="inlineStr"><is><t>买家${r % 9973}</t></is></c>` +
      `<c r="C${r}"><v>${(r % 997) + 0.5}</v></c><c r="D${r}" t="inlineStr"><is><t>交易成功</t></is></c><c r="E${r}"><v>${46296 + (r % 31) + (r % 86400) / 86400}</v></c>` +
      `<c r="F${r}" t="inlineStr"><is><t>KF0${r % 9} ${r % 3}*${r % 5}米 顺丰</t></is></c><c r="G${r}"><v>${r % 50}</v></c><c r="H${r}" t="inlineStr"><is><t>SF${r}</t></is></c></row>`;
    if (chunk.length > 1 << 20) {
      await part.write(chunk);
      chunk = "";
    }
  }
  await part.write(chunk + "</sheetData></worksheet>");
  await part.end();
  await pkg.close();
}

async function time(fn) {
  const t0 = performance.now();
  const out = await fn();
  return { ms: performance.now() - t0, out };
}

/** The sheet part's compressed bytes, as the reader pulls them. */
async function* compressedOf(file) {
  // Reach the raw range through a platform that hands the compressed steps straight out.
  const sink = [];
  const passthrough = { async *inflateRaw(c) { for await (const b of c) sink.push(b); }, crc32: () => 0 };
  const fh = await fs.promises.open(file, "r");
  const size = (await fh.stat()).size;
  const raw = await openZipSource({ size, read: async (p, n) => { const b = Buffer.alloc(n); const { bytesRead } = await fh.read(b, 0, n, p); return b.subarray(0, bytesRead); }, close: () => fh.close() }, passthrough);
  try {
    for await (const _ of raw.chunks(raw.find("xl/worksheets/sheet1.xml"), undefined, Infinity)) void _;
  } catch {
    // the passthrough yields nothing, so the size check fails at the end: the bytes are in `sink`
  }
  await raw.close();
  yield* sink;
}

async function inflateWith(platform, file) {
  let bytes = 0;
  let crc = 0;
  for await (const b of platform.inflateRaw(compressedOf(file))) {
    bytes += b.length;
    crc = platform.crc32(b, crc);
  }
  return bytes;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kefu-zipbench-"));
  const file = path.join(dir, "bench.xlsx");
  try {
    await writeBook(file);
    const size = fs.statSync(file).size;
    let cells = 0;
    const whole = await time(async () =>
      streamXlsxPackage(await openZip(file), () => ({ row: (_n, c) => void (cells += c.length), end() {} })),
    );
    const pako = require("pako");
    const PAKO = {
      async *inflateRaw(compressed) {
        const out = [];
        const inf = new pako.Inflate({ raw: true, chunkSize: 64 * 1024 });
        inf.onData = (c) => out.push(c);
        for await (const b of compressed) {
          inf.push(b, false);
          while (out.length) yield out.shift();
        }
        inf.push(new Uint8Array(0), true);
        while (out.length) yield out.shift();
      },
      crc32: crc32Js,
    };
    const runs = [
      ["zlib (Node, the command line)", NODE_ZIP],
      ["DecompressionStream + JS CRC (the pane)", BROWSER_ZIP],
      ["pako, pure JavaScript (stand-in for fflate)", PAKO],
    ];
    console.log(`${ROWS.toLocaleString("en-US")} rows, ${(size / 1048576).toFixed(1)} MB xlsx, ${cells.toLocaleString("en-US")} cells`);
    console.log(`whole read (zip + XML + cells, zlib): ${(whole.ms / 1000).toFixed(2)} s`);
    for (const [name, platform] of runs) {
      const r = await time(() => inflateWith(platform, file));
      console.log(`  inflate + CRC, ${name}: ${(r.ms / 1000).toFixed(2)} s for ${(r.out / 1048576).toFixed(0)} MB = ${((100 * r.ms) / whole.ms).toFixed(1)} % of the whole read`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
