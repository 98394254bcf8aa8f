/** `npm run serve`: the browser shell from the sources (tsx); the built CLI runs it as `berth serve`. */
import { exitStatusOf } from '../../shared/errors.js';
import { toEnvelope } from '../core/errors.js';
import { runServe } from './serve-command.js';

runServe(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    // Start-up failures (a wrong master passphrase, a port in use) say what to do; BerthError messages hold no secrets.
    const envelope = toEnvelope(error);
    process.stderr.write(`berth serve: ${envelope.code}: ${envelope.message}\n`);
    process.exitCode = exitStatusOf(envelope.code);
  },
);
