/**
 * A child's initials, the only part of a name Heard ever holds: capital letters, each
 * optionally followed by a full stop, at most four ("JT", "J.T.", "ÉO", "JMRT"). Anything
 * else — lower case, spaces, a fifth letter — could be a name ("Amy", "Jo"), so it is
 * refused wherever initials come in: the intake API, the portal export import, and the
 * case events that name a child.
 */

/** The most letters initials may have. @example MAX_CHILD_INITIALS; // 4 */
export const MAX_CHILD_INITIALS = 4;

/** Longest text that can be initials: every letter with its full stop. @example MAX_CHILD_INITIALS_LENGTH; // 8 */
export const MAX_CHILD_INITIALS_LENGTH = MAX_CHILD_INITIALS * 2;

/** Initials exactly: 1–4 capital letters, each optionally followed by a full stop. @example CHILD_INITIALS_PATTERN.test('J.T.'); // true */
export const CHILD_INITIALS_PATTERN = /^(?:\p{Lu}\.?){1,4}$/u;

/**
 * What a refused value is told, without quoting it back (it may be a name).
 *
 * @example
 * CHILD_INITIALS_RULE; // 'must be the child’s initials only: 1 to 4 capital letters, each may be followed by a full stop (e.g. JT or J.T.), never a name'
 */
export const CHILD_INITIALS_RULE = 'must be the child’s initials only: 1 to 4 capital letters, each may be followed by a full stop (e.g. JT or J.T.), never a name';

/**
 * Whether `value` is a child's initials. The length is checked before the pattern, so a
 * megabyte of hostile text costs nothing.
 *
 * @example
 * isChildInitials('JT'); // true
 * isChildInitials('Amy'); // false
 */
export function isChildInitials(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_CHILD_INITIALS_LENGTH && CHILD_INITIALS_PATTERN.test(value);
}
