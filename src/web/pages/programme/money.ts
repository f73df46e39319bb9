/**
 * Amounts in the programme: the API keeps integer euro cents; people read and type euros, the Dutch
 * way ("€ 12.500,00", "12500", "12.500,50", "12500.5").
 */

const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** "€ 12.500,00" for 1250000 cents. */
export function formatEuros(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return euros.format(cents / 100);
}

/** The value of an input for an amount in cents: "12500" or "12500,50" (no thousands separators). */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0')}`;
}

/**
 * Euros as typed into an input, to cents; null when it is not an amount of at least 0 with at most
 * two decimals. A comma is the decimal separator and dots group thousands; without a comma, one dot
 * followed by one or two digits is read as the decimal point ("12.50"), any other dots as grouping.
 */
export function parseEuros(input: string): number | null {
  let s = input.replace(/[\s\u00a0€]/g, '');
  if (s === '') return null;
  if (s.includes(',')) {
    if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/.test(s)) return null;
    s = s.replace(/\./g, '').replace(',', '.');
  } else if (/^\d+\.\d{1,2}$/.test(s)) {
    // a decimal point
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  } else if (!/^\d+$/.test(s)) {
    return null;
  }
  const [whole = '0', fraction = ''] = s.split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}
