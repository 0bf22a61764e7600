/**
 * Child processes measured from outside: wall time, peak resident memory, CPU time.
 *
 * Every figure of the benchmark comes from its own child process, so one measurement's heap and
 * JIT state never leak into the next one's peak memory. GNU time (`/usr/bin/time -v`) gives the
 * kernel's peak RSS of the child; without it the parent polls /proc/<pid>/status (VmHWM, the
 * kernel's own high-water mark, so polling misses nothing as long as one poll lands before exit)
 * and falls back to the child's own `process.resourceUsage().maxRSS`.
 */
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { performance } = require("perf_hooks");

const GNU_TIME = "/usr/bin/time";

function hasGnuTime() {
  try {
    fs.accessSync(GNU_TIME, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** "h:mm:ss" or "m:ss.cc" → seconds. */
function clockSeconds(text) {
  return text.split(":").reduce((s, part) => s * 60 + Number(part), 0);
}

function parseGnuTime(text) {
  const field = (label) => {
    const m = new RegExp(`^\\s*${label}:\\s*(.+)$`, "m").exec(text);
    return m ? m[1].trim() : null;
  };
  const rssKb = Number(field("Maximum resident set size \\(kbytes\\)"));
  return {
    maxRssBytes: rssKb * 1024,
    userS: Number(field("User time \\(seconds\\)")),
    sysS: Number(field("System time \\(seconds\\)")),
    elapsedS: clockSeconds(field("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)") || "0"),
  };
}

function vmHwmBytes(pid) {
  try {
    const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `command args` and measures it.
 * @returns {Promise<{code:number, wallMs:number, maxRssBytes:number, userS:number|null, sysS:number|null, stdout:string, stderr:string, how:string}>}
 */
function runMeasured(command, args, opts = {}) {
  const gnu = hasGnuTime() && !opts.noGnuTime;
  const timeFile = path.join(os.tmpdir(), `kefu-bench-time-${process.pid}-${Date.now()}.txt`);
  const argv = gnu ? ["-v", "-o", timeFile, command, ...args] : args;
  const exe = gnu ? GNU_TIME : command;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(exe, argv, { cwd: opts.cwd, env: { ...process.env, ...(opts.env || {}) }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
      if (opts.echo) process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      stderr += d;
      if (opts.echoErr) process.stderr.write(d);
    });
    let polledHwm = 0;
    const poll = gnu ? null : setInterval(() => (polledHwm = Math.max(polledHwm, vmHwmBytes(child.pid))), 50);
    child.on("error", (e) => {
      if (poll) clearInterval(poll);
      reject(e);
    });
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      if (poll) clearInterval(poll);
      let m = { maxRssBytes: polledHwm, userS: null, sysS: null };
      let how = "/proc/<pid>/status VmHWM, polled";
      if (gnu) {
        try {
          m = parseGnuTime(fs.readFileSync(timeFile, "utf8"));
          how = "/usr/bin/time -v";
        } catch {
          how = "unmeasured (GNU time wrote nothing)";
        } finally {
          fs.rmSync(timeFile, { force: true });
        }
      }
      resolve({ code, wallMs, maxRssBytes: m.maxRssBytes, userS: m.userS, sysS: m.sysS, stdout, stderr, how });
    });
  });
}

/**
 * Runs one of the bench's own Node scripts, which writes its figures as JSON to the file named
 * by its last argument; returns those figures plus the outside measurement.
 */
async function runScript(script, args, opts = {}) {
  const out = path.join(os.tmpdir(), `kefu-bench-${path.basename(script, ".js")}-${process.pid}-${Date.now()}.json`);
  const nodeArgs = [...(opts.nodeArgs || []), script, ...args, out];
  const r = await runMeasured(process.execPath, nodeArgs, opts);
  if (r.code !== 0) {
    const tail = (r.stderr || r.stdout).split("\n").slice(-30).join("\n");
    throw new Error(`${path.basename(script)} exited with ${r.code}:\n${tail}`);
  }
  const result = JSON.parse(fs.readFileSync(out, "utf8"));
  fs.rmSync(out, { force: true });
  return { ...r, result };
}

module.exports = { runMeasured, runScript, hasGnuTime, parseGnuTime };
