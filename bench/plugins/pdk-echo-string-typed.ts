// This PDK, as a typed plug-in function: text in, text out.
import "extism-as-pdk";

export function echo_string(text: string): string {
  return text;
}
