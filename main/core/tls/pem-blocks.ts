/** One `-----BEGIN X-----` … `-----END X-----` block of a PEM text. */
export interface PemBlock {
  label: string;
  pem: string;
}

const blockPattern = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** Every PEM block in the text, in order (a bundle file may hold several certificates). */
export function splitPemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(blockPattern)].map((match) => ({ label: match[1]!, pem: `${match[0]}\n` }));
}

export function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}
