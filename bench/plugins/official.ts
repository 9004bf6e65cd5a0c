// build: official
// The same workloads with @extism/as-pdk 1.0.0, written and built as its
// README shows (an abort handler of its own; json-as wired in by hand).
import { Host, LogLevel, Var } from "@extism/as-pdk";
import { JSON } from "json-as";

function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {}

export function echo(): i32 {
  Host.output(Host.input());
  return 0;
}

export function echo_string(): i32 {
  Host.outputString(Host.inputString());
  return 0;
}

export function count_vowels(): i32 {
  let str = Host.inputString();
  var count = 0;
  for (var i = 0; i < str.length; i++) {
    let x: string = str[i];
    if (x == "a" || x == "A" || x == "e" || x == "E" || x == "i" || x == "I" || x == "o" || x == "O" || x == "u" || x == "U") {
      count += 1;
    }
  }
  Host.outputString('{"count": ' + count.toString() + "}");
  return 0;
}

export function vars(): i32 {
  Var.set("v", Host.input());
  Host.outputMemory(Var.getMemory("v")!);
  return 0;
}

@json
class Order {
  id: i64 = 0;
  customer: string = "";
  items: string[] = [];
  total: f64 = 0;
  express: bool = false;
}

@json
class Receipt {
  id: i64 = 0;
  message: string = "";
  count: i32 = 0;
}

export function json(): i32 {
  const order = JSON.parse<Order>(Host.inputString());
  const receipt = new Receipt();
  receipt.id = order.id;
  receipt.message = "thanks, " + order.customer;
  receipt.count = order.items.length;
  Host.outputString(JSON.stringify(receipt));
  return 0;
}

export function log_filtered(): i32 {
  for (let i = 0; i < 1000; i++) Host.log(LogLevel.Debug, "debug message");
  return 0;
}
