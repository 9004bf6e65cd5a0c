// This PDK, written as its README shows (default preset).
import { Host } from "extism-as-pdk";

export function echo_string(): i32 {
  Host.outputString(Host.inputString());
  return 0;
}
