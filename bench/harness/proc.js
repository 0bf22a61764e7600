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

/** The process ids below `pid` (children, grandchildren, …), from /proc/<pid>/task/<tid>/children. */
function descendants(pid) {
  const out = [];
  const walk = (p) => {
    let tasks = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let kids = "";
      try {
        kids = fs.readFileSync(`/proc/${p}/task/${t}/children`, "utf8");
      } catch {
        continue;
      }
      for (const k of kids.split(" ").filter(Boolean).map(Number)) {
        out.push(k);
        walk(k);
      }
    }
  };
  walk(pid);
  return out;
}

function vmRssBytes(pid) {
  try {
    const m = /^VmRSS:\s*(\d+)\s*kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function memAvailableBytes() {
  try {
    const m = /^MemAvailable:\s*(\d+)\s*kB/m.exec(fs.readFileSync("/proc/meminfo", "utf8"));
    return m ? Number(m[1]) * 1024 : Infinity;
  } catch {
    return Infinity;
  }
}

/**
 * Runs `command args` and measures it.
 *
 * `opts.guard` = {rssBytes, minAvailableBytes}: a watchdog for runs that may not fit (the scale
 * run's 5M and 10M months on a shared machine). Every 200 ms it adds up the resident memory of
 * the child's process tree; above `rssBytes`, or when the machine's MemAvailable falls under
 * `minAvailableBytes`, it kills the tree below GNU time (SIGKILL; GNU time itself still reports
 * the peak) and the result says why in `killed`.
 * @returns {Promise<{code:number, wallMs:number, maxRssBytes:number, userS:number|null, sysS:number|null, stdout:string, stderr:string, how:string, killed?:string, polledPeakRssBytes?:number}>}
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
    let killed = null;
    let treePeak = 0;
    const guard = opts.guard;
    const watchdog = !guard
      ? null
      : setInterval(() => {
          if (killed) return;
          const below = descendants(child.pid);
          const tree = gnu ? below : [child.pid, ...below];
          const rss = tree.reduce((s, p) => s + vmRssBytes(p), 0);
          treePeak = Math.max(treePeak, rss);
          const avail = memAvailableBytes();
          if (guard.rssBytes && rss > guard.rssBytes) killed = `resident memory ${Math.round(rss / 1048576)} MB > limit ${Math.round(guard.rssBytes / 1048576)} MB`;
          else if (guard.minAvailableBytes && avail < guard.minAvailableBytes) killed = `machine's MemAvailable ${Math.round(avail / 1048576)} MB < ${Math.round(guard.minAvailableBytes / 1048576)} MB (resident ${Math.round(rss / 1048576)} MB)`;
          if (!killed) return;
          killed += ` after ${((performance.now() - t0) / 1000).toFixed(1)} s`;
          // The leaves first (the command line's real process below its launcher): each parent
          // then reaps its child and exits, so GNU time still reports the tree's peak and CPU.
          // Anything left after two seconds is killed as well.
          const parents = new Set(tree.flatMap((p) => (descendants(p).length ? [p] : [])));
          const kill = (list) => {
            for (const p of list) {
              try {
                process.kill(p, "SIGKILL");
              } catch {
                // already gone
              }
            }
          };
          kill(tree.filter((p) => !parents.has(p)));
          setTimeout(() => kill(tree.filter((p) => parents.has(p))), 2000).unref();
        }, 200);
    child.on("error", (e) => {
      if (poll) clearInterval(poll);
      if (watchdog) clearInterval(watchdog);
      reject(e);
    });
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      if (poll) clearInterval(poll);
      if (watchdog) clearInterval(watchdog);
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
      const extra = guard ? { killed, polledPeakRssBytes: treePeak } : {};
      // Killed: the peak is at least what the watchdog saw (GNU time may have seen less).
      if (killed) m.maxRssBytes = Math.max(m.maxRssBytes || 0, treePeak);
      resolve({ code, wallMs, maxRssBytes: m.maxRssBytes, userS: m.userS, sysS: m.sysS, stdout, stderr, how, ...extra });
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
