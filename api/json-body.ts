/**
 * Turning a request body's bytes into JSON, strictly, with replies that say what is wrong
 * without quoting any of it back (the body could carry anything, a child's details
 * included, and a reply may end up in someone else's log).
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The bytes as UTF-8 text, or null when they are not valid UTF-8 (a lone byte such as
 * `FF` is refused, never replaced by U+FFFD).
 *
 * @example
 * strictUtf8(Buffer.from([0x7b, 0x7d])); // '{}'
 * strictUtf8(Buffer.from([0xff])); // null
 */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Parses JSON text; on failure, a message naming where it went wrong (position, line and
 * column, when the parser says) but none of the text itself.
 *
 * @example
 * parseJson('{"a":1,}'); // { ok: false, message: 'the body is not valid JSON (at position 7 (line 1 column 8))' }
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (text.trim() === '') return { ok: false, message: 'the body is empty: send a JSON object' };
    const where = error instanceof SyntaxError ? /at position \d+(?: \(line \d+ column \d+\))?/.exec(error.message)?.[0] : undefined;
    return { ok: false, message: `the body is not valid JSON${where ? ` (${where})` : ''}` };
  }
}

/**
 * Whether a Content-Type header says JSON, in UTF-8 (no charset, or `charset=utf-8`).
 *
 * @example
 * isJsonContentType('application/json; charset=UTF-8'); // true
 * isJsonContentType('application/json; charset=latin1'); // false
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => {
    const [name, value = ''] = p.split('=').map((x) => x.trim());
    return name !== 'charset' || value.replace(/^"|"$/g, '') === 'utf-8';
  });
}
