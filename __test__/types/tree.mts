// Handlers typed from the wrapped tree: `api.slothlet.hook.on("math.add:after", …)`
// sees add's parameters and (awaited) result; a glob keeps the default types.
import { createHooks } from "slothook";
import type { FunctionAt, HookApi, SlothletNode, Wrapped } from "slothook";
import { check, type Equal } from "./expect.mjs";

class Counter {
  #count = 0;
  label = "counter";
  inc(by: number = 1): number {
    return (this.#count += by);
  }
  async reset(): Promise<void> {
    this.#count = 0;
  }
}
class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  static origin(): Point {
    return new Point(0, 0);
  }
}

const tree = {
  math: {
    add: (a: number, b: number) => a + b,
    mul(a: number, b: number): number {
      return a * b;
    },
  },
  db: {
    get: async (id: string) => ({ id, name: "Ada" }),
    thenable: (): PromiseLike<number> => Promise.resolve(1),
  },
  counter: new Counter(),
  geo: { Point },
  pipeline: [(s: string) => s.length, (n: number) => n > 0] as const,
  handlers: [(req: { url: string }) => req.url],
  created: new Date(0),
  version: 3,
};

const hooks = createHooks(true);
const api = hooks.wrap(tree);
const hook = api.slothlet.hook;

// ---- wrapped functions keep their signatures
const sum: number = api.math.add(1, 2);
const row: Promise<{ id: string; name: string }> = api.db.get("1");
const point: Point = new api.geo.Point(1, 2);
const made: Point = api.geo.Point.origin();
const n: number = api.counter.inc();
// @ts-expect-error TS2345 add takes numbers
api.math.add("1", 2);
void [sum, row, point, made, n];

// ---- an exact path: that function's parameters and result
hook.on("math.add:after", ({ args, result }) => {
  check<Equal<typeof args, Parameters<typeof tree.math.add>>>();
  check<Equal<typeof args, [a: number, b: number]>>();
  check<Equal<typeof result, number>>();
  return result * 10;
});
hook.on("math.add:before", ({ args }) => [args[0] * 2, args[1] * 2]);
hook.on("math.add:before", ({ args }) => (args[0] > 100 ? 0 : undefined)); // short-circuit with a number
hook.on("math.mul:always", ({ args, result, hasError }) => {
  check<Equal<typeof args, [a: number, b: number]>>();
  if (!hasError) check<Equal<typeof result, number>>();
});
hook.on("math.mul:error", ({ args, error }) => {
  check<Equal<typeof args, [a: number, b: number]>>();
  check<Equal<typeof error, unknown>>();
});
// @ts-expect-error TS2769 an after hook's replacement must be add's result
hook.on("math.add:after", ({ result }) => String(result));
// @ts-expect-error TS2769 a short-circuit value must be add's result
hook.on("math.add:before", () => "cached");
// @ts-expect-error TS2769 replacement args must fit add's parameters
hook.on("math.add:before", ({ args }) => [String(args[0]), args[1]]);
// @ts-expect-error TS2339 result is a number
hook.on("math.add:after", ({ result }) => void result.toUpperCase());

// ---- async functions: result is the settled value
hook.on("db.get:after", ({ args, result }) => {
  check<Equal<typeof args, [id: string]>>();
  check<Equal<typeof result, { id: string; name: string }>>();
  return { ...result, name: result.name.toUpperCase() };
});
hook.on("db.thenable:after", ({ result }) => check<Equal<typeof result, number>>());
hook.on("db.get:before", ({ args }) => (args[0] === "" ? { id: "", name: "nobody" } : undefined));

// ---- class instances, static methods, arrays
hook.on("counter.inc:after", ({ args, result }) => {
  check<Equal<typeof args, [by?: number]>>();
  check<Equal<typeof result, number>>();
});
hook.on("counter.reset:after", ({ result }) => check<Equal<typeof result, void>>());
hook.on("geo.Point.origin:after", ({ result }) => check<Equal<typeof result, Point>>());
hook.on("pipeline.0:after", ({ args, result }) => {
  check<Equal<typeof args, [s: string]>>();
  check<Equal<typeof result, number>>();
});
hook.on("pipeline.1:after", ({ result }) => check<Equal<typeof result, boolean>>());
hook.on("handlers.3:before", ({ args }) => check<Equal<typeof args, [req: { url: string }]>>());

// ---- the paths: functions only, as wrap() intercepts them
type Tree = typeof tree;
check<Equal<FunctionAt<Tree, "math.add">, (a: number, b: number) => number>>();
check<Equal<FunctionAt<Tree, "counter.reset">, () => Promise<void>>>();
check<Equal<FunctionAt<Tree, "geo.Point.origin">, () => Point>>();
check<Equal<FunctionAt<Tree, "pipeline.1">, (n: number) => boolean>>();
check<Equal<FunctionAt<Tree, "handlers.7">, (req: { url: string }) => string>>();
check<Equal<FunctionAt<Tree, "math">, never>>(); // a node
check<Equal<FunctionAt<Tree, "version">, never>>(); // a value
check<Equal<FunctionAt<Tree, "counter.label">, never>>();
check<Equal<FunctionAt<Tree, "geo.Point">, never>>(); // a class is constructed, not called
check<Equal<FunctionAt<Tree, "geo.Point.prototype.x">, never>>();
check<Equal<FunctionAt<Tree, "created.getTime">, never>>(); // a Date is a value
check<Equal<FunctionAt<Tree, "pipeline.2">, never>>();
check<Equal<FunctionAt<Tree, "math.*">, never>>();
check<Equal<FunctionAt<Tree, string>, never>>();

// ---- globs and other non-exact patterns keep the defaults
hook.on("math.*:after", ({ args, result }) => {
  check<Equal<typeof args, any[]>>();
  check<Equal<typeof result, any>>();
});
hook.on("**:before", ({ args }) => check<Equal<typeof args, any[]>>());
hook.on("{math,db}.get:after", ({ result }) => check<Equal<typeof result, any>>());
hook.on("math:after", ({ result }) => check<Equal<typeof result, any>>()); // a node, not a function
hook.on("created.getTime:after", ({ result }) => check<Equal<typeof result, any>>()); // a Date is a value
hook.on("geo.Point:before", ({ args }) => check<Equal<typeof args, any[]>>()); // a class is constructed, not called
hook.on("geo.Point.prototype.x:after", ({ result }) => check<Equal<typeof result, any>>());
// explicit types win over the tree
hook.on<[string], string>("math.add:after", ({ args, result }) => {
  check<Equal<typeof args, [string]>>();
  return result;
});

// ---- api is the wrapped tree; hooks.hook is the same object with the default types
hook.on("math.add:after", ({ api: root }) => {
  const product: number = root.math.mul(2, 3);
  const same: HookApi<Wrapped<typeof tree>, any, typeof tree> = root.slothlet.hook;
  void [product, same];
});
hooks.hook.on("math.add:after", ({ result }) => check<Equal<typeof result, any>>());
const plain: HookApi = api.slothlet.hook;
const node: SlothletNode = api.slothlet;
// @ts-expect-error TS2322 the default-typed object is not the tree-typed one
const typed: typeof hook = hooks.hook;
void [plain, node, typed];

// ---- trees from JavaScript-style literals, interfaces and `any`
const js = hooks.wrap({ math: { add: (a, b) => a + b } }); // no implicit-any error: parameters are any
js.slothlet.hook.on("math.add:after", ({ args, result }) => {
  check<Equal<typeof args, [a: any, b: any]>>();
  return result * 10;
});
interface UserService {
  find(id: number): Promise<{ name: string } | undefined>;
}
declare const services: { users: UserService };
hooks.wrap(services).slothlet.hook.on("users.find:after", ({ args, result }) => {
  check<Equal<typeof args, [id: number]>>();
  check<Equal<typeof result, { name: string } | undefined>>();
});
const untyped: any = JSON.parse("{}");
const loose = hooks.wrap(untyped);
loose.slothlet.hook.on("anything:after", ({ result }) => result); // no implicit any
const looseValue: number = loose.whatever;
void looseValue;
// a root function with members
const fnRoot = hooks.wrap(Object.assign((x: number) => x, { helper: (s: string) => s }));
fnRoot.slothlet.hook.on("helper:after", ({ result }) => check<Equal<typeof result, string>>());
const called: number = fnRoot(1);
void called;

// ---- depth: paths of up to 16 segments are typed, deeper ones keep the defaults
interface TreeNode {
  name: string;
  size(): number;
  child: TreeNode;
  children: TreeNode[];
}
declare const root: { node: TreeNode };
const recursive = hooks.wrap(root);
recursive.slothlet.hook.on("node.size:after", ({ result }) => check<Equal<typeof result, number>>());
recursive.slothlet.hook.on("node.child.children.3.size:after", ({ result }) => check<Equal<typeof result, number>>());
recursive.slothlet.hook.on(
  "node.child.child.child.child.child.child.child.child.child.child.child.child.child.child.size:after",
  ({ result }) => check<Equal<typeof result, number>>(),
);
recursive.slothlet.hook.on(
  "node.child.child.child.child.child.child.child.child.child.child.child.child.child.child.child.size:after",
  ({ result }) => check<Equal<typeof result, any>>(),
);
// a key with a dot in it cannot be told from a path: the defaults
const dotted = hooks.wrap({ "a.b": (x: number) => x });
dotted.slothlet.hook.on("a.b:after", ({ result }) => check<Equal<typeof result, any>>());

// ---- library objects in a tree cost nothing until a path into them is used
import * as fs from "node:fs";
import { EventEmitter } from "node:events";
const system = hooks.wrap({ fs, bus: new EventEmitter() });
system.slothlet.hook.on("fs.readFileSync:before", ({ args }) => void args[0]);
system.slothlet.hook.on("bus.emit:after", ({ result }) => check<Equal<typeof result, boolean>>());
system.slothlet.hook.on("fs.promises.readFile:after", ({ result }) => void result);

// ---- wrapFunction keeps functions and classes as they are
const op = hooks.wrapFunction("svc.op", async (n: number) => n + 1);
const pending: Promise<number> = op(1);
const K = hooks.wrapFunction("K", class {
  x = 1;
});
const k = new K();
check<Equal<typeof k.x, number>>();
const WrappedPoint = hooks.wrapFunction("geo.Point", Point);
const p2: Point = new WrappedPoint(1, 2);
// @ts-expect-error TS2345 wrapFunction takes a function
hooks.wrapFunction("svc.value", 42);
void [pending, p2];

// ---- options.pattern overrides the path: the handler keeps the default types
hook.on("math.add:after", ({ args, result }) => {
  check<Equal<typeof args, any[]>>();
  check<Equal<typeof result, any>>();
}, { pattern: "math.*" });
hook.on("math.add:after", ({ result }) => check<Equal<typeof result, number>>(), { id: "typed", once: true });
declare const someOverride: string;
hook.on("math.add:before", ({ args }) => check<Equal<typeof args, any[]>>(), { pattern: someOverride });

// ---- an interface as the root
declare const userService: UserService;
hooks.wrap(userService).slothlet.hook.on("find:after", ({ result }) => check<Equal<typeof result, { name: string } | undefined>>());
