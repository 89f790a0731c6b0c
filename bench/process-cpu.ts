// CPU seconds used so far by this process's child processes, by command name (Linux /proc; empty
// elsewhere). The bench reads it around the settle phase: on a shared machine the CPU a request
// costs the API server and etcd says more than the wall-clock rate, which the load bends.
import { readFileSync, readdirSync } from 'node:fs';

/** Kernel clock ticks per second (USER_HZ): 100 on every Linux the bench runs on. */
const TICKS = 100;

export function childCpuSeconds(names: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after its ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) !== process.pid || !names.includes(comm)) continue;
    out[comm] = (out[comm] ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS;
  }
  return out;
}
