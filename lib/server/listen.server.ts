import type { Server } from "node:http";

/**
 * The accept queue of a listening server. Node's default (511) overflows when thousands of clients
 * reconnect at once (a node restarting): the kernel drops their connections and each waits for TCP's
 * retransmission (1, 3, 7 s…), often past the client's handshake timeout, and then starts over.
 * Linux caps it at net.core.somaxconn (4,096 by default since 5.4).
 */
export const LISTEN_BACKLOG = 4096;

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
