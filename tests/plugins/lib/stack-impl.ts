// The plug-in functions of tests/plugins/stack-star.ts, which exports them
// through `export *` (here by way of stack-chain.ts) and `export { ... as ... } from`.
import { Host } from "extism-as-pdk";
// Not exported from here: `export *` would make it a plug-in function, which
// takes at most one parameter.
import { trapAt } from "./trap-at";


/** Traps 64 frames deep. */
export function trap(): i32 {
  return trapAt(64, Host.inputString());
}

/** Outputs the input. */
export function echo(): i32 {
  Host.outputString(Host.inputString());
  return 0;
}
