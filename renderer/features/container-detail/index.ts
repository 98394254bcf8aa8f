// The container detail's public entry: app/ and other features import only from here.
export { ContainerDetail } from './container-detail';
