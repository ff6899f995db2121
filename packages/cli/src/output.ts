/** Prints data as JSON (for scripts) or as aligned columns (for people). */
export interface Output {
  json: boolean;
  print(data: unknown, table?: () => string): void;
}

export function createOutput(json: boolean, write: (text: string) => void): Output {
  return {
    json,
    print(data, table) {
      write(json || !table ? `${JSON.stringify(data, null, 2)}\n` : `${table()}\n`);
    },
  };
}

/** A plain text table: a header row and left-aligned columns. */
export function formatTable(
  headers: string[],
  rows: Array<Array<string | number | null | undefined>>,
): string {
  const cells = [
    headers,
    ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell)))),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `key: value` lines, aligned. */
export function formatFields(fields: Array<[string, string | number | null | undefined]>): string {
  const width = Math.max(...fields.map(([name]) => name.length));
  return fields.map(([name, value]) => `${`${name}:`.padEnd(width + 2)}${value ?? '-'}`).join('\n');
}
