// This PDK, as a typed plug-in function: bytes in, bytes out.
import "extism-as-pdk";

export function echo(data: Uint8Array): Uint8Array {
  return data;
}
