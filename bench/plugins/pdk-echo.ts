// This PDK, written as its README shows (default preset).
import { Host } from "extism-as-pdk";

export function echo(): i32 {
  Host.output(Host.input());
  return 0;
}
