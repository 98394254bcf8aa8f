import type { DaemonSummary } from '../snapshot.js';
import { CutCounter, daemonLimits } from './daemon-limits.js';
import { field, isRecord, numberOr, optionalString, stringArray, stringOr } from './json-read.js';

/**
 * What `/version` and `/info` say about a daemon. Every field tolerates absence (old engines,
 * odd proxies): strings fall back to '', numbers to 0, lists to [].
 */

/** The first non-empty string among the candidates, else ''. */
function firstText(...candidates: unknown[]): string {
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return '';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * As `docker info` lists them under "Insecure Registries": the registries whose index config is
 * not secure (by name), then the insecure CIDRs.
 */
function insecureRegistries(registryConfig: unknown): string[] {
  const names: string[] = [];
  const indexConfigs = field(registryConfig, 'IndexConfigs');
  if (isRecord(indexConfigs)) {
    for (const [key, config] of Object.entries(indexConfigs)) {
      if (field(config, 'Secure') === false) names.push(firstText(field(config, 'Name'), key));
    }
  }
  return unique([...names, ...stringArray(field(registryConfig, 'InsecureRegistryCIDRs'))]);
}

/**
 * Texts are cut to `daemonLimits.textChars` and lists to `daemonLimits.infoListEntries`; `cuts`
 * counts what was cut.
 */
export function readDaemonSummary(version: unknown, info: unknown, cuts = new CutCounter()): DaemonSummary {
  const registryConfig = field(info, 'RegistryConfig');
  const minApiVersion = optionalString(field(version, 'MinAPIVersion'));
  const read: DaemonSummary = {
    serverVersion: firstText(field(info, 'ServerVersion'), field(version, 'Version')),
    apiVersion: stringOr(field(version, 'ApiVersion')),
    os: firstText(field(info, 'OperatingSystem')),
    osType: firstText(field(info, 'OSType'), field(version, 'Os')),
    kernelVersion: firstText(field(info, 'KernelVersion'), field(version, 'KernelVersion')),
    architecture: firstText(field(info, 'Architecture'), field(version, 'Arch')),
    cpus: Math.max(0, Math.round(numberOr(field(info, 'NCPU')))),
    memoryBytes: Math.max(0, Math.round(numberOr(field(info, 'MemTotal')))),
    name: stringOr(field(info, 'Name')),
    dockerRootDir: stringOr(field(info, 'DockerRootDir')),
    loggingDriver: stringOr(field(info, 'LoggingDriver')),
    cgroupDriver: stringOr(field(info, 'CgroupDriver')),
    cgroupVersion: stringOr(field(info, 'CgroupVersion')),
    securityOptions: stringArray(field(info, 'SecurityOptions')),
    insecureRegistries: insecureRegistries(registryConfig),
    registryMirrors: stringArray(field(registryConfig, 'Mirrors')),
    daemonWarnings: stringArray(field(info, 'Warnings')),
  };
  const summary = boundTexts(read, cuts);
  return minApiVersion ? { ...summary, minApiVersion: cuts.text(minApiVersion, daemonLimits.textChars) } : summary;
}

/** Every text field cut to the maximum, every list to its first entries (each entry cut too). */
function boundTexts(summary: DaemonSummary, cuts: CutCounter): DaemonSummary {
  const bounded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(summary)) {
    if (typeof value === 'string') bounded[key] = cuts.text(value, daemonLimits.textChars);
    else if (Array.isArray(value))
      bounded[key] = cuts.list(value as string[], daemonLimits.infoListEntries).map((entry) => cuts.text(entry, daemonLimits.textChars));
    else bounded[key] = value;
  }
  return bounded as unknown as DaemonSummary;
}
