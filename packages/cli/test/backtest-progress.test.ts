import { describe, expect, it } from 'vitest';
import { createProgress, renderBar } from '../src/progress';

describe('progress on stderr', () => {
  it('renders a bar with the percentage, clamped to 0..100', () => {
    expect(renderBar(0, 10)).toBe('[░░░░░░░░░░]   0%');
    expect(renderBar(0.42, 10)).toBe('[████░░░░░░]  42%');
    expect(renderBar(1, 10)).toBe('[██████████] 100%');
    expect(renderBar(7, 4)).toBe('[████] 100%');
    expect(renderBar(Number.NaN, 4)).toBe('[░░░░]   0%');
  });

  it('on a terminal, redraws one line in place and ends it once', () => {
    let text = '';
    const progress = createProgress((t) => {
      text += t;
    }, true);
    progress.update(0, 'backtest bt_1: queued');
    progress.update(0.5, 'backtest bt_1: running');
    progress.update(1, 'backtest bt_1: ok');
    progress.done();
    progress.done();
    progress.update(1, 'late');
    const frames = text.split('\r').slice(1);
    expect(frames).toHaveLength(3);
    expect(frames[0]).toBe(`${renderBar(0)} backtest bt_1: queued`);
    expect(frames[1]).toBe(`${renderBar(0.5)} backtest bt_1: running`);
    // The shorter last label is padded over the longer one before it, and the line ends once.
    expect(frames[2]).toBe(`${`${renderBar(1)} backtest bt_1: ok`.padEnd(frames[1]?.length ?? 0)}\n`);
  });

  it('elsewhere, writes one plain line per new label and nothing on done', () => {
    const lines: string[] = [];
    const progress = createProgress((t) => lines.push(t), false);
    progress.update(0, 'backtest bt_1: queued');
    progress.update(0.1, 'backtest bt_1: running');
    progress.update(0.7, 'backtest bt_1: running');
    progress.update(1, 'backtest bt_1: succeeded');
    progress.done();
    expect(lines).toEqual([
      'backtest bt_1: queued\n',
      'backtest bt_1: running\n',
      'backtest bt_1: succeeded\n',
    ]);
  });
});
