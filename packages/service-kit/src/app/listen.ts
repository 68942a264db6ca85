import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface ListeningServer {
  readonly server: Server;
  /** `http://host:port`, the port the OS picked when 0 was asked. */
  readonly url: string;
  /** Stops accepting, drops idle keep-alive connections and waits for the rest. */
  close(): Promise<void>;
}

export interface ListenOptions {
  readonly port?: number;
  readonly host?: string;
}

/** Starts an HTTP server for `app`; port 0 (the default) picks a free one. */
export function listen(app: Express, options: ListenOptions = {}): Promise<ListeningServer> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port ?? 0, host, (error?: Error) => {
      if (error) return reject(error);
      const { port } = server.address() as AddressInfo;
      const close = (): Promise<void> =>
        new Promise((done, fail) => {
          server.close((closeError) => (closeError ? fail(closeError) : done()));
          server.closeIdleConnections();
        });
      resolve({ server, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, close });
    });
  });
}
