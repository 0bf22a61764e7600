/**
 * CRC-32 (the zip's checksum) in plain JavaScript, for hosts without zlib (the task pane). Node
 * uses zlib.crc32, several times faster, where it has it (./zip.ts, ./zip-node.ts).
 */
const TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/**
 * The CRC-32 of `data` continued from `value` (0 to start).
 * @example crc32(new TextEncoder().encode("123456789"), 0) // 0xcbf43926
 */
export function crc32Js(data: Uint8Array, value: number): number {
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
