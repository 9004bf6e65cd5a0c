// An Extism plug-in: each exported function is one the host can call.
// `npm run build` compiles it to build/plugin.wasm; try it with
//   npx extism-as call build/plugin.wasm greet --input '{"name":"you"}'
import { Host } from "extism-as-pdk";

// @json classes are read and written by Host.inputJSON / Host.outputJSON.
// A field's initial value is what it holds when the input leaves it out.
@json
class Request {
  name: string = "";
}

@json
class Reply {
  message: string = "";
}

export function greet(): i32 {
  // Input that is not a Request fails the call with a message saying why.
  const request = Host.inputJSON<Request>();
  const reply = new Reply();
  reply.message = "Hello, " + request.name + "!";
  Host.outputJSON(reply);
  return 0;
}
