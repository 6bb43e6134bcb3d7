/**
 * A sentence's first letter in capitals, or in lower case, for words put together from parts
 * ("your visits due" → "Your visits due", "Due this week" → "due this week").
 *
 * @example capitalise('your visits due'); // 'Your visits due'
 */
export function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** @example lowerFirst('Due this week'); // 'due this week' */
export function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
