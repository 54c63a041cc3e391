// CPU time and resident memory of a process tree (the local system the end-to-end and batch
// benchmarks start), read from /proc: Linux only; elsewhere the tables are left out.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

export interface ProcessSample {
  /** The service name for medgrade services (from OTEL_SERVICE_NAME), else the command name (`launcher` for npm start's node). */
  name: string;
  /** The processes of that name. */
  pids: number[];
  cpuMs: number;
  rssMb: number;
}

export const procAvailable = fs.existsSync('/proc/self/stat');

const ticksPerSecond = procAvailable ? Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) : 100;

function children(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function treeOf(root: number): number[] {
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]!));
  return all;
}

function nameOf(pid: number): string {
  const env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  const service = env.find((entry) => entry.startsWith('OTEL_SERVICE_NAME='));
  if (service) return service.slice('OTEL_SERVICE_NAME='.length).replace(/^medgrade-/, '');
  const command = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  return command === 'node' ? 'launcher' : command;
}

function sampleOne(pid: number): ProcessSample | null {
  try {
    // Fields after the parenthesised command: utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { name: nameOf(pid), pids: [pid], cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond, rssMb: rssKb / 1024 };
  } catch {
    return null; // gone in the meantime
  }
}

/** One sample per process name: CPU and RSS summed over the processes sharing it (PostgreSQL's backends). */
export function sampleTree(root: number): Map<string, ProcessSample> {
  const byName = new Map<string, ProcessSample>();
  if (!procAvailable) return byName;
  for (const pid of treeOf(root)) {
    const sample = sampleOne(pid);
    if (!sample) continue;
    const seen = byName.get(sample.name);
    byName.set(sample.name, seen ? { name: sample.name, pids: [...seen.pids, pid], cpuMs: seen.cpuMs + sample.cpuMs, rssMb: seen.rssMb + sample.rssMb } : sample);
  }
  return byName;
}

/** CPU milliseconds each process spent between two samples. */
export function cpuBetween(before: Map<string, ProcessSample>, after: Map<string, ProcessSample>): Map<string, number> {
  return new Map([...after].map(([name, sample]) => [name, sample.cpuMs - (before.get(name)?.cpuMs ?? 0)]));
}
