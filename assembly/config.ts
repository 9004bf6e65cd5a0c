import { config_get } from "./extism";
import { parseJSON } from "./json";
import { emptyOf } from "./json-types";
import { foundOrNull, Memory, stringBlock } from "./memory";

/** The plug-in's configuration: string keys and values set by the host. */
export class Config {
  /**
   * The value of `key` as a block of kernel memory, or `null` when the key is
   * missing or its value is empty (the Rust runtime cannot tell those apart,
   * so the PDK treats them alike on every host), and for an empty key, which
   * older Rust runtimes fail the call on.
   */
  static getMemory(key: string): Memory | null {
    if (key.length == 0) return null;
    return foundOrNull(config_get(stringBlock(key)));
  }

  /** The value of `key` decoded as UTF-8, or `null` when it is missing or empty. */
  static get(key: string): string | null {
    const value = Config.getMemory(key);
    if (value === null) return null;
    const text = value.toString();
    value.free();
    return text;
  }

  /**
   * The value of `key` parsed as JSON for `T` (`Config.getJSON<i32>("retries", 3)`,
   * `Config.getJSON<bool>("verbose", false)`, a `@json` class...). When the
   * key is missing or empty: `fallback`, or else `T`'s empty value (as
   * `Var.getJSON`). Fails the call when the value is not JSON for `T`,
   * naming the key.
   */
  static getJSON<T>(key: string, fallback: T = emptyOf<T>()): T {
    const value = Config.getMemory(key);
    if (value === null) return fallback;
    const bytes = value.toUint8Array();
    value.free();
    return parseJSON<T>(bytes.dataStart, bytes.byteLength, "config '" + key + "'");
  }
}
