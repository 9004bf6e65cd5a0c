// The test kit's own AssemblyScript helpers (extism-as-pdk/assembly/testing),
// used here as a plug-in author's spec would: vars set on the host before a
// call, and HTTP answered by the kit.
import { Http, HttpRequest, Var } from "extism-as-pdk";
import { begin, firstViolation, lastHttpRequest, liveBlocks, respondHttp, setVar, varBytes } from "./kernel";

describe("the test kit", () => {
  it("setVar: the plug-in reads the var as set, byte for byte", () => {
    setVar("greeting", "grüß ✓");
    begin();
    expect(Var.getString("greeting")).toBe("grüß ✓");
    expect(String.UTF8.decode(varBytes("greeting")!.buffer)).toBe("grüß ✓");
    expect(firstViolation()).toBeNull();
  });

  it("respondHttp: every request gets the reply, and lastHttpRequest shows the request", () => {
    begin();
    expect(lastHttpRequest()).toBeNull();
    respondHttp(201, "créé");
    const request = new HttpRequest("https://example.com/items", "POST").header("X-Kind", "test");
    const response = Http.request(request, Uint8Array.wrap(String.UTF8.encode("payload")));
    expect(response.status).toBe(201);
    expect(response.text()).toBe("créé");
    expect(lastHttpRequest()).toBe('{"url":"https://example.com/items","method":"POST","headers":{"X-Kind":"test"},"body":"payload"}');
    expect(firstViolation()).toBeNull();
    expect(liveBlocks()).toBe(0, "no block left: the response body's was freed once read (an empty input has none)");
  });
});
