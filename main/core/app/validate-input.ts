import type { z } from 'zod';
import { type InvokeChannel, invokeSchemas } from '../../../shared/contract.js';
import type { ErrorEnvelope } from '../../../shared/errors.js';

export type ParsedInput<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]>;

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.hasOwn(invokeSchemas, channel);
}

/**
 * Validates an invoke's input against its contract schema. Failures become INVALID_ARGUMENT
 * with zod's first issue as a readable sentence: where (`draft.transport.port`) and what.
 * Zod's messages name the expected shape, never the received value, so no secret leaks here.
 */
export function validateInput<C extends InvokeChannel>(
  channel: C,
  input: unknown,
): { ok: true; value: ParsedInput<C> } | { ok: false; error: ErrorEnvelope } {
  const parsed = invokeSchemas[channel].safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as ParsedInput<C> };
  return { ok: false, error: { code: 'INVALID_ARGUMENT', message: describeIssue(channel, parsed.error.issues) } };
}

export function unknownChannelError(channel: unknown): ErrorEnvelope {
  const name = typeof channel === 'string' ? `"${channel.slice(0, 80)}"` : `of type ${typeof channel}`;
  return { code: 'INVALID_ARGUMENT', message: `There is no channel ${name}. Berth answers: ${Object.keys(invokeSchemas).join(', ')}.` };
}

function describeIssue(channel: string, issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  if (!issue) return `The input of ${channel} is not valid.`;
  const where = formatPath(issue.path);
  const message = issue.message.replace(/\.$/, '');
  return `${channel}: ${where === '' ? 'input' : where}: ${message}.`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    const name = String(part);
    return text === '' ? name : `${text}.${name}`;
  }, '');
}
