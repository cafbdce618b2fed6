// Peak resident memory of a process and all its descendants, sampled from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';

function processes(): { pid: number; ppid: number; rssKb: number }[] {
  const out: { pid: number; ppid: number; rssKb: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const rss = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      out.push({ pid: Number(name), ppid, rssKb: rss });
    } catch {
      // The process ended while being read.
    }
  }
  return out;
}

/** RSS (bytes) of `root` and every process below it, now. */
export function treeRss(root: number): number {
  const all = processes();
  const children = new Map<number, number[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const rss = new Map(all.map((p) => [p.pid, p.rssKb]));
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total * 1024;
}
