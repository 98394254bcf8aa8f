import readline from 'node:readline';
import { FakeDaemonServer, fakeContainer } from '../test-support/fake-daemon-server.js';

// A fake daemon in a process of its own, so the benchmark's event-loop delay is Berth's alone.
// Prints {"port"} once listening, then answers line commands on stdin with one JSON line each:
// `burst N` (N new containers, a create and a start event each) and `stats`.

const daemon = await new FakeDaemonServer().start();
daemon.listDelayMs = Number(process.argv[2] ?? '1');
const reply = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);
reply({ port: daemon.port });

async function burst(count: number): Promise<void> {
  const before = { ...daemon.stats };
  const first = daemon.containers.length;
  for (let i = 0; i < count; i += 1) {
    const container = fakeContainer(first + i, i % 4 === 0 ? 'exited' : 'running');
    daemon.containers.push(container);
    for (const action of ['create', 'start'])
      daemon.emit({ Type: 'container', Action: action, Actor: { ID: container.Id, Attributes: {} } });
    // A compose project coming up: containers in quick succession, not all in one write.
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  reply({ burst: count, containerListsBefore: before.containerLists });
}

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, argument] = line.trim().split(/\s+/);
  if (command === 'burst') await burst(Number(argument));
  else if (command === 'stats') reply({ ...daemon.stats, containers: daemon.containers.length, list: daemon.listBody() });
}
await daemon.close();
