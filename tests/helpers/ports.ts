// Ports for tests that need "nothing listens here", shared by the unit and e2e suites.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A port nothing listens on: opened on 127.0.0.1, then closed again. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}
