/**
 * HTTP responses the host could not read whole: a body over the host's limit
 * (`memory.maxHttpResponseBytes`), and a connection the server drops
 * mid-body. JS SDK 2.x answers both with the status and body handle 0 (the
 * reason goes only to its error log); the PDK must fail the call rather than
 * hand the plug-in an empty body. JS SDK 1.0.3 fails the call itself (and
 * has no size limit); the Rust runtime fails it itself too (the strict
 * kernel, as Rust, answers an empty body with handle 0: no false alarm).
 * Worker mode throughout (HTTP needs it on the JS SDKs); the server listens
 * on 127.0.0.1 only.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { JS_V1, JS_V2, type LoadOptions, type Outcome, STRICT, wasmPath } from "../support/hosts.ts";
import { bigBody, DROP, startServer, type TestServer } from "../support/http-server.ts";
import { callInWorker } from "../support/plain-node.ts";

const WASM = wasmPath("tests/http-cut-short");
const LIMIT = 4096;

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => server.close());

/** What the plug-in outputs for a body: "<status> <length> <checksum>". */
function summary(status: number, body: Uint8Array): string {
  let sum = 0;
  body.forEach((b, i) => (sum += b * ((i % 251) + 1)));
  return `${status} ${body.length} ${sum}`;
}

/** The PDK's message for a body the host did not deliver. */
function cutShort(url: string, status = 200): string {
  return `HTTP GET ${url} failed: the response body was cut short or exceeded the host's limit (status ${status} but no body from the host; the host's error log says why)`;
}

describe("a response body the host could not read whole, on JS 2.0.0-rc13 in worker mode", () => {
  /** One GET on a fresh plug-in with the host's error log on; the outcome and the error lines. */
  async function get(path: string, extra: LoadOptions = {}): Promise<{ outcome: Outcome; errors: string[] }> {
    const plugin = await JS_V2.load(WASM, { runInWorker: true, allowedHosts: ["127.0.0.1"], logLevel: "error", ...extra });
    try {
      const outcome = await plugin.call("get", `${server.origin}${path}`);
      return { outcome, errors: plugin.logs.filter((l) => l.level === "error").map((l) => l.text) };
    } finally {
      await plugin.close();
    }
  }

  it("over memory.maxHttpResponseBytes: the call fails (the host said status 200, body handle 0), the PDK's message in the error log after the host's", async () => {
    const url = `${server.origin}/big/${LIMIT + 1}`;
    const { outcome, errors } = await get(`/big/${LIMIT + 1}`, { maxHttpResponseBytes: LIMIT });
    // A trap on JS loses the error set before it: the message is in the error log.
    assert.deepEqual(outcome, { ok: false, error: "unreachable" });
    assert.deepEqual(errors, [`Response body exceeded ${LIMIT} bytes`, cutShort(url)]);
  });

  it("a body of exactly the limit fails too (2.x refuses a body that reaches it); one byte less arrives whole", async () => {
    const { outcome, errors } = await get(`/big/${LIMIT}`, { maxHttpResponseBytes: LIMIT });
    assert.deepEqual(outcome, { ok: false, error: "unreachable" });
    assert.deepEqual(errors, [`Response body exceeded ${LIMIT} bytes`, cutShort(`${server.origin}/big/${LIMIT}`)]);
    const under = await get(`/big/${LIMIT - 1}`, { maxHttpResponseBytes: LIMIT });
    assert.deepEqual(under.outcome.ok ? under.outcome.text : under.outcome, summary(200, bigBody(LIMIT - 1)));
    assert.deepEqual(under.errors, []);
  });

  it("the connection dropped mid-body: the call fails, with or without a size limit", async () => {
    const url = `${server.origin}/drop`;
    for (const extra of [{}, { maxHttpResponseBytes: 1 << 20 }]) {
      const { outcome, errors } = await get("/drop", extra);
      assert.deepEqual(outcome, { ok: false, error: "unreachable" }, JSON.stringify(extra));
      assert.deepEqual(errors, ["terminated", cutShort(url)], JSON.stringify(extra));
    }
  });

  it("the same with response headers exposed (the PDK needs no header to tell)", async () => {
    const { outcome, errors } = await get(`/big/${LIMIT + 1}`, { maxHttpResponseBytes: LIMIT, allowHttpResponseHeaders: true });
    assert.deepEqual(outcome, { ok: false, error: "unreachable" });
    assert.equal(errors.at(-1), cutShort(`${server.origin}/big/${LIMIT + 1}`));
  });

  it("an empty body is not mistaken for a cut one (2.x hands over an empty block, not handle 0)", async () => {
    const { outcome, errors } = await get("/empty", { maxHttpResponseBytes: LIMIT });
    assert.deepEqual(outcome.ok ? outcome.text : outcome, "204 0 0");
    assert.deepEqual(errors, []);
  });

  it("the plug-in goes on after such a failure: the next request on the same instance works", async () => {
    const plugin = await JS_V2.load(WASM, { runInWorker: true, allowedHosts: ["127.0.0.1"], maxHttpResponseBytes: LIMIT });
    try {
      assert.equal((await plugin.call("get", `${server.origin}/big/${LIMIT * 2}`)).ok, false);
      const next = await plugin.call("get", `${server.origin}/big/100`);
      assert.deepEqual(next.ok ? next.text : next, summary(200, bigBody(100)));
    } finally {
      await plugin.close();
    }
  });
});

describe("the same responses on JS 1.0.3 in worker mode", () => {
  const get = (path: string, extra: LoadOptions = {}) => callInWorker(JS_V1, WASM, "get", `${server.origin}${path}`, { allowedHosts: ["127.0.0.1"], ...extra });

  it("1.0.3 has no size limit: memory.maxHttpResponseBytes is ignored and the whole body arrives", async () => {
    const outcome = await get(`/big/${LIMIT + 1}`, { maxHttpResponseBytes: LIMIT });
    assert.deepEqual(outcome.ok ? outcome.text : outcome, summary(200, bigBody(LIMIT + 1)));
  });

  it("the connection dropped mid-body: the host fails the call itself, with fetch's message", async () => {
    assert.deepEqual(await get("/drop"), { ok: false, error: "terminated" });
  });

  it("an empty body is an empty body", async () => {
    const outcome = await get("/empty");
    assert.deepEqual(outcome.ok ? outcome.text : outcome, "204 0 0");
  });
});

describe("the same on the strict kernel (Rust runtime rules)", () => {
  const reply = (status: number, body: Uint8Array) => () => ({ status, body });

  it("over the limit the host fails the call with its own message", async () => {
    const plugin = await STRICT.load(WASM, { http: reply(200, bigBody(LIMIT + 1)), maxHttpResponseBytes: LIMIT });
    assert.deepEqual(await plugin.call("get", "http://h/big"), { ok: false, error: `HTTP response exceeds the configured maximum number of bytes: ${LIMIT}` });
    assert.deepEqual(plugin.violations, []);
  });

  it("handle 0 with a status is an empty body there, not a failure", async () => {
    const plugin = await STRICT.load(WASM, { http: reply(200, new Uint8Array(0)) });
    const outcome = await plugin.call("get", "http://h/nothing");
    assert.deepEqual(outcome.ok ? outcome.text : outcome, "200 0 0");
    assert.deepEqual(plugin.violations, []);
  });

  it("a body of exactly the limit arrives whole", async () => {
    const plugin = await STRICT.load(WASM, { http: reply(200, bigBody(LIMIT)), maxHttpResponseBytes: LIMIT });
    const outcome = await plugin.call("get", "http://h/big");
    assert.deepEqual(outcome.ok ? outcome.text : outcome, summary(200, bigBody(LIMIT)));
  });
});
