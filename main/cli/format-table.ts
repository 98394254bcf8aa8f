/** Rows as aligned text columns, as `docker ps` prints them: every column padded but the last. */
export function formatTable(rows: ReadonlyArray<readonly string[]>, gap = '   '): string {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join(gap)
        .trimEnd(),
    )
    .join('\n');
}
