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

module.exports = { machine, loadNow };
