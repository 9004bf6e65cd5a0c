/**
 * HTTP through the host, against a node:http server on 127.0.0.1. The JS SDK
 * needs `runInWorker: true` for http_request in Node 20; the strict kernel
 * answers from the same routes synchronously and checks the request JSON.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Host, HOSTS, type Outcome, STRICT, wasmPath } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";
import { callInWorker } from "../support/plain-node.ts";
import { startServer, type TestServer } from "../support/http-server.ts";
import type { HttpRequestSpec } from "../../src/testing/strict-kernel.ts";

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => server.close());

/** One HTTP call on a fresh plug-in of `host` in worker mode. */
function call(host: Host, name: string, fn: string, input: string | Uint8Array, extra: Record<string, unknown> = {}): Promise<Outcome> {
  return callInWorker(host, wasmPath(name), fn, input, { allowedHosts: ["127.0.0.1"], config: { url: `${server.origin}/echo` }, ...extra });
}

for (const host of HOSTS) {
  describe(`HTTP on ${host.name}`, () => {
    it("GETs a page: status, length, non-ASCII text", async () => {
      const reply = JSON.parse(text(await call(host, "tests/http", "get", `${server.origin}/hello`)));
      assert.deepEqual(reply, { status: 200, length: 29, text: "héllo wörld ✓ 日本 🎉" });
    });

    it("reads the body of a 404 and of an empty 204", async () => {
      assert.deepEqual(JSON.parse(text(await call(host, "tests/http", "get", `${server.origin}/missing`))), { status: 404, length: 12, text: "nothing here" });
      assert.deepEqual(JSON.parse(text(await call(host, "tests/http", "get", `${server.origin}/empty`))), { status: 204, length: 0, text: "" });
    });

    it("POSTs a binary body with headers, byte for byte", async () => {
      const body = Uint8Array.from({ length: 256 * 3 + 5 }, (_, i) => (i * 7) & 0xff);
      const before = server.received.length;
      const out = await call(host, "tests/http", "post", body);
      assert.ok(out.ok, out.ok ? "" : out.error);
      assert.deepEqual(out.output, body, "the echo came back intact");
      const got = server.received[before]!;
      assert.equal(got.method, "POST");
      assert.deepEqual(got.body, body, "the server got exactly the bytes");
      assert.equal(got.headers["content-type"], "application/octet-stream");
      assert.equal(got.headers["x-quote"], 'say "hi"\\ok');
    });

    it("parses a JSON response", async () => {
      assert.equal(text(await call(host, "tests/http", "get_json", `${server.origin}/json`)), "ok a,ü");
    });

    it("fails the call with the host's message for a host that is not allowed", async () => {
      const out = await call(host, "tests/http", "get", `${server.origin}/hello`, { allowedHosts: ["example.com"] });
      assert.equal(out.ok, false);
      assert.match(out.ok ? "" : out.error, /HTTP request to "http:\/\/127\.0\.0\.1:\d+\/hello" is not allowed/);
    });

    it("fails the call with the host's message for an unreachable URL", async () => {
      // Port 1 on the loopback: nothing listens there.
      assert.deepEqual(await call(host, "tests/http", "get", "http://127.0.0.1:1/nothing"), { ok: false, error: "fetch failed" });
    });

    if (host.modern) {
      it("exposes response headers with allowHttpResponseHeaders", async () => {
        const out = text(await call(host, "tests/http-headers.modern", "headers", `${server.origin}/hello`, { allowHttpResponseHeaders: true }));
        // The test server's /hello answers content-type and x-reply; node adds
        // date, connection, keep-alive and content-length.
        assert.equal(out, "yes 6");
      });

      it("gives no response headers without allowHttpResponseHeaders", async () => {
        assert.equal(text(await call(host, "tests/http-headers.modern", "headers", `${server.origin}/hello`)), "null 0");
      });
    } else {
      it("a plug-in that reads response headers does not load (no http_headers)", async () => {
        await assert.rejects(host.load(wasmPath("tests/http-headers")), /http_headers/);
      });
    }
  });
}

describe("HTTP on strict-kernel", () => {
  it("sends exactly url, method and headers (Rust rejects other fields), and the body as bytes", async () => {
    const seen: HttpRequestSpec[] = [];
    const http = (req: HttpRequestSpec) => {
      seen.push(req);
      return { status: 201, body: req.body ?? new Uint8Array(0) };
    };
    const plugin = await STRICT.load(wasmPath("tests/http"), { config: { url: "http://h/echo?q=\"x\"" }, http });
    const out = await plugin.call("post", Uint8Array.from([0, 255, 1]));
    assert.ok(out.ok);
    assert.deepEqual(out.output, Uint8Array.from([0, 255, 1]));
    assert.deepEqual(seen, [
      {
        url: 'http://h/echo?q="x"',
        method: "POST",
        headers: { "Content-Type": "application/octet-stream", "X-Quote": 'say "hi"\\ok' },
        body: Uint8Array.from([0, 255, 1]),
      },
    ]);
  });

  it("fails the call with the host's message when the host refuses", async () => {
    const plugin = await STRICT.load(wasmPath("tests/http"), { config: { url: "http://h/echo" } });
    assert.deepEqual(await plugin.call("post", "x"), { ok: false, error: "HTTP request to http://h/echo is not allowed" });
  });
});
