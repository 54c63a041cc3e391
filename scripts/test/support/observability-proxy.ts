import * as net from 'node:net';

// A loopback TCP proxy the observability tests put between a process and one of its
// dependencies: cut() makes the dependency unreachable (listener closed, connections
// dropped) and restore() brings it back on the same port; hold() keeps the bytes sent
// towards the dependency until release(), so a call stays in flight for as long as a test
// needs.

export interface TcpProxy {
  port: number;
  address: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  hold(): void;
  /** Bytes held since hold() was called. */
  heldBytes(): number;
  release(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const held: { upstream: net.Socket; chunk: Buffer }[] = [];
  let holding = false;

  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => (holding ? held.push({ upstream, chunk }) : upstream.write(chunk)));
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
  const stopListening = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (server.listening) server.close(() => resolve());
    else resolve();
  });

  const port = await listen(0);
  return {
    port,
    address: `127.0.0.1:${port}`,
    cut: stopListening,
    restore: async () => { await listen(port); },
    hold() { holding = true; },
    heldBytes: () => held.reduce((sum, { chunk }) => sum + chunk.length, 0),
    release() {
      holding = false;
      for (const { upstream, chunk } of held.splice(0)) if (!upstream.destroyed) upstream.write(chunk);
    },
    close: stopListening,
  };
}
