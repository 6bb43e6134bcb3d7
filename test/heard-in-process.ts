import { main } from '../cli/main';

/**
 * Runs the `heard` command in this process, as `bin/heard.js` would, capturing what it
 * prints: its exit code, stdout and stderr (`stdin`, when given, is what it reads).
 *
 * @example
 * const { code, out, err } = await heard(['due', 'momo.1.1', '--at', '2026-11-21T10:00:00Z']);
 */
export async function heard(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = (sink: 'out' | 'err') => (chunk: string | Uint8Array) => {
    if (sink === 'out') out += String(chunk);
    else err += String(chunk);
    return true;
  };
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation(write('out') as typeof process.stdout.write);
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(write('err') as typeof process.stderr.write);
  const stdinSpy =
    stdin === undefined
      ? undefined
      : jest.spyOn(process.stdin, Symbol.asyncIterator).mockImplementation(async function* () {
          yield Buffer.from(stdin);
        } as never);
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
    stdinSpy?.mockRestore();
  }
}
