// The tls-wizard feature's public entry: app/ and other features import only from here.
export { TlsWizardDialog } from './tls-wizard-dialog';
export { type TlsWizardLaunch } from './wizard-state';
