import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from './local-processes';

export interface BrokerGate {
  /** What to give a client as KAFKA_BROKERS: refused until the gate opens. */
  address: string;
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A bootstrap address for the real broker that can be shut: nothing listens on it (connections are
 * refused, as with a broker that is down) until `open()`, then it forwards to the broker. A client
 * given it starts with the broker out of reach and finds it later. Only the bootstrap goes through
 * the gate: the broker's metadata then names its own address, as a broker returning would.
 */
export const brokerGate = async (broker: string): Promise<BrokerGate> => {
  const port = await freePort();
  const [host, brokerPort] = [broker.slice(0, broker.lastIndexOf(':')), Number(broker.slice(broker.lastIndexOf(':') + 1))];
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  return {
    address: `127.0.0.1:${port}`,
    open: () =>
      new Promise<void>((done, fail) => {
        server = createServer((client) => {
          const upstream = connect(brokerPort, host);
          for (const socket of [client, upstream]) {
            sockets.add(socket);
            socket.once('close', () => sockets.delete(socket));
            socket.on('error', () => undefined);
          }
          client.pipe(upstream).pipe(client);
        });
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => done());
      }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
      server = null;
    },
  };
};
