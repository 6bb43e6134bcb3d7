/**
 * Rows as a table a person reads in a terminal: each column as wide as its longest
 * entry, two spaces between columns, no trailing spaces.
 *
 * @example
 * textTable([['STANDARD', 'CLOCK'], ['momo.2.1', 'working-hours 7']]);
 * // 'STANDARD  CLOCK\nmomo.2.1  working-hours 7'
 */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
