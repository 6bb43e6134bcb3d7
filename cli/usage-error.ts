/**
 * Bad input to a `heard` command: printed as one line on stderr, exit code 2.
 *
 * @example
 * throw new UsageError('--at is required');
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
