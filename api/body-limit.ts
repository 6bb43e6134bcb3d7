import type { IncomingMessage } from 'http';
import type { Next, Request, RequestHandler, Response } from 'restify';
import * as zlib from 'zlib';
import { sendError, type ApiLog } from './http-reply';

/**
 * Reading a request body with a hard limit on what it becomes once decoded: every route
 * that reads a body reads it through here, so neither a large body nor a small
 * compressed one that inflates to gigabytes (a "zip bomb") can hold more than the limit
 * in memory. The count is of the decoded bytes, taken while reading: the moment it
 * passes the limit, decoding stops and the request is refused with 413.
 */

/**
 * The content codings a route may accept. `identity` is an uncompressed body; `gzip`
 * (also spelt `x-gzip`) and `deflate` are the two that HTTP clients send. Brotli, zstd and
 * `compress` are never accepted: nobody sends Heard them, and every decoder accepted is
 * one more way in.
 *
 * @example
 * const codings: ContentCoding[] = ['identity', 'gzip', 'deflate'];
 */
export type ContentCoding = 'identity' | 'gzip' | 'deflate';

/** What a route accepts. @example const limit: BodyLimit = { route: 'messages', maxBytes: 262144, codings: ['identity', 'gzip', 'deflate'] }; */
export interface BodyLimit {
  /** Names the route in log lines. */
  route: string;
  /** The most bytes the body may hold once decoded. */
  maxBytes: number;
  codings: readonly ContentCoding[];
}

/**
 * A body read whole, or why not: 413 over the limit, 415 for a coding the route does
 * not accept, 400 for a compressed body that does not decode or a request cut short.
 *
 * @example
 * const r: BodyRead = { ok: false, status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body must be at most 262144 bytes' };
 */
export type BodyRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; status: 400 | 413 | 415; code: 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'BODY_UNREADABLE'; message: string };

/**
 * After a refusal the rest of the request is read and thrown away (so the client, still
 * sending, receives the reply rather than a reset connection), up to this many times the
 * limit; past that the connection is closed.
 */
const DISCARD_FACTOR = 4;

/**
 * Reads `req`'s body under `limit`. Resolves (never rejects) once the body is read or
 * refused; after a refusal, decoding has stopped and the rest of the request is
 * discarded without being decoded.
 *
 * @example
 * const body = await readBoundedBody(req, { route: 'intake', maxBytes: 14045184, codings: ['identity'] });
 * if (!body.ok) return sendError(res, body.status, body.code, body.message);
 */
export function readBoundedBody(req: IncomingMessage, limit: BodyLimit): Promise<BodyRead> {
  const coding = codingOf(req.headers['content-encoding'], limit.codings);
  if (!coding.ok) {
    discardRest(req, limit.maxBytes);
    return Promise.resolve(coding);
  }
  const tooLarge: BodyRead = { ok: false, status: 413, code: 'PAYLOAD_TOO_LARGE', message: `the request body must be at most ${limit.maxBytes} bytes` };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit.maxBytes) {
    discardRest(req, limit.maxBytes);
    return Promise.resolve(tooLarge);
  }

  return new Promise<BodyRead>((resolve) => {
    const decoder = coding.value === 'gzip' ? zlib.createGunzip() : coding.value === 'deflate' ? zlib.createInflate() : null;
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const finish = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      if (decoder) {
        req.unpipe(decoder);
        decoder.destroy();
      }
      chunks.length = 0;
      if (!result.ok) discardRest(req, limit.maxBytes);
      resolve(result);
    };
    const unreadable = (message: string): BodyRead => ({ ok: false, status: 400, code: 'BODY_UNREADABLE', message });

    // The bytes on the wire are capped too: a compressed body is never larger than the
    // limit it decodes within (a request without Content-Length is counted as it comes).
    if (decoder) {
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limit.maxBytes) finish(tooLarge);
      });
    }
    const cutShort = () => finish(unreadable('the request ended before its body was complete'));
    req.on('error', cutShort);
    req.on('close', () => {
      if (!req.complete) cutShort();
    });

    const output = decoder ?? req;
    output.on('data', (chunk: Buffer) => {
      if (settled) return;
      decoded += chunk.length;
      if (decoded > limit.maxBytes) return finish(tooLarge);
      chunks.push(chunk);
    });
    output.on('end', () => finish({ ok: true, bytes: Buffer.concat(chunks, decoded) }));
    if (decoder) {
      decoder.on('error', () => finish(unreadable(`the body is not valid ${coding.value} data`)));
      req.pipe(decoder);
    }
  });
}

/**
 * A restify handler that reads the body under `limit` into `req.body` (a Buffer), or
 * answers the refusal as JSON `{error: {code, message}}` and stops the chain.
 *
 * @example
 * server.post('/api/messages', boundedBody({ route: 'messages', maxBytes: 262144, codings: ['identity', 'gzip', 'deflate'] }, log), handler);
 */
export function boundedBody(limit: BodyLimit, log: ApiLog): RequestHandler {
  return function readBody(req: Request, res: Response, next: Next): void {
    void readBoundedBody(req, limit).then((body) => {
      if (body.ok) {
        req.body = body.bytes;
        return next();
      }
      log('request-refused', { route: limit.route, status: body.status, code: body.code });
      sendError(res, body.status, body.code, body.message);
      next(false);
    });
  };
}

function codingOf(header: string | string[] | undefined, accepted: readonly ContentCoding[]): { ok: true; value: ContentCoding } | Extract<BodyRead, { ok: false }> {
  const spelt = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
    .map((c) => (c === 'x-gzip' ? 'gzip' : c));
  const refuse = (): Extract<BodyRead, { ok: false }> => ({
    ok: false,
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message:
      accepted.length === 1
        ? 'send the body uncompressed (no Content-Encoding)'
        : `send the body uncompressed or with one Content-Encoding of ${accepted.filter((c) => c !== 'identity').join(' or ')}`,
  });
  if (spelt.length === 0) return accepted.includes('identity') ? { ok: true, value: 'identity' } : refuse();
  // Codings applied on top of each other multiply what a few bytes can become: one at most.
  if (spelt.length > 1) return refuse();
  const coding = accepted.find((c) => c === spelt[0]);
  return coding ? { ok: true, value: coding } : refuse();
}

/** Reads and drops what is left of a refused request, closing the connection if it goes on too long. */
function discardRest(req: IncomingMessage, maxBytes: number): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes * DISCARD_FACTOR) req.socket.destroy();
  });
  req.resume();
}
