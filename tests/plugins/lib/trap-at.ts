// A helper of the stack tests (tests/plugins/stack.ts, lib/stack-impl.ts).

/**
 * Recurses `n` levels, each frame holding a string on the shadow stack, then
 * traps without passing through `abort`, so no frame's epilogue runs.
 */
export function trapAt(n: i32, s: string): i32 {
  if (n == 0) unreachable();
  return trapAt(n - 1, n.toString()) + s.length;
}
