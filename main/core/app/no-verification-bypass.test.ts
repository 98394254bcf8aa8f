import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Berth offers no "insecure" mode: TLS certificates and SSH host keys are always verified. This
 * scan fails on any source in main/, shared/ or bin/ that turns a check off. It reads code and
 * comments alike (a comment that shows how to turn checks off is as unwelcome); this file, which
 * must spell the patterns, is the one exception.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCANNED = ['main', 'shared', 'bin'];
const EXTENSIONS = /\.(ts|tsx|js|cjs|mjs|json)$/;
const SELF = path.relative(ROOT, fileURLToPath(import.meta.url));

const bypassRules: Array<{ name: string; pattern: RegExp }> = [
  { name: 'rejectUnauthorized other than a literal true', pattern: /rejectUnauthorized\s*[:=](?!\s*true\b)/ },
  { name: 'NODE_TLS_REJECT_UNAUTHORIZED', pattern: /NODE_TLS_REJECT_UNAUTHORIZED/ },
  {
    name: 'checkServerIdentity that accepts everything',
    pattern:
      /checkServerIdentity\s*[:=]\s*(?:\([^)]*\)|\w+)\s*=>\s*(?:undefined\b|void\s+0|null\b|\{\s*(?:return\s*(?:undefined|null)?\s*;?\s*)?\})/,
  },
  {
    name: 'checkServerIdentity method that accepts everything',
    pattern: /checkServerIdentity\s*\([^)]*\)\s*\{\s*(?:return\s*(?:undefined|null)?\s*;?\s*)?\}/,
  },
  {
    name: 'hostVerifier that accepts everything',
    pattern: /hostVerifier\s*[:=]\s*(?:\([^)]*\)|\w+)\s*=>\s*(?:true\b|!0\b|1\b|\{\s*return\s+(?:true|!0|1)\b)/,
  },
  { name: 'hostVerifier method that accepts everything', pattern: /hostVerifier\s*\([^)]*\)\s*\{\s*return\s+(?:true|!0|1)\b/ },
  { name: 'StrictHostKeyChecking off', pattern: /StrictHostKeyChecking\s*[= ]\s*["']?(?:no|off|false|accept-new)\b/i },
  { name: 'known_hosts thrown away', pattern: /UserKnownHostsFile\s*[= ]\s*["']?\/dev\/null/i },
  {
    name: 'an "insecure" switch',
    pattern: /\binsecure(?:SkipVerify|TLS|Ssl|Tls)?\s*[:=]\s*(?:true|!0|1)\b|--insecure\b|\binsecureSkipVerify\b/i,
  },
  {
    name: 'verification turned off',
    pattern: /\b(?:skipVerif\w*|noVerify|disableVerification)\b|\bverify(?:Certificate|Peer|Host|Server)?\s*:\s*false\b/i,
  },
  { name: 'DOCKER_TLS_VERIFY forced off', pattern: /DOCKER_TLS_VERIFY\s*[:=]\s*['"]?(?:0|false)['"]?\s*[,;}\n]/ },
  { name: 'Electron certificate bypass', pattern: /ignore-certificate-errors|setCertificateVerifyProc|['"]certificate-error['"]/ },
  {
    name: 'obsolete TLS versions',
    pattern: /minVersion\s*:\s*['"]TLSv1(?:\.1)?['"]|secureProtocol\s*:\s*['"](?:SSLv\d|TLSv1_method|TLSv1_1_method)/,
  },
  { name: 'null or export ciphers', pattern: /ciphers\s*:\s*['"][^'"]*\b(?:NULL|aNULL|eNULL|EXPORT|RC4)\b/ },
];

/**
 * Reviewed exceptions: each names the file, the exact line and why it does not weaken a
 * connection Berth trusts. Anything else that matches a rule fails, and so does an exception
 * whose line changed. Keep this list empty unless a security review agreed.
 */
const reviewed: Array<{ file: string; line: string; reason: string }> = [
  {
    file: 'main/core/app/certificate-health.ts',
    line: 'rejectUnauthorized: false,',
    reason:
      'readServerCertificate only reads the certificate a daemon presents, so that an expired or misnamed one can be reported; ' +
      'no client certificate or key is offered and nothing is sent over that socket, and nothing read from it is trusted. Real connections go through docker-connection.ts.',
  },
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(full).isDirectory()) return sources(full);
    return EXTENSIONS.test(name) ? [full] : [];
  });
}

function findings(text: string): Array<{ line: number; rule: string; text: string }> {
  const hits: Array<{ line: number; rule: string; text: string }> = [];
  text.split('\n').forEach((line, index) => {
    for (const rule of bypassRules) if (rule.pattern.test(line)) hits.push({ line: index + 1, rule: rule.name, text: line.trim() });
  });
  return hits;
}

describe('no code path turns TLS or SSH verification off', () => {
  it('finds no bypass in main/, shared/ or bin/', () => {
    const files = SCANNED.flatMap((dir) => sources(path.join(ROOT, dir))).filter((file) => path.relative(ROOT, file) !== SELF);
    expect(files.length).toBeGreaterThan(100);
    const hits = files.flatMap((file) => findings(readFileSync(file, 'utf8')).map((hit) => ({ file: path.relative(ROOT, file), ...hit })));
    const isReviewed = (hit: { file: string; text: string }) =>
      reviewed.some((entry) => entry.file === hit.file && entry.line === hit.text);
    expect(hits.filter((hit) => !isReviewed(hit)).map((hit) => `${hit.file}:${hit.line}: ${hit.rule}: ${hit.text}`)).toEqual([]);
    // Every exception still exists exactly as reviewed (a changed line must be reviewed again).
    for (const entry of reviewed) {
      expect(
        hits.filter((hit) => hit.file === entry.file && hit.text === entry.line),
        entry.file,
      ).toHaveLength(1);
      expect(entry.reason.length).toBeGreaterThan(80);
    }
  });

  it('catches every known way of turning checks off (the rules work)', () => {
    const bypasses = [
      'const agent = new https.Agent({ ca, rejectUnauthorized: false });',
      'tls.connect({ host, rejectUnauthorized: process.env.STRICT === "1" })',
      'options.rejectUnauthorized = false;',
      "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';",
      'checkServerIdentity: () => undefined,',
      'checkServerIdentity: (host, cert) => {},',
      'checkServerIdentity() { return undefined; },',
      'hostVerifier: () => true,',
      'hostVerifier: (key) => { return true; },',
      'hostVerifier(key) { return true }',
      "args.push('-o', 'StrictHostKeyChecking=no');",
      "'StrictHostKeyChecking accept-new'",
      "'-o UserKnownHostsFile=/dev/null'",
      '{ insecure: true }',
      'insecureSkipVerify',
      "spawn('curl', ['--insecure', url])",
      '{ verifyCertificate: false }',
      'const skipVerification = true;',
      "env: { DOCKER_TLS_VERIFY: '0' }",
      "app.commandLine.appendSwitch('ignore-certificate-errors');",
      "app.on('certificate-error', (event, wc, url, error, cert, callback) => callback(true));",
      "{ minVersion: 'TLSv1' }",
      "{ ciphers: 'ALL:eNULL' }",
    ];
    for (const snippet of bypasses) expect(findings(snippet), snippet).not.toEqual([]);
    const fine = [
      'const tlsOptions = { ca, cert, key, rejectUnauthorized: true };',
      'checkServerIdentity: (_host: string, peer) => tlsCheckServerIdentity(checkName, peer),',
      'hostVerifier: verification.verifier,',
      'insecureRegistries: insecureRegistries(registryConfig),',
      "'StrictHostKeyChecking=yes',",
      'if (summary.insecureRegistries.length > 0) lines.push(`Insecure registries: ...`);',
    ];
    for (const snippet of fine) expect(findings(snippet), snippet).toEqual([]);
  });
});
