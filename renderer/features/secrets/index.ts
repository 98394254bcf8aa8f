// The secrets feature's public entry: app/ and other features import only from here.
export { MasterPassphraseDialog } from './master-passphrase-dialog';
export { SecretsBar } from './secrets-bar';
export { UnlockForm } from './unlock-form';
export { MissingSecretForm } from './missing-secret-form';
export { KeepSecretsOffer } from './keep-secrets-offer';
