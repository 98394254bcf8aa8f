import type { ErrorCode, ErrorEnvelope } from '../../../shared/errors';

/** A failure the demo bridge answers as an error envelope, like the main side would. */
export class DemoFailure extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new DemoFailure({ code, message });
}
