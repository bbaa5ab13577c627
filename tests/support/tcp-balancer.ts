import net from "node:net";

export interface TcpBalancer {
  /** `http://127.0.0.1:<port>`: the one address clients use. */
  url: string;
  close(): Promise<void>;
}

/**
 * A tiny TCP load balancer in front of server nodes, as a real proxy would stand before them: each
 * connection goes, untouched, to the first backend (in the given order) that accepts it, so a dead
 * node is skipped and its clients' reconnects land on the next one. Connection by connection, so a
 * WebSocket stays on the node that accepted it until either side closes.
 */
export async function startTcpBalancer(backendUrls: string[]): Promise<TcpBalancer> {
  const backends = backendUrls.map((url) => new URL(url));
  const open = new Set<net.Socket>();

  /** The first backend that accepts a connection, or null when none does. */
  async function connectUpstream(): Promise<net.Socket | null> {
    for (const backend of backends) {
      const upstream = await new Promise<net.Socket | null>((resolve) => {
        const socket = net.connect(Number(backend.port), backend.hostname);
        socket.once("connect", () => resolve(socket));
        socket.once("error", () => resolve(null));
      });
      if (upstream) return upstream;
    }
    return null;
  }

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    client.on("error", () => client.destroy());
    void connectUpstream().then((upstream) => {
      if (!upstream || client.destroyed) {
        upstream?.destroy();
        client.destroy();
        return;
      }
      open.add(upstream);
      upstream.on("error", () => upstream.destroy());
      // Either side going away (a killed node resets its connections) ends the pair, as a proxy does.
      upstream.once("close", () => {
        open.delete(upstream);
        client.destroy();
      });
      client.once("close", () => upstream.destroy());
      // Bytes the client sent meanwhile were held (pauseOnConnect); piping resumes the client.
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
