// JSON in, JSON out, with a greeting taken from the host's config.
import { Config } from "extism-as-pdk";

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

// The PDK reads the call's input as a Person (input that is not one fails
// the call with the reason) and writes the Greeting as the call's output.
export function greet(person: Person): Greeting {
  const greeting = Config.get("greeting");
  const reply = new Greeting();
  reply.message = (greeting !== null ? greeting : "Hello") + ", " + person.name + "!";
  reply.adult = person.age >= 18;
  return reply;
}
