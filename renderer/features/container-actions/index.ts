// The container actions' public entry: app/ and other features import only from here.
export { ActionBar } from './action-bar';
export { type ActionTarget, actionTargetOf } from './action-model';
export { ContainersTypedConfirmation } from './containers-typed-confirmation';
