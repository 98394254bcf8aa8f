/** Counts injected and recovered faults across the suite, for the closing report line. */
const ledger: Array<{ fault: string; recovered: boolean }> = [];

export function recordFault(fault: string, recovered: boolean): void {
  ledger.push({ fault, recovered });
}

export function faultReport(): string {
  const recovered = ledger.filter((entry) => entry.recovered).length;
  const failed = ledger.filter((entry) => !entry.recovered).map((entry) => entry.fault);
  return `faults injected: ${ledger.length}, recovered: ${recovered}${failed.length ? ` (not recovered: ${failed.join(', ')})` : ''}`;
}
