/** Exact money arithmetic in integer céntimos. Amounts travel as decimal strings ("5187500.00"). */

export function toCentimos(amount: string): bigint {
  const [units, decimals = ''] = amount.split('.');
  return BigInt(units ?? '0') * 100n + BigInt((decimals + '00').slice(0, 2));
}

export function formatCentimos(centimos: bigint): string {
  const sign = centimos < 0n ? '-' : '';
  const abs = centimos < 0n ? -centimos : centimos;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function sumAmounts(amounts: Iterable<string>): string {
  let total = 0n;
  for (const a of amounts) total += toCentimos(a);
  return formatCentimos(total);
}
