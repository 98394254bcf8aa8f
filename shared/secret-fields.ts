/**
 * THE list of secrets a host profile can hold: where each sits on a transport, how it is read,
 * replaced by its marker for the renderer and the profile store, and put back for a connection.
 * Redaction (host-view.ts), the secret store's split and restore and a draft's merge
 * (main/core/app/profile-secrets.ts) and the lock check (host-registry.ts) all loop over
 * `secretFields`, so a new secret is one row here.
 *
 * A transport goes through three forms: full (secrets in place), redacted (each secret replaced by
 * its marker: `hasPassphrase`, `hasPassword`, `{ kind: 'stored' }`) and draft (a full one whose
 * secrets may be left out, meaning "keep the stored one").
 */

import { MAX_JUMP_HOSTS } from './profile.js';

/** One object of a transport that holds a secret (an SSH auth, a PEM source), in any of the three forms. */
type Slot = Readonly<Record<string, unknown>>;
/** A transport of any form, as the table walks it. */
type AnyTransport = Readonly<{ type: string } & Record<string, unknown>>;

/** How one kind of secret sits in its slot. Every method leaves a slot of another kind (method, kind) as it is. */
interface SecretCodec {
  /** The secret a full or draft slot holds; undefined for none (an empty string is none). */
  read(slot: Slot): string | undefined;
  /** The slot with its secret replaced by the marker (saying whether one was there). */
  redact(slot: Slot): Slot;
  /** Whether a redacted slot's marker says a secret is stored. */
  marked(slot: Slot): boolean;
  /** Whether a draft slot leaves its secret out (meaning: keep the stored one). */
  leftOut(slot: Slot): boolean;
  /** A redacted or left-out slot made full with `value`, or with none when undefined. */
  fill(slot: Slot, value: string | undefined): Slot;
}

/** Where a slot sits on a transport of one type. */
interface SlotLocation {
  transport: string;
  get(transport: AnyTransport): Slot | undefined;
  set(transport: AnyTransport, slot: Slot): AnyTransport;
}

export interface SecretField<Role extends string = SecretRole> {
  /** Its key in the secret store: `host/<id>/<role>`. */
  readonly role: Role;
  /** How messages name it: "its saved SSH password is no longer in Berth's secret store". */
  readonly label: string;
  /** A missing one cannot be left out (the profile would not be valid): restoring or merging without it fails. */
  readonly required: boolean;
  readonly at: SlotLocation;
  readonly codec: SecretCodec;
}

/** An SSH auth's secret under `secret` (method `method`), marked on the redacted auth by the boolean `marker`. */
function authSecret(method: 'key' | 'password', secret: string, marker: string, none: string | undefined): SecretCodec {
  const mine = (slot: Slot) => slot['method'] === method;
  const strip = (slot: Slot) => Object.fromEntries(Object.entries(slot).filter(([key]) => key !== secret && key !== marker));
  const read = (slot: Slot) => (mine(slot) && typeof slot[secret] === 'string' && slot[secret] !== '' ? slot[secret] : undefined);
  return {
    read,
    redact: (slot) => (mine(slot) ? { ...strip(slot), [marker]: read(slot) !== undefined } : slot),
    marked: (slot) => mine(slot) && slot[marker] === true,
    leftOut: (slot) => mine(slot) && read(slot) === undefined,
    fill: (slot, value) => {
      if (!mine(slot)) return slot;
      const filled = value ?? none;
      return filled === undefined ? strip(slot) : { ...strip(slot), [secret]: filled };
    },
  };
}

/** A pasted PEM (`{ kind: 'pem', pem }`), marked as `{ kind: 'stored' }`. */
const pastedPem: SecretCodec = {
  read: (slot) => (slot['kind'] === 'pem' && typeof slot['pem'] === 'string' ? slot['pem'] : undefined),
  redact: (slot) => (slot['kind'] === 'pem' ? { kind: 'stored' } : slot),
  marked: (slot) => slot['kind'] === 'stored',
  leftOut: (slot) => slot['kind'] === 'stored',
  fill: (slot, value) => (slot['kind'] === 'stored' && value !== undefined ? { kind: 'pem', pem: value } : slot),
};

const keyPassphrase = authSecret('key', 'passphrase', 'hasPassphrase', undefined);
const password = authSecret('password', 'password', 'hasPassword', '');

const sshAuth: SlotLocation = {
  transport: 'ssh',
  get: (transport) => transport['auth'] as Slot,
  set: (transport, auth) => ({ ...transport, auth }),
};
/** The auth of jump host `index` (0 = the one dialled first). */
function jumpAuth(index: number): SlotLocation {
  const hops = (transport: AnyTransport) => transport['jumpHosts'] as readonly Slot[] | undefined;
  return {
    transport: 'ssh',
    get: (transport) => hops(transport)?.[index]?.['auth'] as Slot | undefined,
    set: (transport, auth) => {
      const list = hops(transport);
      const hop = list?.[index];
      if (list === undefined || hop === undefined) return transport;
      return { ...transport, jumpHosts: list.map((each, at) => (at === index ? { ...hop, auth } : each)) };
    },
  };
}
const tlsKey: SlotLocation = {
  transport: 'tls',
  get: (transport) => transport['key'] as Slot,
  set: (transport, key) => ({ ...transport, key }),
};

/** The secret roles of jump host `index`: the first keeps the names it had when a profile held one jump host. */
export type JumpSecretRole = 'jump-passphrase' | 'jump-password' | `jump${number}-passphrase` | `jump${number}-password`;

export function jumpSecretRole(index: number, secret: 'passphrase' | 'password'): JumpSecretRole {
  return index === 0 ? `jump-${secret}` : `jump${index + 1}-${secret}`;
}

/** The jump host (0-based) a role belongs to; undefined for the final host's and TLS roles. */
export function jumpIndexOfRole(role: string): number | undefined {
  const match = /^jump(\d*)-(passphrase|password)$/.exec(role);
  if (!match) return undefined;
  return match[1] === '' ? 0 : Number(match[1]) - 1;
}

function jumpFields(): SecretField<JumpSecretRole>[] {
  return Array.from({ length: MAX_JUMP_HOSTS }, (_, index) => {
    const which = index === 0 ? 'jump host' : `jump host ${index + 1}`;
    return [
      {
        role: jumpSecretRole(index, 'passphrase'),
        label: `${which} key passphrase`,
        required: false,
        at: jumpAuth(index),
        codec: keyPassphrase,
      },
      { role: jumpSecretRole(index, 'password'), label: `${which} password`, required: false, at: jumpAuth(index), codec: password },
    ];
  }).flat();
}

type FixedRole = 'ssh-passphrase' | 'ssh-password' | 'tls-key';
export type SecretRole = FixedRole | JumpSecretRole;

export const secretFields: readonly SecretField[] = [
  { role: 'ssh-passphrase', label: 'SSH key passphrase', required: false, at: sshAuth, codec: keyPassphrase },
  { role: 'ssh-password', label: 'SSH password', required: false, at: sshAuth, codec: password },
  ...jumpFields(),
  { role: 'tls-key', label: 'pasted TLS client key', required: true, at: tlsKey, codec: pastedPem },
];

export type ProfileSecrets = Partial<Record<SecretRole, string>>;
export const secretRoles: readonly SecretRole[] = secretFields.map((field) => field.role);

/** Whether `role` names a row of the table (for validating a role that came from outside). */
export function isSecretRole(role: string): role is SecretRole {
  return secretRoles.includes(role as SecretRole);
}

export function secretLabel(role: SecretRole): string {
  return secretFields.find((field) => field.role === role)?.label ?? role;
}

/** The field's slot on `transport`, when the transport has one. */
function slotOf(field: SecretField, transport: AnyTransport): Slot | undefined {
  return transport.type === field.at.transport ? field.at.get(transport) : undefined;
}

/** `transport` with the field's slot replaced by `change(slot)` (unchanged when it has no such slot). */
function withSlot<T extends AnyTransport>(field: SecretField, transport: T, change: (slot: Slot) => Slot): T {
  const slot = slotOf(field, transport);
  return slot === undefined ? transport : (field.at.set(transport, change(slot)) as T);
}

/** The secrets a full (or draft) transport holds, by role. */
export function readSecrets(transport: AnyTransport): ProfileSecrets {
  const secrets: ProfileSecrets = {};
  for (const field of secretFields) {
    const slot = slotOf(field, transport);
    const value = slot && field.codec.read(slot);
    if (value !== undefined) secrets[field.role] = value;
  }
  return secrets;
}

/** Every secret replaced by its marker. The caller names the redacted type. */
export function redactSecrets(transport: AnyTransport): AnyTransport {
  return secretFields.reduce((result, field) => withSlot(field, result, (slot) => field.codec.redact(slot)), transport);
}

/** The roles whose marker on a redacted transport says a secret is stored. */
export function markedRoles(transport: AnyTransport): SecretRole[] {
  return secretFields
    .filter((field) => {
      const slot = slotOf(field, transport);
      return slot !== undefined && field.codec.marked(slot);
    })
    .map((field) => field.role);
}

/**
 * A redacted transport with `secrets` put back. `missing` lists the marked roles `secrets` lacks:
 * those are left without a value, or, for a required one, listed in `unfillable`.
 */
export function fillSecrets(
  transport: AnyTransport,
  secrets: ProfileSecrets,
): { transport: AnyTransport; missing: SecretRole[]; unfillable: SecretRole[] } {
  const missing: SecretRole[] = [];
  const unfillable: SecretRole[] = [];
  let result = transport;
  for (const field of secretFields) {
    result = withSlot(field, result, (slot) => {
      const value = secrets[field.role];
      if (field.codec.marked(slot) && value === undefined) (field.required ? unfillable : missing).push(field.role);
      return field.codec.fill(slot, value);
    });
  }
  return { transport: result, missing, unfillable };
}

/**
 * A draft transport with each secret it leaves out taken from `stored` (when `keep`), or left
 * without one (when not). `unfillable` lists the required ones that could not be filled.
 */
export function mergeSecrets(
  transport: AnyTransport,
  stored: ProfileSecrets,
  keep: boolean,
): { transport: AnyTransport; unfillable: SecretRole[] } {
  const unfillable: SecretRole[] = [];
  let result = transport;
  for (const field of secretFields) {
    result = withSlot(field, result, (slot) => {
      if (!field.codec.leftOut(slot)) return slot;
      const value = keep ? stored[field.role] : undefined;
      if (value === undefined && field.required) unfillable.push(field.role);
      return field.codec.fill(slot, value);
    });
  }
  return { transport: result, unfillable };
}
