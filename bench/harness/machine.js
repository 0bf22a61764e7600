/** The machine a run was measured on, for the results file and the README's table. */
const fs = require("fs");
const os = require("os");

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (m) return m[1].trim();
  } catch {
    // not Linux: os.cpus() below
  }
  return os.cpus()[0]?.model ?? "unknown";
}

function machine() {
  const load = os.loadavg();
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: load.map((x) => +x.toFixed(2)),
  };
}

/** Load average now, [1, 5, 15] minutes. */
const loadNow = () => os.loadavg().map((x) => +x.toFixed(2));

/**
 * The speed of one core now: a fixed loop (a million doubles printed by String, the work of a
 * sheet's numbers), best of three, in ms. This VM's speed drifts — the same loop took 130 ms and
 * 260 ms an hour apart on 2026-12-07, with the load average alike — so a run records it at its
 * start and end beside the load average, and two runs' times compare only with these alike.
 */
function cpuProbe() {
  const n = 1_000_000;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = 46000 + (i * 7919) / 86400;
  let best = Infinity;
  let sink = 0;
  for (let k = 0; k < 3; k++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += String(values[i]).length;
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  if (sink < 0) throw new Error("unreachable");
  return +best.toFixed(1);
}

module.exports = { machine, loadNow, cpuProbe };
