/**
 * An id from a page address, written as the app writes ids: digits, no
 * leading zero, no sign, no decimals or exponent. Anything else is no id,
 * so one booking or performance has exactly one address.
 */
export function idFromPath(value: string | undefined): number | undefined {
  if (!value || !/^[1-9][0-9]*$/.test(value)) return undefined;

  const id = Number(value);

  return Number.isSafeInteger(id) ? id : undefined;
}
