import { readdirSync, readFileSync } from 'node:fs';

export interface RunningProcess { pid: number; parent: number; argv: string[] }

/** The processes running now, from /proc (one that exits while being read is left out). */
export function runningProcesses(): RunningProcess[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
    try {
      const parent = Number(/^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      return [{ pid: Number(pid), parent, argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) }];
    } catch { return []; }
  });
}
