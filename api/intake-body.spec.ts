import { CHILD_INITIALS_RULE } from '../domain/child-initials';
import { maxIntakeBodyBytes, parseIntakeBody } from './intake-body';

const now = 1795255200; // 2026-11-21T10:00:00Z
const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
const valid = {
  externalId: 'momo-123',
  sentAt: '2026-11-21T09:00:00+00:00',
  child: { reference: 'C-1001', initials: 'AB' },
  type: 'my-world',
  intendedRecipient: { kind: 'person', email: 'Sam@Council.example' },
  flags: { complaint: false, safetyLink: true, unidentified: false },
  pdf: pdf.toString('base64'),
};
const parse = (value: unknown, maxPdfBytes = 1024) => parseIntakeBody(value, { maxPdfBytes, now });
const failure = (value: unknown, maxPdfBytes?: number) => {
  const r = parse(value, maxPdfBytes);
  if (r.ok) throw new Error('expected a refusal');
  return r;
};

describe('the intake body', () => {
  it('becomes the domain’s intake request: seconds, a lower-case email, the decoded PDF', () => {
    expect(parse(valid)).toEqual({
      ok: true,
      request: {
        externalId: 'momo-123',
        sentAt: now - 3600,
        child: { reference: 'C-1001', initials: 'AB' },
        type: 'my-world',
        intendedRecipient: { kind: 'person', email: 'sam@council.example' },
        flags: { complaint: false, safetyLink: true, unidentified: false },
        pdf,
      },
    });
  });

  it('reads a sending time with an offset as the instant it names', () => {
    const r = parse({ ...valid, sentAt: '2026-11-21T10:30:00+01:00' });
    expect(r.ok && r.request.sentAt).toBe(now - 1800);
  });

  it('holds initials only: 1 to 4 capital letters with optional full stops, never a name ("Amy" is refused)', () => {
    for (const initials of ['A', 'AB', 'ABC', 'ABCD', 'J.T.', 'J.T', 'A.B.C.D.', 'ÉÖ']) expect(parse({ ...valid, child: { ...valid.child, initials } }).ok).toBe(true);
    for (const initials of ['', 'Amy', 'jt', 'ABCDE', 'Jane', 'A B', 'A..B', '.A', '12', 'A-B', 'Jane Smith']) {
      expect([initials, failure({ ...valid, child: { ...valid.child, initials } }).issues]).toEqual([initials, [{ path: 'child.initials', message: CHILD_INITIALS_RULE }]]);
    }
  });

  it('names every missing field', () => {
    expect(failure({}).issues.map((i) => i.path)).toEqual(['externalId', 'sentAt', 'child', 'type', 'intendedRecipient', 'flags', 'pdf']);
    expect(failure({}).message).toMatch(/^externalId: is required/);
  });

  it('refuses unknown fields, naming them without echoing long text', () => {
    const r = failure({ ...valid, childName: 'x', ['k'.repeat(500)]: 1 });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].message).toMatch(/^unknown fields "childName", "k{40}…"$/);
  });

  it('survives ten megabytes in any field with a 400, never an exception (patterns run on bounded text only)', () => {
    // "a-a-a-…" this long exhausts V8's regular-expression stack under a careless pattern,
    // and fits in a request body at the default 10 MiB limit.
    const huge = 'a-'.repeat(5_000_000);
    for (const field of ['externalId', 'sentAt', 'type'] as const) {
      expect(failure({ ...valid, [field]: huge }).issues[0].path).toBe(field);
    }
    expect(failure({ ...valid, pdf: huge }, 10 * 1024 * 1024)).toMatchObject({ status: 400, code: 'PDF_INVALID' });
    expect(failure({ ...valid, pdf: 'AAAA'.repeat(2_500_000).concat('!!!!') }, 10 * 1024 * 1024)).toMatchObject({ status: 400, code: 'PDF_INVALID' });
    expect(failure({ ...valid, child: { reference: huge, initials: huge } }).issues.map((i) => i.path)).toEqual(['child.reference', 'child.initials']);
    expect(failure({ ...valid, intendedRecipient: { kind: 'person', email: `${huge}@x.org` } }).issues[0].path).toBe('intendedRecipient.email');
  });

  it('takes a sending time from the last year up to 5 minutes ahead of the clock', () => {
    expect(parse({ ...valid, sentAt: '2026-11-21T10:05:00Z' }).ok).toBe(true);
    expect(failure({ ...valid, sentAt: '2026-11-21T10:05:01Z' }).message).toBe('sentAt: must not be in the future');
    expect(parse({ ...valid, sentAt: '2025-11-21T10:00:00Z' }).ok).toBe(true);
    expect(failure({ ...valid, sentAt: '2024-11-21T10:00:00Z' }).message).toBe('sentAt: must be within the last year');
  });

  it('takes strict base64 of a PDF only', () => {
    const binary = Buffer.concat([pdf, Buffer.from([0xfb, 0xff, 0xbf, 0xfe])]); // base64 with + and /, padded with ==
    const b64 = binary.toString('base64');
    expect(b64).toMatch(/[+/].*==$/);
    expect(parse({ ...valid, pdf: b64 }).ok).toBe(true);
    const spare = b64.replace(/.==$/, (m) => `${String.fromCharCode(m.charCodeAt(0) + 1)}==`); // spare bits set: not canonical
    for (const bad of ['', `${b64}=`, ` ${b64}`, b64.replace(/=+$/, ''), binary.toString('base64url'), `${b64.slice(0, 4)}=${b64.slice(5)}`, spare, `${b64}\n`]) {
      expect(failure({ ...valid, pdf: bad })).toMatchObject({ status: 400, code: 'PDF_INVALID' });
    }
    expect(failure({ ...valid, pdf: Buffer.from('GIF89a').toString('base64') })).toMatchObject({ status: 400, code: 'PDF_INVALID' });
  });

  it('refuses a PDF over the limit with 413, judged before decoding', () => {
    const exactly = Buffer.concat([pdf, Buffer.alloc(1024 - pdf.length)]);
    expect(parse({ ...valid, pdf: exactly.toString('base64') }).ok).toBe(true);
    expect(failure({ ...valid, pdf: Buffer.concat([exactly, Buffer.from('x')]).toString('base64') })).toMatchObject({ status: 413, code: 'PDF_TOO_LARGE' });
  });

  it('leaves room in the body for the base64 of the largest PDF', () => {
    expect(maxIntakeBodyBytes(10 * 1024 * 1024)).toBeGreaterThan(Math.ceil((10 * 1024 * 1024) / 3) * 4);
  });
});
