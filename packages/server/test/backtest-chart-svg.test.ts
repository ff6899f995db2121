import { describe, expect, it } from 'vitest';
import { type ChartInput, MAX_CHART_POINTS, renderBacktestChart } from '../src/backtests/chart-svg';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const HOUR = 3_600_000;

/**
 * A minimal well-formedness check (Node has no DOMParser): every tag is a known shape with quoted
 * attributes, tags nest and close, text holds no bare `<` or `&` outside entities, one root `svg`.
 */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  for (const match of svg.matchAll(/<[^>]*>/g)) {
    const text = svg.slice(last, match.index);
    expect(text).not.toMatch(/[<>]/);
    expect(text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, '')).not.toContain('&');
    last = match.index + match[0].length;
    const tag = match[0];
    expect(tag).toMatch(/^<\/?[a-zA-Z][\w:-]*(\s+[\w:-]+="[^"<]*")*\s*\/?>$/);
    const name = /^<\/?([\w:-]+)/.exec(tag)?.[1] as string;
    if (tag.startsWith('</')) {
      expect(stack.pop()).toBe(name);
    } else if (!tag.endsWith('/>')) {
      if (stack.length === 0) roots++;
      stack.push(name);
    }
  }
  expect(svg.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(svg).toMatch(
    /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" version="1\.1" [^>]*viewBox="0 0 \d+ \d+"/,
  );
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
}

/** The points of every polyline, as [x, y] pairs. */
function polylines(svg: string): [number, number][][] {
  return [...svg.matchAll(/<polyline points="([^"]*)"/g)].map((m) =>
    (m[1] as string).split(' ').map((p) => p.split(',').map(Number) as [number, number]),
  );
}

/** The panel rectangles: equity first, drawdown second. */
function panels(svg: string): { x: number; y: number; width: number; height: number }[] {
  return [
    ...svg.matchAll(/<rect class="panel" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g),
  ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) }));
}

/** An equity curve over `n` hourly points and its drawdown from the running peak. */
function series(n: number, equityAt: (i: number) => number): ChartInput {
  const times = new Float64Array(n);
  const equity = new Float64Array(n);
  const drawdown = new Float64Array(n);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    times[i] = T0 + i * HOUR;
    equity[i] = equityAt(i);
    peak = Math.max(peak, equity[i] as number);
    drawdown[i] = (equity[i] as number) / peak - 1;
  }
  return { title: 'SMA cross BTC/USDT 1h', times, equity, drawdown, currency: 'USDT' };
}

describe('backtest equity and drawdown chart', () => {
  it('is a well-formed SVG with the escaped title, a summary and both panels', () => {
    const input = series(500, (i) => 10_000 * (1 + 0.3 * Math.sin(i / 40)) + i * 5);
    input.title = `Tom & Jerry's <"best"> run`;
    const svg = renderBacktestChart(input);
    assertWellFormed(svg);
    expect(svg).toContain('viewBox="0 0 960 540"');
    expect(svg).toContain('Tom &amp; Jerry&apos;s &lt;&quot;best&quot;&gt; run');
    expect(svg).not.toContain(`<"best">`);

    const equity = input.equity as Float64Array;
    const final = equity[499] as number;
    const drawdown = Math.min(...(input.drawdown as Float64Array));
    const money = final.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(money).toContain(',');
    expect(svg).toContain(`Final equity ${money} USDT`);
    const ret = ((final / (equity[0] as number) - 1) * 100).toFixed(2);
    expect(svg).toContain(`Total return ${Number(ret) >= 0 ? '+' : ''}${ret}%`);
    expect(svg).toContain(`Max drawdown ${(drawdown * 100).toFixed(2)}%`);

    const [top, bottom] = panels(svg);
    expect(top && bottom).toBeTruthy();
    const share = (top?.height as number) / ((top?.height as number) + (bottom?.height as number));
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.7);

    const dates = [...svg.matchAll(/>(\d{4}-\d{2}-\d{2})</g)].map((m) => m[1]);
    expect(dates.length).toBeGreaterThanOrEqual(4);
    expect(dates.length).toBeLessThanOrEqual(6);
    expect(dates[0]).toBe('2024-01-01');
    // Equity labels with thousands separators, drawdown labels in percent.
    expect(svg).toMatch(/>1\d,\d{3}</);
    expect(svg).toMatch(/>-\d+%</);
  });

  it(`keeps at most ${MAX_CHART_POINTS} points per series of 20,000, with the spikes and the deepest drawdown`, () => {
    const n = 20_000;
    const spike = 12_345;
    const input = series(n, (i) => 1000 + 50 * Math.sin(i / 300) + (i === 7_777 ? 400 : 0));
    const drawdown = input.drawdown as Float64Array;
    for (let i = 0; i < n; i++) drawdown[i] = -0.02 * (1 + Math.sin(i / 50));
    drawdown[spike] = -0.4;
    const svg = renderBacktestChart(input, { width: 1200, height: 600 });
    assertWellFormed(svg);
    expect(svg).toContain('viewBox="0 0 1200 600"');

    const lines = polylines(svg);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
      expect(line.length).toBeGreaterThan(MAX_CHART_POINTS / 2);
    }
    for (const m of svg.matchAll(/<path d="(M[^"]*Z)"/g)) {
      expect((m[1] as string).match(/[ML]/g)?.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    }

    const [top, bottom] = panels(svg) as [
      { x: number; y: number; width: number; height: number },
      { x: number; y: number; width: number; height: number },
    ];
    const xOf = (i: number) => Math.round((top.x + (i / (n - 1)) * top.width) * 10) / 10;
    // The deepest drawdown is the bottom of the drawdown panel, at its own time.
    const [equityLine, drawdownLine] = lines as [[number, number][], [number, number][]];
    const floor = bottom.y + bottom.height;
    expect(drawdownLine).toContainEqual([xOf(spike), floor]);
    expect(Math.max(...drawdownLine.map(([, y]) => y))).toBe(floor);
    // Every other point is far above it (-4 % at most against -40 %).
    const others = drawdownLine.filter(([x]) => x !== xOf(spike));
    expect(Math.max(...others.map(([, y]) => y))).toBeLessThan(bottom.y + bottom.height * 0.11);
    // The one-point equity spike is the top of the equity line.
    const topY = Math.min(...equityLine.map(([, y]) => y));
    expect(equityLine.find(([, y]) => y === topY)?.[0]).toBeCloseTo(xOf(7_777), 0);
    expect(svg).toContain('Max drawdown -40.00%');
  });

  it('draws flat equity and no drawdown without dividing by zero', () => {
    const svg = renderBacktestChart(series(100, () => 10_000));
    assertWellFormed(svg);
    expect(svg).toContain('Final equity 10,000.00 USDT');
    expect(svg).toContain('Total return 0.00%');
    expect(svg).toContain('Max drawdown 0.00%');
    for (const line of polylines(svg)) expect(new Set(line.map(([, y]) => y)).size).toBe(1);
  });

  it('draws a single point', () => {
    const svg = renderBacktestChart({ title: 'one', times: [T0], equity: [5], drawdown: [0] });
    assertWellFormed(svg);
    expect(svg).toContain('Final equity 5.00 ·'.replace('·', '&#183;'));
    expect(svg).toContain('>2024-01-01<');
    expect(svg.match(/<circle /g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('says No data for empty input and ignores values that are not finite', () => {
    const empty = renderBacktestChart({ title: 'empty <run>', times: [], equity: [], drawdown: [] });
    assertWellFormed(empty);
    expect(empty).toContain('No data');
    expect(empty).toContain('empty &lt;run&gt;');

    const holes = renderBacktestChart(
      {
        title: 'holes',
        times: [T0, T0 + HOUR, Number.NaN, T0 + 3 * HOUR],
        equity: [100, Number.NaN, 120, 90],
        drawdown: [0, Number.POSITIVE_INFINITY, 0, -0.25],
      },
      { width: Number.NaN, height: -5 },
    );
    assertWellFormed(holes);
    expect(holes).toContain('viewBox="0 0 960 540"');
    expect(holes).toContain('Total return -10.00%');
    expect(holes).toContain('Max drawdown -25.00%');
    expect(polylines(holes).map((line) => line.length)).toEqual([2, 2]);
    // A span under 8 days is labelled with hours.
    expect(holes).toContain('>2024-01-01 00:00<');
  });
});
