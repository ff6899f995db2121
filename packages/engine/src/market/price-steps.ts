/**
 * Decimal places of an increment such as a tick or lot size: `0.01` → 2, `1e-8` → 8, `5` → 0.
 *
 * @example
 * decimalsOf(0.0001); // 4
 */
export function decimalsOf(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`not a positive increment: ${step}`);
  const text = step.toExponential();
  const [mantissa = '', exponent = '0'] = text.split('e');
  const mantissaDecimals = (mantissa.split('.')[1] ?? '').length;
  return Math.max(0, mantissaDecimals - Number(exponent));
}

/**
 * `value` on the grid of `step`, rounded `'down'`, `'up'` or to the `'nearest'` point, without the float
 * noise of a bare multiplication (`0.1 * 3` is `0.30000000000000004`).
 *
 * @example
 * roundToStep(101.237, 0.01, 'down'); // 101.23
 */
export function roundToStep(
  value: number,
  step: number,
  mode: 'down' | 'up' | 'nearest' = 'nearest',
): number {
  const decimals = decimalsOf(step);
  // A little slack, so that 101.23 / 0.01 = 10122.999999999998 still counts as on the grid.
  const units = value / step;
  const nearest = Math.round(units);
  const onGrid = Math.abs(units - nearest) < 1e-9 * Math.max(1, Math.abs(units));
  const whole = onGrid
    ? nearest
    : mode === 'down'
      ? Math.floor(units)
      : mode === 'up'
        ? Math.ceil(units)
        : nearest;
  return Number((whole * step).toFixed(Math.min(decimals, 100)));
}
