// Decides what `npm audit --omit=dev --audit-level=high --json` means for CI.
// Usage: node .ci/audit-verdict.mjs AUDIT.json EXIT_STATUS     (or: --self-test)
//   - the registry's audit endpoint answered 405 (as it does from these machines): say plainly
//     that the audit service is unreachable from here, and do not fail;
//   - a high or critical advisory: fail, naming the packages;
//   - any other failure of npm audit: fail (a silent pass would hide it).
import { readFileSync } from 'node:fs';

export function auditVerdict(text, status) {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const unreachable =
    json?.statusCode === 405 ||
    (/\b405\b/.test(String(json?.message ?? text)) && /advisories|audit/i.test(String(json?.uri ?? json?.message ?? text)));
  if (unreachable) {
    return {
      fail: false,
      message:
        'npm audit: the audit service is unreachable from here (the registry answered 405 Method Not Allowed to the advisories request), so no audit ran. Run `npm audit --omit=dev` where the registry allows it.',
    };
  }
  const counts = json?.metadata?.vulnerabilities;
  if (counts && typeof counts === 'object') {
    const high = (counts.high ?? 0) + (counts.critical ?? 0);
    if (high > 0) {
      const names = Object.values(json.vulnerabilities ?? {})
        .filter((entry) => entry.severity === 'high' || entry.severity === 'critical')
        .map((entry) => `${entry.name} (${entry.severity})`);
      return {
        fail: true,
        message: `npm audit: ${high} high or critical vulnerabilit${high === 1 ? 'y' : 'ies'} in production dependencies: ${names.join(', ')}.`,
      };
    }
    if (status === 0) {
      const total = Object.values(counts).reduce((sum, n) => sum + (typeof n === 'number' ? n : 0), 0) - (counts.total ?? 0);
      return { fail: false, message: `npm audit: no high or critical advisories in production dependencies (${total} lower ones).` };
    }
  }
  if (status === 0) return { fail: false, message: 'npm audit: no high or critical advisories in production dependencies.' };
  return { fail: true, message: `npm audit failed (exit status ${status}) for another reason:\n${text.slice(0, 2000)}` };
}

function selfTest() {
  const cases = [
    [
      JSON.stringify({
        message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
        statusCode: 405,
      }),
      1,
      false,
    ],
    [
      JSON.stringify({
        vulnerabilities: { ssh2: { name: 'ssh2', severity: 'critical' } },
        metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 1, total: 1 } },
      }),
      1,
      true,
    ],
    [
      JSON.stringify({
        vulnerabilities: { ws: { name: 'ws', severity: 'high' } },
        metadata: { vulnerabilities: { high: 1, critical: 0, total: 1 } },
      }),
      1,
      true,
    ],
    [
      JSON.stringify({
        vulnerabilities: {},
        metadata: { vulnerabilities: { info: 0, low: 2, moderate: 1, high: 0, critical: 0, total: 3 } },
      }),
      0,
      false,
    ],
    [JSON.stringify({ message: 'request to https://registry.npmjs.org failed, reason: getaddrinfo ENOTFOUND' }), 1, true],
    ['', 1, true],
  ];
  for (const [text, status, fail] of cases) {
    const verdict = auditVerdict(text, status);
    if (verdict.fail !== fail) throw new Error(`audit-verdict self-test failed for ${text.slice(0, 80)}: ${JSON.stringify(verdict)}`);
  }
}

if (process.argv[2] === '--self-test') {
  selfTest();
  console.log('audit-verdict: self-test passed (405 tolerated, high/critical fail, other errors fail).');
} else if (process.argv[2]) {
  selfTest();
  const verdict = auditVerdict(readFileSync(process.argv[2], 'utf8'), Number(process.argv[3] ?? 1));
  (verdict.fail ? console.error : console.log)(verdict.message);
  process.exit(verdict.fail ? 1 : 0);
}
