/**
 * A local HTTP server for the HTTP tests, on 127.0.0.1 and a free port.
 * It records every request it receives so that tests can check what the
 * plug-in sent.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly received: Received[];
  close(): Promise<void>;
}

/** The body `/big/N` sends: N bytes, byte i being i * 7 mod 256. */
export function bigBody(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff);
}

/** How many bytes `/drop` announces, and how many it sends before it drops the connection. */
export const DROP = { announced: 100_000, sent: 1_000 };

/**
 * Starts the server. Routes: /hello, /missing (404), /echo (POST: the body
 * back), /json, /empty (204), /big/N (N bytes, see `bigBody`), /drop (200,
 * announces `DROP.announced` bytes, sends `DROP.sent`, then drops the connection).
 */
export async function startServer(): Promise<TestServer> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = new Uint8Array(Buffer.concat(chunks));
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      const big = /^\/big\/(\d+)$/.exec(req.url ?? "");
      if (big !== null) {
        const body = bigBody(Number(big[1]));
        res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(body.length) });
        res.end(Buffer.from(body));
        return;
      }
      if (req.url === "/drop") {
        res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(DROP.announced) });
        res.write(Buffer.from(bigBody(DROP.sent)), () => res.destroy());
        return;
      }
      switch (req.url) {
        case "/hello":
          res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "X-Reply": "yes" });
          res.end("héllo wörld ✓ 日本 🎉");
          break;
        case "/missing":
          res.writeHead(404, { "Content-Type": "text/plain" });
          res.end("nothing here");
          break;
        case "/echo":
          res.writeHead(200, { "Content-Type": "application/octet-stream" });
          res.end(Buffer.from(body));
          break;
        case "/json":
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ ok: true, items: ["a", "ü"] }));
          break;
        case "/empty":
          res.writeHead(204);
          res.end();
          break;
        default:
          res.writeHead(500);
          res.end("unknown route");
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
