/**
 * The host side of a key-value store for plug-ins (examples/host-functions):
 * `kv_read(key) -> value | 0` and `kv_write(key, value)` for the JS SDK's
 * `functions: { "extism:host/user": ... }` option.
 */

/** What the JS SDK's call context offers a host function. */
export interface HostContext {
  read(handle: bigint): { text(): string } | null;
  store(value: string): bigint;
}

export function kvFunctions(store: Map<string, string>) {
  return {
    kv_read(cp: HostContext, key: bigint): bigint {
      const value = store.get(cp.read(key)!.text());
      return value === undefined ? 0n : cp.store(value);
    },
    kv_write(cp: HostContext, key: bigint, value: bigint): void {
      store.set(cp.read(key)!.text(), cp.read(value)!.text());
    },
  };
}
