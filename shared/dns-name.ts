// A certificate's DNS names are checked the same way in the form (renderer) and in main.

const dnsLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Why `name` is not a DNS name a certificate may carry, or undefined when it is fine. */
export function dnsNameProblem(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.length > 253) return 'it is longer than 253 characters';
  const labels = lower.split('.');
  const wildcard = labels[0] === '*';
  if (labels.slice(wildcard ? 1 : 0).some((label) => label.includes('*'))) {
    return 'a wildcard is allowed only as the whole leftmost label (*.example.com)';
  }
  if (wildcard && labels.length < 3) return 'a wildcard needs at least two labels after it (*.example.com, not *.com)';
  for (const label of labels.slice(wildcard ? 1 : 0)) {
    if (label === '') return 'it has an empty label (two dots in a row, or a leading dot)';
    if (!dnsLabel.test(label)) {
      return `the label "${label}" may hold only letters, digits and inner hyphens, up to 63 characters`;
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return 'it looks like a mistyped IP address (a name cannot end in a number)';
  return undefined;
}
