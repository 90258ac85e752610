// For tests: which processes a demo left behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Processes still running whose command line names `text` (Linux's /proc; elsewhere none are seen). */
export function processesNaming(text: string): string[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return command.includes(text) ? [`${pid}: ${command}`] : [];
      } catch {
        return []; // it exited while we looked
      }
    });
}
