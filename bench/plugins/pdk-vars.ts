// This PDK, written as its README shows (default preset).
import { Host, Var } from "extism-as-pdk";

export function vars(): i32 {
  Var.set("v", Host.input());
  Host.outputMemory(Var.getMemory("v")!);
  return 0;
}
