/**
 * The hosts the tests run plug-ins on, from the package's test kit
 * (src/testing/hosts.ts), and where this repository's plug-ins are built.
 */
import { join } from "node:path";
import { ROOT } from "../../tools/build.ts";

export * from "../../src/testing/hosts.ts";

/** The path of a built plug-in: `wasmPath("tests/core")` is build/tests/core.wasm. */
export function wasmPath(name: string): string {
  return join(ROOT, "build", `${name}.wasm`);
}
