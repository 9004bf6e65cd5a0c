// build: minimal
// Typed plug-in functions: the input read as the parameter's type, the
// result written as the output (text, bytes, JSON), failures reported with
// error_set and a normal return.
import { Host } from "extism-as-pdk";

@json
class Person {
  name: string = "";
  age: i32 = 0;
}

@json
class Greeting {
  message: string = "";
  adult: bool = false;
}

export function greet(person: Person): Greeting {
  const g = new Greeting();
  g.message = "Hello, " + person.name + "!";
  g.adult = person.age >= 18;
  return g;
}

export function shout(text: string): string {
  return text.toUpperCase() + "!";
}

export function reverse(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[data.length - 1 - i];
  return out;
}

export function tags(list: string[]): Map<string, i32> {
  const counts = new Map<string, i32>();
  for (let i = 0; i < list.length; i++) counts.set(list[i], counts.has(list[i]) ? counts.get(list[i]) + 1 : 1);
  return counts;
}

export function scaled(x: f64): f64 {
  return x * 2.5;
}

export function next_u64(n: u64): u64 {
  return n + 1;
}

export function negate(b: bool): bool {
  return !b;
}

export function nobody(): Person {
  const p = new Person();
  p.name = "nobody";
  return p;
}

let bumps = 0;

export function bump(): void {
  bumps++;
}

/** Classic: the i32 is the return code, Host does the I/O. */
export function bumped(): i32 {
  Host.outputString(bumps.toString());
  return 0;
}

export function name_of(p: Person | null): string | null {
  return p === null ? null : p.name;
}

/** Fails with its own message, without trapping. */
export function admit(person: Person): string {
  if (person.age < 18) {
    Host.setError(person.name + " is too young");
    return "";
  }
  return "welcome, " + person.name;
}

/** n / d: Infinity or NaN for d = 0, which JSON cannot represent. */
export function divide(nd: f64[]): f64 {
  return nd[0] / nd[1];
}
