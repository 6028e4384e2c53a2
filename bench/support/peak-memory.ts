import { readFileSync } from 'node:fs';

/**
 * Samples a process's resident memory from /proc (Linux) until stopped: the peak while something
 * ran, and the last value, in MiB. VmHWM would give the peak since the process started instead.
 */
export const sampleMemory = (pid: number, everyMs = 100) => {
  let peakKb = 0;
  let lastKb = 0;
  const read = () => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) {
        lastKb = Number(match[1]);
        peakKb = Math.max(peakKb, lastKb);
      }
    } catch {
      // The process has gone: keep what was seen.
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return { peakMiB: Math.round(peakKb / 1024), lastMiB: Math.round(lastKb / 1024) };
    },
  };
};
