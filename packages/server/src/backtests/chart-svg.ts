/**
 * The equity and drawdown chart of a backtest as one self-contained SVG 1.1 document: equity line on
 * top, drawdown (percent, filled below zero) underneath, one shared UTC time axis. Long series are
 * reduced to at most {@link MAX_CHART_POINTS} points per series by keeping each bucket's minimum and
 * maximum, so spikes and the deepest drawdown survive.
 */

export interface ChartInput {
  title: string;
  /** Times of the points, ms since the epoch (UTC), ascending. */
  times: ArrayLike<number>;
  equity: ArrayLike<number>;
  /** Drawdown from the running peak as a fraction ≤ 0 (-0.25 = 25 % below the peak). */
  drawdown: ArrayLike<number>;
  /** Shown after the final equity and on the equity axis, e.g. 'USDT'. */
  currency?: string;
}

/** The most points one drawn series (polyline, or area path with its two closing points) has. */
export const MAX_CHART_POINTS = 1200;
/** Min and max of each bucket, plus the area's two points on the zero line. */
const BUCKETS = (MAX_CHART_POINTS - 2) / 2;

const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';
const DAY = 86_400_000;
const HOUR = 3_600_000;

export function renderBacktestChart(
  input: ChartInput,
  options: { width?: number; height?: number } = {},
): string {
  const width = Math.max(320, Math.round(finiteOr(options.width, 960)));
  const height = Math.max(240, Math.round(finiteOr(options.height, 540)));
  const currency = input.currency ? ` ${input.currency}` : '';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="26" text-anchor="middle" font-size="18" font-weight="bold" fill="#111827">${escapeXml(input.title)}</text>`,
  ];

  const times = input.times;
  const equityIdx = finiteIndexes(times, input.equity);
  const drawdownIdx = finiteIndexes(times, input.drawdown);
  if (equityIdx.length === 0 && drawdownIdx.length === 0) {
    out.push(
      `<text x="${width / 2}" y="${num(height / 2)}" text-anchor="middle" font-size="16" fill="#6b7280">No data</text>`,
      '</svg>',
    );
    return out.join('\n');
  }

  // Summary of the whole input (not of the downsampled points).
  const first = equityIdx.length > 0 ? (input.equity[equityIdx[0] as number] as number) : Number.NaN;
  const final = equityIdx.length > 0 ? (input.equity[equityIdx.at(-1) as number] as number) : Number.NaN;
  let maxDrawdown = 0;
  let maxDrawdownAt = -1;
  for (const i of drawdownIdx) {
    const value = input.drawdown[i] as number;
    if (value < maxDrawdown) {
      maxDrawdown = value;
      maxDrawdownAt = i;
    }
  }
  const totalReturn = first > 0 && Number.isFinite(final) ? final / first - 1 : Number.NaN;
  const summary = [
    `Final equity ${Number.isFinite(final) ? formatNumber(final, 2) : 'n/a'}${escapeXml(currency)}`,
    `Total return ${Number.isFinite(totalReturn) ? formatPercent(totalReturn, true) : 'n/a'}`,
    `Max drawdown ${formatPercent(maxDrawdown, false)}`,
  ].join(' &#183; ');
  out.push(
    `<text x="${width / 2}" y="48" text-anchor="middle" font-size="13" fill="#374151">${summary}</text>`,
  );

  // Layout: equity ≈ 65 % of the plot height, drawdown the rest, date labels below.
  const left = 84;
  const right = width - 24;
  const plotTop = 70;
  const plotBottom = height - 34;
  const gap = 20;
  const eqTop = plotTop;
  const eqHeight = Math.round((plotBottom - plotTop - gap) * 0.65);
  const eqBottom = eqTop + eqHeight;
  const ddTop = eqBottom + gap;
  const ddBottom = plotBottom;
  const ddHeight = ddBottom - ddTop;
  const plotWidth = right - left;

  // Shared time scale over every point with a time.
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const indexes of [equityIdx, drawdownIdx]) {
    if (indexes.length === 0) continue;
    t0 = Math.min(t0, times[indexes[0] as number] as number);
    t1 = Math.max(t1, times[indexes.at(-1) as number] as number);
  }
  const x = (t: number) => (t1 > t0 ? left + ((t - t0) / (t1 - t0)) * plotWidth : left + plotWidth / 2);

  // Equity scale: the data range padded by 5 % (flat equity: ±1 % of its level, at least ±1).
  let eqMin = Number.POSITIVE_INFINITY;
  let eqMax = Number.NEGATIVE_INFINITY;
  for (const i of equityIdx) {
    const value = input.equity[i] as number;
    if (value < eqMin) eqMin = value;
    if (value > eqMax) eqMax = value;
  }
  if (equityIdx.length === 0) {
    eqMin = 0;
    eqMax = 1;
  }
  const spread = eqMax - eqMin;
  const pad = spread > Math.abs(eqMax) * 1e-9 ? spread * 0.05 : Math.max(Math.abs(eqMax) * 0.01, 1);
  const eqLo = eqMin - pad;
  const eqHi = eqMax + pad;
  const yEquity = (v: number) => eqBottom - ((v - eqLo) / (eqHi - eqLo)) * eqHeight;

  // Drawdown scale: 0 at the top of its panel, the deepest drawdown at the bottom (at least 1 %).
  const ddLo = maxDrawdown < -1e-9 ? maxDrawdown : -0.01;
  const yDrawdown = (v: number) => ddTop + (v / ddLo) * ddHeight;

  // Panels and grid.
  out.push(
    `<rect class="panel" x="${left}" y="${eqTop}" width="${plotWidth}" height="${eqHeight}" fill="#f9fafb" stroke="#e5e7eb"/>`,
    `<rect class="panel" x="${left}" y="${ddTop}" width="${plotWidth}" height="${ddHeight}" fill="#f9fafb" stroke="#e5e7eb"/>`,
  );
  const grid: string[] = [];
  const labels: string[] = [];
  const eqTicks = niceTicks(eqLo, eqHi, 5);
  for (const tick of eqTicks.values) {
    const y = num(yEquity(tick));
    grid.push(`M${left},${y}H${right}`);
    labels.push(
      `<text x="${left - 6}" y="${y}" dy="0.32em" text-anchor="end">${formatNumber(tick, eqTicks.decimals)}</text>`,
    );
  }
  const ddTicks = niceTicks(ddLo * 100, 0, 3);
  for (const tick of ddTicks.values) {
    const y = num(yDrawdown(tick / 100));
    grid.push(`M${left},${y}H${right}`);
    labels.push(
      `<text x="${left - 6}" y="${y}" dy="0.32em" text-anchor="end">${formatNumber(tick, ddTicks.decimals)}%</text>`,
    );
  }
  for (const tick of timeTicks(t0, t1)) {
    const tx = x(tick.time);
    grid.push(`M${num(tx)},${eqTop}V${eqBottom}M${num(tx)},${ddTop}V${ddBottom}`);
    const anchor = tx - left < 50 ? 'start' : right - tx < 50 ? 'end' : 'middle';
    labels.push(`<text x="${num(tx)}" y="${ddBottom + 18}" text-anchor="${anchor}">${tick.label}</text>`);
  }
  out.push(
    `<path d="${grid.join('')}" fill="none" stroke="#e5e7eb" stroke-width="1"/>`,
    `<g font-size="11" fill="#4b5563">`,
    ...labels,
    `<text x="${left + 6}" y="${eqTop + 14}" font-weight="bold">Equity${input.currency ? ` (${escapeXml(input.currency)})` : ''}</text>`,
    `<text x="${left + 6}" y="${ddTop + 14}" font-weight="bold">Drawdown</text>`,
    '</g>',
  );

  // Equity: the starting level dashed, then the line.
  if (equityIdx.length > 0) {
    const y = num(yEquity(first));
    out.push(`<path d="M${left},${y}H${right}" stroke="#9ca3af" stroke-dasharray="4 4" fill="none"/>`);
    const points = downsample(input.equity, equityIdx).map(
      (i) => `${num(x(times[i] as number))},${num(yEquity(input.equity[i] as number))}`,
    );
    out.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="#2563eb" stroke-width="1.5" stroke-linejoin="round"/>`,
    );
    if (points.length === 1) out.push(circle(points[0] as string, '#2563eb'));
  }

  // Drawdown: the area between zero and the curve, its outline, and the deepest point marked.
  if (drawdownIdx.length > 0) {
    const kept = downsample(input.drawdown, drawdownIdx);
    const points = kept.map(
      (i) => `${num(x(times[i] as number))},${num(yDrawdown(Math.min(0, input.drawdown[i] as number)))}`,
    );
    const zero = num(ddTop);
    const firstX = num(x(times[kept[0] as number] as number));
    const lastX = num(x(times[kept.at(-1) as number] as number));
    out.push(
      `<path d="M${firstX},${zero}L${points.join('L')}L${lastX},${zero}Z" fill="#dc2626" fill-opacity="0.18" stroke="none"/>`,
      `<polyline points="${points.join(' ')}" fill="none" stroke="#dc2626" stroke-width="1.2" stroke-linejoin="round"/>`,
    );
    if (points.length === 1) out.push(circle(points[0] as string, '#dc2626'));
    if (maxDrawdownAt >= 0) {
      const mx = x(times[maxDrawdownAt] as number);
      const my = yDrawdown(maxDrawdown);
      const anchor = mx - left < 80 ? 'start' : right - mx < 80 ? 'end' : 'middle';
      out.push(
        `<circle cx="${num(mx)}" cy="${num(my)}" r="3" fill="#dc2626"/>`,
        `<text x="${num(mx)}" y="${num(my - 6)}" text-anchor="${anchor}" font-size="11" fill="#991b1b">${formatPercent(maxDrawdown, false)}</text>`,
      );
    }
  }

  out.push('</svg>');
  return out.join('\n');
}

/** Indexes where both the time and the value are finite numbers. */
function finiteIndexes(times: ArrayLike<number>, values: ArrayLike<number>): number[] {
  const n = Math.min(times.length, values.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(times[i]) && Number.isFinite(values[i])) out.push(i);
  }
  return out;
}

/**
 * At most 2 × BUCKETS of `indexes`: all of them when few enough, else the minimum and the maximum of
 * each of BUCKETS equal runs, in time order.
 */
function downsample(values: ArrayLike<number>, indexes: readonly number[]): number[] {
  const n = indexes.length;
  if (n <= 2 * BUCKETS) return indexes.slice();
  const out: number[] = [];
  for (let b = 0; b < BUCKETS; b++) {
    const start = Math.floor((b * n) / BUCKETS);
    const end = Math.floor(((b + 1) * n) / BUCKETS);
    let lo = start;
    let hi = start;
    for (let k = start + 1; k < end; k++) {
      const value = values[indexes[k] as number] as number;
      if (value < (values[indexes[lo] as number] as number)) lo = k;
      if (value > (values[indexes[hi] as number] as number)) hi = k;
    }
    out.push(indexes[Math.min(lo, hi)] as number);
    if (lo !== hi) out.push(indexes[Math.max(lo, hi)] as number);
  }
  return out;
}

/** Round ticks in [lo, hi], about `target` of them, and the decimals their labels need. */
function niceTicks(lo: number, hi: number, target: number): { values: number[]; decimals: number } {
  const raw = (hi - lo) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const values: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    values.push(Number((k * step).toFixed(decimals)));
  }
  return { values, decimals };
}

/**
 * Five labels spread over [t0, t1]: UTC dates at midnight when the span is 8 days or more, else
 * date and hour.
 */
function timeTicks(t0: number, t1: number): { time: number; label: string }[] {
  if (!(t1 > t0)) return [{ time: t0, label: formatDate(t0, false) }];
  const daily = t1 - t0 >= 8 * DAY;
  const unit = daily ? DAY : HOUR;
  const out: { time: number; label: string }[] = [];
  for (let k = 0; k <= 4; k++) {
    const raw = t0 + ((t1 - t0) * k) / 4;
    const snap = k === 0 ? Math.ceil : k === 4 ? Math.floor : Math.round;
    const time = Math.min(t1, Math.max(t0, snap(raw / unit) * unit));
    if (out.length > 0 && (out.at(-1) as { time: number }).time === time) continue;
    out.push({ time, label: formatDate(time, !daily) });
  }
  return out;
}

function formatDate(ms: number, withTime: boolean): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '';
  const text = date.toISOString();
  return withTime ? `${text.slice(0, 10)} ${text.slice(11, 16)}` : text.slice(0, 10);
}

/** `1234567.891` → `1,234,567.89` (2 decimals). */
function formatNumber(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const dot = fixed.indexOf('.');
  const whole = dot === -1 ? fixed : fixed.slice(0, dot);
  const fraction = dot === -1 ? '' : fixed.slice(dot);
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += ',';
    grouped += whole[i];
  }
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${fraction}`;
}

function formatPercent(fraction: number, signed: boolean): string {
  const text = formatNumber(fraction * 100, 2);
  return `${signed && fraction * 100 >= 0.005 ? '+' : ''}${text}%`;
}

/** A coordinate with one decimal. */
function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function circle(point: string, color: string): string {
  const [cx, cy] = point.split(',');
  return `<circle cx="${cx}" cy="${cy}" r="3" fill="${color}"/>`;
}

function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}
