import { fail } from "./fail";
import { http_headers, http_request, http_status_code } from "./extism";
import { decimal } from "./format";
import { parseJSON } from "./json";
import { allocateCopy, handOver, isJsKernelHandle, Memory } from "./memory";
import { decodeUTF8 } from "./utf8";

/**
 * An HTTP request: `new HttpRequest("https://example.com/api", "POST").header("Content-Type", "application/json")`.
 * The host makes the request, and only to hosts its allow-list names.
 */
export class HttpRequest {
  /** Request headers, in the order they were added. */
  readonly headers: Map<string, string> = new Map();

  /** A request for `url` with `method` (GET, POST, PUT, DELETE, ...). */
  constructor(public url: string, public method: string = "GET") {}

  /** Sets header `name` to `value` (replacing an earlier value); returns this request. */
  header(name: string, value: string): HttpRequest {
    this.headers.set(name, value);
    return this;
  }

  /** The request as the host reads it: `{"url":..,"method":..,"headers":{..}}` and nothing else. */
  toJSON(): string {
    let headers = "";
    const names = this.headers.keys();
    for (let i = 0; i < names.length; i++) {
      if (i > 0) headers += ",";
      headers += quoteJSON(names[i]) + ":" + quoteJSON(this.headers.get(names[i]));
    }
    return '{"url":' + quoteJSON(this.url) + ',"method":' + quoteJSON(this.method) + ',"headers":{' + headers + "}}";
  }
}

// Counts requests, so that a response knows whether the host's "last
// response headers" are still its own.
// @ts-ignore: decorator
@lazy
let requests: u32 = 0;

/** A response, exactly as the host returned it, whatever its status. */
export class HttpResponse {
  /** The HTTP status code (0 when the host made no request). */
  readonly status: u16;
  private readonly bytes: Uint8Array;
  private readonly request: u32;
  private headerMap: Map<string, string> | null = null;

  /** @internal Made by `Http.request`, with the body already out of the kernel. */
  constructor(status: u16, body: Uint8Array, request: u32) {
    this.status = status;
    this.bytes = body;
    this.request = request;
  }

  /** The response body's bytes (empty for an empty body); the same array on every call. */
  body(): Uint8Array {
    return this.bytes;
  }

  /** The response body decoded as UTF-8 (invalid sequences become U+FFFD). */
  text(): string {
    return decodeUTF8(this.bytes.dataStart, <usize>this.bytes.byteLength);
  }

  /** The response body parsed as JSON for `T`; fails the call when it is not. */
  json<T>(): T {
    const bytes = this.body();
    return parseJSON<T>(bytes.dataStart, bytes.byteLength, "the HTTP response body");
  }

  /**
   * The response headers (names as the host gives them, lower case on JS
   * hosts), or an empty map where the host does not expose them. Needs the
   * `http_headers` import (JS SDK 2.x with `allowHttpResponseHeaders`, recent
   * Rust runtime): a plug-in that calls it does not load on JS SDK 1.0.3.
   * Call it before the next request: the host keeps only the last headers.
   */
  headers(): Map<string, string> {
    let map = this.headerMap;
    if (map === null) {
      if (this.request != requests) {
        fail("HttpResponse.headers(): read the headers before making another request");
      }
      const handle = http_headers();
      if (handle == 0) map = new Map<string, string>();
      else {
        const block = Memory.find(handle);
        const bytes = block.toUint8Array();
        block.free();
        map = parseJSON<Map<string, string>>(bytes.dataStart, bytes.byteLength, "the HTTP response headers");
      }
      this.headerMap = map;
    }
    return map;
  }

  /** The value of header `name` (case-insensitive), or `null`. Same hosts as `headers()`. */
  header(name: string): string | null {
    const map = this.headers();
    if (map.has(name)) return map.get(name);
    const lower = name.toLowerCase();
    const names = map.keys();
    for (let i = 0; i < names.length; i++) {
      if (names[i].toLowerCase() == lower) return map.get(names[i]);
    }
    return null;
  }
}

/** HTTP through the host. In the JS SDK it needs `runInWorker: true` and `allowedHosts`. */
export class Http {
  /**
   * Sends `req` with `body` (`null` for none) and returns the response, for
   * any status. When the host refuses the request (a host not allowed, an
   * unreachable URL) the call fails with the host's message; when the host
   * makes no request at all (status 0: HTTP not enabled), it fails saying so.
   * A body the host could not read whole (over its size limit, or the
   * connection dropped mid-body) fails the call too: the Rust runtime and JS
   * SDK 1.0.3 fail it themselves; JS SDK 2.x answers the status and no body,
   * and the PDK fails the call with `HTTP GET <url> failed: the response body
   * was cut short or exceeded the host's limit (...)`. Never a short body.
   */
  static request(req: HttpRequest, body: Uint8Array | null = null): HttpResponse {
    const reqMemory = Memory.allocateString(req.toJSON());
    const jsKernel = isJsKernelHandle(reqMemory.offset);
    let bodyHandle: u64 = 0;
    if (body !== null && body.byteLength > 0) bodyHandle = handOver(allocateCopy(body.dataStart, body.byteLength));
    const response = http_request(handOver(reqMemory), bodyHandle);
    const status = <u16>http_status_code();
    requests++;
    // A host that refuses a request fails the call itself; one without HTTP
    // (the JS SDK outside worker mode) answers status 0: never a silent success.
    if (status == 0) {
      fail("HTTP " + req.method + " " + req.url + " failed: the host made no request (HTTP disabled, or the host not allowed)");
    }
    // The JS SDKs answer an empty body with an empty block, never handle 0;
    // JS 2.x answers 0 only when reading the body failed (over
    // memory.maxHttpResponseBytes, or the connection dropped), and says why
    // only in its error log. On the Rust runtime 0 is an empty body.
    if (response == 0 && jsKernel) {
      fail(
        "HTTP " + req.method + " " + req.url + " failed: the response body was cut short or exceeded the host's limit" +
          " (status " + decimal(status) + " but no body from the host; the host's error log says why)",
      );
    }
    // The body moves into the plug-in's memory and its block is freed at
    // once: hosts that never reset kernel memory (JS SDK 1.0.3, and 2.x in
    // the worker HTTP needs) would otherwise keep one block per request.
    const block = Memory.find(response);
    const bytes = block.toUint8Array();
    block.free();
    return new HttpResponse(status, bytes, requests);
  }
}

/** `s` as a JSON string literal, quotes included, for the request the host reads. */
function quoteJSON(s: string): string {
  let out = "\"";
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let escape: string | null = null;
    if (c == 0x22) escape = "\\\"";
    else if (c == 0x5c) escape = "\\\\";
    else if (c == 0x0a) escape = "\\n";
    else if (c == 0x0d) escape = "\\r";
    else if (c == 0x09) escape = "\\t";
    else if (c < 0x20) {
      // Two lower-case hex digits (toString(16) would bring every radix's tables).
      const low = c & 15;
      escape = "\\u00" + String.fromCharCode(0x30 + (c >> 4)) + String.fromCharCode(low < 10 ? 0x30 + low : 0x57 + low);
    }
    if (escape !== null) {
      out += s.substring(start, i) + escape;
      start = i + 1;
    }
  }
  return out + s.substring(start) + "\"";
}
