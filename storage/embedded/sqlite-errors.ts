/**
 * SQLite reports a broken UNIQUE or PRIMARY KEY constraint with one of these codes: an
 * insert that lost to one with the same key.
 *
 * @example
 * try { insert.run(row); } catch (error) { if (isUniquenessViolation(error)) return 'duplicate'; throw error; }
 */
export function isUniquenessViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
