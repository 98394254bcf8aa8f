// Loaded first (node --import) into the security scanners run by .ci/security-scan.sh.
// CI here may reach only 127.0.0.0/8 (the npm registry only through npm itself). Electronegativity
// fetches translations and Electron's release list from GitHub with `got`: here `got` fails at
// once (its own retry path crashes on a refused connection), and any TCP connection to an address
// that is not loopback fails before a DNS lookup.
import Module from 'node:module';
import net from 'node:net';

const loopback = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/i;
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  if (options.path === undefined && !loopback.test(String(options.host ?? 'localhost'))) {
    const error = Object.assign(new Error(`connection to ${options.host} refused: the scanners run offline`), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};

const offline = () => Promise.reject(Object.assign(new Error('offline: the scanners make no network requests'), { code: 'ECONNREFUSED' }));
const gotStub = Object.assign(offline, { get: offline, head: offline, post: offline, extend: () => gotStub });
gotStub.default = gotStub;
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got') return gotStub;
  return originalLoad.call(this, request, parent, isMain);
};
