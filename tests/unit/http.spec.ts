// HTTP (assembly/http.ts) on the strict kernel: the request JSON exactly as
// the PDK sends it, the status as the host gives it, the response headers of
// the right response, and bodies of every size byte for byte.
import { Http, HttpRequest, HttpResponse } from "extism-as-pdk";
import {
  abortMessage,
  begin,
  callSummary,
  firstDifference,
  firstViolation,
  lastHttpRequest,
  lastHttpRequestBody,
  lastHttpRequestJSON,
  liveBlocks,
  pattern,
  respondHttp,
  respondHttpBytes,
} from "./kernel";

// AssemblyScript closures cannot capture locals: what a `toThrow` callback uses lives here.
let stale: HttpResponse | null = null;

afterEach(() => {
  expect(firstViolation()).toBeNull("no ABI violation");
});

function get(url: string): HttpResponse {
  return Http.request(new HttpRequest(url));
}

describe("the request JSON", () => {
  it("is url, method and headers, in that order, with nothing else", () => {
    begin();
    respondHttp(200, "");
    Http.request(new HttpRequest("https://example.com/"));
    expect(lastHttpRequestJSON()).toBe('{"url":"https://example.com/","method":"GET","headers":{}}');
    expect(lastHttpRequestBody()).toBeNull("no body");
  });

  it("escapes quotes, backslashes and every control character in the URL and method", () => {
    begin();
    respondHttp(200, "");
    // " \ LF CR TAB BS FF 0x01 0x1F, then DEL and é, which JSON leaves as they are.
    Http.request(new HttpRequest('https://example.com/a"b\\c\n\r\t\b\f\u0001\u001f\u007fé', 'P"T'));
    expect(lastHttpRequestJSON()).toBe(
      '{"url":"https://example.com/a\\"b\\\\c\\n\\r\\t\\u0008\\u000c\\u0001\\u001f\u007fé","method":"P\\"T","headers":{}}',
    );
    // The host reads back the very text the plug-in had (re-serialized by the host side's JSON.stringify).
    expect(lastHttpRequest()).toBe(
      '{"url":"https://example.com/a\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\u007fé","method":"P\\"T","headers":{},"body":null}',
    );
  });

  it("sends headers in the order they were first set, a replaced value in its first place, names and values escaped", () => {
    begin();
    respondHttp(200, "");
    const request = new HttpRequest("https://example.com/h", "POST")
      .header("Z-Last", "1")
      .header("A-First", 'quote " backslash \\ newline \n nul \u0000')
      .header('X-"Odd"', "tab\tend")
      .header("Z-Last", "4");
    Http.request(request);
    expect(lastHttpRequestJSON()).toBe(
      '{"url":"https://example.com/h","method":"POST","headers":{"Z-Last":"4","A-First":"quote \\" backslash \\\\ newline \\n nul \\u0000","X-\\"Odd\\"":"tab\\tend"}}',
    );
  });
});

describe("the status", () => {
  it("is the host's, for success and failure statuses alike", () => {
    const statuses: i32[] = [200, 201, 204, 301, 404, 500, 599];
    for (let i = 0; i < statuses.length; i++) {
      begin();
      respondHttp(statuses[i], "x");
      const response = get("https://example.com/s");
      expect(response.status).toBe(<u16>statuses[i]);
      expect(response.text()).toBe("x");
    }
  });

  it("0 (the host made no request) fails the call naming method and URL", () => {
    begin();
    respondHttp(0, "");
    expect(abortMessage(() => {
      Http.request(new HttpRequest("https://example.com/none", "DELETE"));
    })).toBe("HTTP DELETE https://example.com/none failed: the host made no request (HTTP disabled, or the host not allowed)");
  });
});

describe("response headers", () => {
  it("are this response's: names as the host gave them, looked up without case, the block freed", () => {
    begin();
    respondHttp(200, "one", '{"Content-Type":"text/plain","X-Quote":"a\\"b"}');
    const response = get("https://example.com/1");
    const before = liveBlocks();
    const headers = response.headers();
    expect(liveBlocks()).toBe(before, "the headers' block is freed");
    expect(headers.size).toBe(2);
    expect(headers.get("Content-Type")).toBe("text/plain");
    expect(headers.get("X-Quote")).toBe('a"b');
    expect(response.header("content-type")).toBe("text/plain");
    expect(response.header("missing")).toBeNull();
  });

  it("after a second request are the second response's, not the first's (stale headers)", () => {
    begin();
    respondHttp(200, "one", '{"X-Request":"1","X-First-Only":"yes"}');
    const first = get("https://example.com/1");
    expect(first.header("X-Request")).toBe("1");
    respondHttp(200, "two", '{"X-Request":"2"}');
    const second = get("https://example.com/2");
    const headers = second.headers();
    expect(headers.size).toBe(1, "only the second response's header");
    expect(headers.get("X-Request")).toBe("2");
    expect(second.header("X-First-Only")).toBeNull();
    expect(first.header("X-Request")).toBe("1", "the first response keeps what it read");
    respondHttp(200, "three");
    const third = get("https://example.com/3");
    expect(third.headers().size).toBe(0, "a response without headers has none");
  });

  it("of a response whose next request came first fail the call rather than give another response's", () => {
    begin();
    respondHttp(200, "one", '{"X-Request":"1"}');
    stale = get("https://example.com/1");
    respondHttp(200, "two", '{"X-Request":"2"}');
    get("https://example.com/2");
    expect(abortMessage(() => {
      stale!.headers();
    })).toBe("HttpResponse.headers(): read the headers before making another request");
  });
});

describe("bodies", () => {
  it("an empty response body (handle 0 on the Rust runtime) reads as empty, with no block", () => {
    begin();
    respondHttp(204, "");
    const response = get("https://example.com/empty");
    expect(response.body().length).toBe(0);
    expect(response.text()).toBe("");
    expect(liveBlocks()).toBe(0, "no block for an empty body");
  });

  it("an empty request body is sent as none", () => {
    begin();
    respondHttp(200, "");
    Http.request(new HttpRequest("https://example.com/p", "POST"), new Uint8Array(0));
    expect(lastHttpRequestBody()).toBeNull();
    // The request JSON is 60 bytes: one block, 8 word stores; no body block, and no length call for handle 0.
    expect(callSummary()).toBe("alloc=1 http_request=1 http_status_code=1 store_u64=8");
  });

  it("1 MiB each way arrives byte for byte, and no block is left (the body is copied out and its block freed)", () => {
    begin();
    const sent = pattern(1 << 20, 11);
    const answer = pattern(1 << 20, 12);
    respondHttpBytes(200, answer);
    const response = Http.request(new HttpRequest("https://example.com/big", "PUT"), sent);
    expect(firstDifference(lastHttpRequestBody(), sent)).toBe(-1, "request body");
    expect(firstDifference(response.body(), answer)).toBe(-1, "response body");
    expect(liveBlocks()).toBe(0, "the response body's block is freed once read");
  });

  it("a body of 1 to 17 bytes is exact (the copies' word and byte paths)", () => {
    for (let n = 1; n <= 17; n++) {
      begin();
      const answer = pattern(n, <u32>n);
      respondHttpBytes(200, answer);
      const sent = pattern(n, <u32>n + 100);
      const response = Http.request(new HttpRequest("https://example.com/n", "POST"), sent);
      expect(firstDifference(lastHttpRequestBody(), sent)).toBe(-1, "request body of " + n.toString());
      expect(firstDifference(response.body(), answer)).toBe(-1, "response body of " + n.toString());
    }
  });
});
