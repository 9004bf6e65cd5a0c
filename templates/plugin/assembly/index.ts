// An Extism plug-in: each exported function is one the host can call. Its
// parameter is the call's input and its result the call's output (JSON for
// @json classes, text for string, bytes for Uint8Array).
// `npm run build` compiles it to build/plugin.wasm; try it with
//   npx extism-as call build/plugin.wasm greet --input '{"name":"you"}'
import "extism-as-pdk"; // the PDK: reads the input, writes the output, reports failures

// A field's initial value is what it holds when the input leaves it out.
@json
export class Request {
  name: string = "";
}

@json
export class Reply {
  message: string = "";
}

// Input that is not a Request fails the call with a message saying why; so
// does a failed assert, with its own message.
export function greet(request: Request): Reply {
  assert(request.name.length > 0, "a name is required");
  const reply = new Reply();
  reply.message = "Hello, " + request.name + "!";
  return reply;
}
