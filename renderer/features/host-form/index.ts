// The host-form feature's public entry: app/ and other features import only from here.
export { applyParsedEndpoint, emptyForm, type HostForm } from './form-state';
export { HostFormDialog } from './host-form-dialog';
export { DockerContextRows, useDockerContexts } from './docker-contexts';
