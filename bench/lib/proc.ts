/** CPU time and resident memory of a process, read from Linux /proc. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let clockTicks: number | undefined;

/** USER_HZ, the unit of utime/stime in /proc/<pid>/stat (100 on practically every Linux). */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime + stime of the process in seconds (10 ms resolution). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 and 15 (utime, stime) are at 11 and 12 once pid and comm are dropped.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicksPerSecond();
}

function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match?.[1] ? Number(match[1]) : Number.NaN;
}

/** Current resident set size in KiB. */
export const rssKiB = (pid: number): number => statusField(pid, "VmRSS");

/** Peak resident set size in KiB. */
export const peakRssKiB = (pid: number): number => statusField(pid, "VmHWM");

/** CPU seconds spent by a process between two calls: `const stop = cpuMeter(pid); …; stop()`. */
export function cpuMeter(pid: number): () => number {
  const start = cpuSeconds(pid);
  return () => cpuSeconds(pid) - start;
}

export function machineInfo(): { nproc: number; cpuModel: string; memTotalGiB: number; node: string } {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const meminfo = readFileSync("/proc/meminfo", "utf8");
  const memKiB = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? Number.NaN);
  return {
    nproc: (cpuinfo.match(/^processor\s*:/gm) ?? []).length,
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? "unknown",
    memTotalGiB: Math.round((memKiB / 1024 / 1024) * 10) / 10,
    node: process.version,
  };
}
