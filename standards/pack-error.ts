/**
 * A pack (or vocabulary) file that cannot be used, with every problem as `file:line: path: message`.
 *
 * @example
 * try { parsePack('id: 1', 'bad.yaml'); } catch (e) { (e as PackError).problems; }
 */
export class PackError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'PackError';
  }
}
