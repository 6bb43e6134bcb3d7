import { createHash } from 'crypto';
import type { Response } from 'restify';

/**
 * The small pages a person may see in their browser instead of a statement's PDF: a
 * link that has expired, been used, or was made for someone else; a sign-in that did
 * not finish. Each is a heading and a sentence or two saying what to do next — and
 * nothing about the statement, which the person may not be entitled to know exists.
 * Plain HTML that meets WCAG 2.2 AA (checked with axe-core in a browser): a language, a
 * title, one main landmark and heading, text that reflows at 320 px and 400 % zoom,
 * contrast above 7:1; no script, no images, nothing loaded from elsewhere.
 */

/** What a page says. @example const page: PersonPage = { status: 410, title: 'This link has been used', lines: ['Each link opens the statement once.'] }; */
export interface PersonPage {
  status: number;
  /** The page's title and its one heading. */
  title: string;
  /** Paragraphs, in order. */
  lines: readonly string[];
}

const STYLE =
  'body{margin:0;font-family:"Segoe UI",system-ui,-apple-system,sans-serif;font-size:1.125rem;line-height:1.5;color:#1b1b1b;background:#fff}' +
  'main{max-width:36rem;margin:0 auto;padding:2rem 1rem}h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}p{margin:0 0 1rem}';

/** Only the page's own style is allowed, by its hash: no script, nothing fetched; framed by nobody, or only by `frameAncestors`. */
function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors.length === 0 ? "'none'" : frameAncestors.join(' ')}`;
}

/**
 * The page as HTML.
 *
 * @example
 * renderPersonPage({ status: 403, title: 'This link has expired', lines: ['Press Download on the card in Teams for a new one.'] });
 */
export function renderPersonPage(page: PersonPage): string {
  const title = escapeHtml(page.title);
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${title} – Heard</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${title}</h1>`,
    ...page.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Sends a page, never cached and never framed — except, for a page a Teams tab shows, by
 * the hosts `frameAncestors` names.
 *
 * @example
 * sendPersonPage(res, page, { 'Set-Cookie': clearedSignInCookie(state, true) });
 */
export function sendPersonPage(res: Response, page: PersonPage, headers: Record<string, string> = {}, frameAncestors: readonly string[] = []): void {
  const html = renderPersonPage(page);
  res.sendRaw(page.status, html, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(html)),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': contentSecurityPolicy(frameAncestors),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    ...(frameAncestors.length === 0 ? { 'X-Frame-Options': 'DENY' } : {}),
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
