/**
 * A CONNECT proxy on 127.0.0.1 for the tests: it alone knows where the made-up hosts `*.test`
 * (and localhost) are, so an answer proves it carried the request; other hosts are refused.
 */
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";

export interface TestProxy {
  url: string;
  port: number;
  /** The CONNECT targets seen, in order. */
  connects: string[];
  /** The Proxy-Authorization header of each CONNECT. */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

/** A CONNECT proxy: `*.test` hosts lead to `upstreamPort` on 127.0.0.1, others are refused. */
export async function startProxy(upstreamPort: number): Promise<TestProxy> {
  const connects: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on("connect", (req, client: Socket) => {
    sockets.add(client);
    connects.push(req.url ?? "");
    authorizations.push(req.headers["proxy-authorization"]);
    const [host] = (req.url ?? "").split(":");
    if (!host?.endsWith(".test") && host !== "localhost") {
      client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
      return;
    }
    const upstream = connect(upstreamPort, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    authorizations,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
