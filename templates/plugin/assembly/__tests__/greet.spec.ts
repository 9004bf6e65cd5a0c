// Unit tests, run in-process by as-pect (`npx asp`) against the test kit's
// strict stand-in for the Extism kernel: fast, and any breach of the ABI's
// rules fails the test. The functions are called directly, with typed values.
import { lastAbort } from "extism-as-pdk/assembly/testing";
import { greet, Request } from "../index";

describe("greet", () => {
  it("greets by name", () => {
    const request = new Request();
    request.name = "Zoë";
    expect(greet(request).message).toBe("Hello, Zoë!");
  });

  it("refuses an empty name", () => {
    expect(() => {
      greet(new Request());
    }).toThrow();
    expect(lastAbort()).toBe("a name is required");
  });
});
