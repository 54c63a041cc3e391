import * as net from 'node:net';

// Loopback ports for the local run: the catalog's port when it is free (so URLs in the docs
// work as written), otherwise any free port, so a second copy or a test never collides.

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}

/** `preferred` when it can be bound on 127.0.0.1, else a free port; 0 always picks a free one. */
export async function pickPort(preferred: number, taken: Set<number>): Promise<number> {
  if (preferred > 0 && !taken.has(preferred)) {
    const port = await tryListen(preferred);
    if (port !== null) {
      taken.add(port);
      return port;
    }
  }
  for (;;) {
    const port = await tryListen(0);
    if (port !== null && !taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}
