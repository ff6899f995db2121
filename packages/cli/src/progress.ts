/** Shows how far a long task has got, on stderr: never on stdout, which stays for the result. */
export interface Progress {
  /** `fraction` done (0 to 1) and what is happening, e.g. `running`. */
  update(fraction: number, label: string): void;
  /** Ends the display: a bar is completed and its line ended. Safe to call more than once. */
  done(): void;
}

const BAR_WIDTH = 30;

/** `[██████░░░░]  60%`: a bar of `width` cells and the percentage. */
export function renderBar(fraction: number, width = BAR_WIDTH): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const filled = Math.round(f * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${`${Math.floor(f * 100)}%`.padStart(4)}`;
}

/**
 * On a terminal (`tty`), a bar redrawn in place on one line; elsewhere (a log, a pipe, CI), one plain
 * line each time the label changes, so logs get the steps without a line per percent.
 */
export function createProgress(write: (text: string) => void, tty: boolean): Progress {
  let drawn = 0;
  let last: string | undefined;
  let finished = false;
  return {
    update(fraction, label) {
      if (finished) return;
      if (tty) {
        const line = `${renderBar(fraction)} ${label}`;
        // Spaces over what is left of a longer previous line.
        write(`\r${line.padEnd(drawn)}`);
        drawn = line.length;
      } else if (label !== last) {
        write(`${label}\n`);
      }
      last = label;
    },
    done() {
      if (finished) return;
      finished = true;
      if (tty && drawn > 0) write('\n');
    },
  };
}
