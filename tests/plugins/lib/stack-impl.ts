// The plug-in functions of tests/plugins/stack-star.ts, which exports them
// through `export *` (here by way of stack-chain.ts) and `export { ... as ... } from`.
import { Host } from "extism-as-pdk";

/**
 * Recurses `n` levels, each frame holding a string on the shadow stack, then
 * traps without passing through `abort`, so no frame's epilogue runs.
 */
export function trapAt(n: i32, s: string): i32 {
  if (n == 0) unreachable();
  return trapAt(n - 1, n.toString()) + s.length;
}

/** Traps 64 frames deep. */
export function trap(): i32 {
  return trapAt(64, Host.inputString());
}

/** Outputs the input. */
export function echo(): i32 {
  Host.outputString(Host.inputString());
  return 0;
}
