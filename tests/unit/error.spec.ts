// Host.setError / Host.getError: the call fails with exactly the message.
import { Host } from "extism-as-pdk";
import { begin, callSummary, firstViolation, kernelError, resetCalls, utf8Pattern } from "./kernel";

afterEach(() => {
  expect(firstViolation()).toBeNull("no ABI violation");
});

describe("Host.setError", () => {
  it("sets exactly the message, in a block sized to its UTF-8 bytes", () => {
    begin();
    Host.setError("bad ✓ thing");
    // 13 bytes: one word and an overlapping word.
    expect(callSummary()).toBe("alloc=1 error_set=1 store_u64=2");
    expect(kernelError()).toBe("bad ✓ thing");
  });

  it("sets a long message whole", () => {
    begin();
    const sample = utf8Pattern(70000, 2);
    Host.setError(sample.text);
    expect(kernelError() == sample.text).toBe(true);
  });

  it("reports an empty message as 'error' (an empty error is no error on the Rust runtime)", () => {
    begin();
    Host.setError("");
    expect(kernelError()).toBe("error");
  });

  it("keeps the last message when set twice", () => {
    begin();
    Host.setError("first");
    Host.setError("second");
    expect(kernelError()).toBe("second");
    expect(Host.getError()).toBe("second");
  });
});

describe("Host.getError", () => {
  it("is null before any error", () => {
    begin();
    expect(Host.getError()).toBeNull();
    expect(callSummary()).toBe("error_get=1");
  });

  it("reads the error back without freeing the host's block", () => {
    begin();
    Host.setError("read me back");
    resetCalls();
    expect(Host.getError()).toBe("read me back");
    expect(callSummary()).toBe("error_get=1 length=1 load_u64=2");
    expect(Host.getError()).toBe("read me back");
    expect(kernelError()).toBe("read me back");
  });

  it("is a new call's own: null again after begin", () => {
    begin();
    Host.setError("old");
    begin();
    expect(Host.getError()).toBeNull();
  });
});
