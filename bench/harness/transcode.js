/**
 * GBK → UTF-8, streamed in 4 MB chunks. DuckDB reads only UTF-8 (and UTF-16/Latin-1) without its
 * `encodings` extension, which it downloads on first use — not possible offline — so the DuckDB
 * side of the comparison reads a UTF-8 copy of the same export, and the copy's cost is reported
 * on its own line.
 */
const fs = require("fs");

function transcodeGbkToUtf8(src, dst) {
  const decoder = new TextDecoder("gbk");
  const inFd = fs.openSync(src, "r");
  const outFd = fs.openSync(dst, "w");
  const buf = Buffer.allocUnsafe(4 << 20);
  let bytesIn = 0;
  let bytesOut = 0;
  try {
    for (;;) {
      const n = fs.readSync(inFd, buf, 0, buf.length, null);
      if (n === 0) break;
      bytesIn += n;
      const text = decoder.decode(buf.subarray(0, n), { stream: true });
      bytesOut += fs.writeSync(outFd, text);
    }
    bytesOut += fs.writeSync(outFd, decoder.decode());
  } finally {
    fs.closeSync(inFd);
    fs.closeSync(outFd);
  }
  return { bytesIn, bytesOut };
}

module.exports = { transcodeGbkToUtf8 };
