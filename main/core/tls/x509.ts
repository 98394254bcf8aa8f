// @peculiar/x509 resolves its helpers through tsyringe, which needs the Reflect metadata API
// loaded first. Every TLS module imports x509 from here, so the order holds everywhere.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Node's own WebCrypto: no openssl binary and no pure-JS crypto at run time.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };
