"use strict";
// wrap(tree): every reachable function intercepted under its dotted path.
// Plain objects and arrays are copied as a snapshot of their shape (spec
// §11.11); class instances become views whose prototype is the original, and
// classes keep their statics (§11 (s)). A value reachable under several keys
// is wrapped once per path; a cycle maps to the same node. The original is
// never mutated; every property is defined (never assigned), so keys such as
// "__proto__" stay ordinary data.

const { makeWrapped } = require("./callpath.js");
const { HookError, describe, quote } = require("./errors.js");

const types = require("node:util").types;

const FN_TO_STRING = Function.prototype.toString;
const getProto = Object.getPrototypeOf;
const getOwn = Object.getOwnPropertyDescriptor;
const define = Object.defineProperty;
const ownKeys = Reflect.ownKeys;

/**
 * Most wrappers one wrap() builds for values it already wrapped under another
 * path (a shared object or function is wrapped once per path, §11 (s)). Sharing
 * multiplies paths: a chain of 40 objects each holding the next one under two
 * keys has 2^40 paths, so without a bound wrap() would never return.
 */
const MAX_SHARED_COPIES = 100_000;

/** Own properties of a function that are the function's, not statics. */
const FUNCTION_OWN = new Set(["length", "name", "prototype", "arguments", "caller"]);

/**
 * A function with no own keys but the standard ones, and no parent class to
 * inherit statics from (its prototype is Function.prototype or a built-in
 * function prototype such as AsyncFunction's).
 */
function bare(fn) {
  const proto = getProto(fn);
  if (proto !== Function.prototype && typeof proto === "function") return false;
  const names = Object.getOwnPropertyNames(fn);
  for (let i = 0; i < names.length; i++) if (!FUNCTION_OWN.has(names[i])) return false;
  return Object.getOwnPropertySymbols(fn).length === 0;
}

function isNativeFunction(fn) {
  try {
    return FN_TO_STRING.call(fn).endsWith("{ [native code] }");
  } catch {
    return true;
  }
}

const PLAIN = 0;
const VIEW = 1;
const VALUE = 2;

/**
 * How wrap() treats an object (§11 (s), §11.11): arrays and objects whose
 * prototype is Object.prototype or null are copied as plain nodes; built-ins
 * with internal slots pass through as values; every other object is a class
 * instance and becomes a view whose prototype is the original.
 */
function kindOf(value) {
  if (Array.isArray(value)) return PLAIN;
  const proto = getProto(value);
  if (proto === null || proto === Object.prototype) return PLAIN;
  if (
    types.isMap(value) ||
    types.isSet(value) ||
    types.isWeakMap(value) ||
    types.isWeakSet(value) ||
    types.isDate(value) ||
    types.isRegExp(value) ||
    types.isPromise(value) ||
    types.isNativeError(value) ||
    types.isAnyArrayBuffer(value) ||
    types.isArrayBufferView(value) ||
    types.isBoxedPrimitive(value) ||
    types.isGeneratorObject(value) ||
    types.isMapIterator(value) ||
    types.isSetIterator(value) ||
    value instanceof Error
  ) {
    return VALUE;
  }
  // Any other instance of a built-in class (WeakRef, FinalizationRegistry,
  // Intl.*, iterators, …): some prototype on its chain is a built-in's.
  for (let p = proto; p !== null && p !== Object.prototype; p = getProto(p)) {
    const d = getOwn(p, "constructor");
    if (d !== undefined && typeof d.value === "function" && isNativeFunction(d.value)) return VALUE;
  }
  return VIEW;
}

/** A symbol-keyed method of a view: runs with this = the original, no hooks (§11 (s)). */
function forwarder(fn, receiver) {
  const f = function () {
    return Reflect.apply(fn, receiver, arguments);
  };
  try {
    define(f, "name", { value: fn.name, configurable: true });
    define(f, "length", { value: fn.length, configurable: true });
  } catch {
    // a hostile name/length getter: keep the forwarder's own
  }
  return f;
}

/**
 * A forwarding accessor on `node` for `key` of `original`: reads and writes
 * go to the original, now (getters and setters run with this = the original).
 */
function forward(node, original, key, enumerable, readable, writable) {
  define(node, key, {
    enumerable,
    configurable: true,
    get: readable
      ? function () {
          return original[key];
        }
      : undefined,
    set: writable
      ? function (v) {
          original[key] = v;
        }
      : undefined,
  });
}

function method(node, key, value, enumerable) {
  define(node, key, { value, enumerable, writable: true, configurable: true });
}

class Wrapper {
  constructor(rt, root) {
    this.rt = rt;
    this.root = root;
    /** Originals being wrapped on the current path -> their node: a cycle maps to the same node. */
    this.ancestors = new Map();
    /** Everything wrapped so far, to count wrappers built again under another path. */
    this.visited = new WeakSet();
    this.copies = 0;
  }

  /** The wrapped form of `value`, found at `path`; `receiver` is the object it was read from. */
  value(value, path, receiver) {
    if (typeof value === "function") return this.fn(value, path, receiver);
    if (value !== null && typeof value === "object") {
      const kind = kindOf(value);
      if (kind === PLAIN) return this.object(value, path);
      if (kind === VIEW) return this.view(value, path);
    }
    return value;
  }

  /** Counts a value wrapped again under another path (§11 (s): one wrapper per path). */
  enter(original, node) {
    if (this.visited.has(original)) {
      if (++this.copies > MAX_SHARED_COPIES) {
        throw new HookError("INVALID_WRAP_TARGET", {
          received: "this tree",
          reason: `objects or functions reachable under several keys give more than ${MAX_SHARED_COPIES} extra paths (each path is wrapped on its own)`,
          validationError: true,
        });
      }
    } else {
      this.visited.add(original);
    }
    this.ancestors.set(original, node);
  }

  fn(fn, path, receiver) {
    const up = this.ancestors.get(fn);
    if (up !== undefined) return up;
    const wrapped = makeWrapped(this.rt, path, fn, receiver, this.root);
    this.enter(fn, wrapped);
    try {
      // Most functions have nothing but their own length/name (and prototype):
      // no members, no statics to carry over.
      if (!bare(fn)) {
        this.members(fn, wrapped, path);
        this.statics(fn, wrapped, path);
      }
    } finally {
      this.ancestors.delete(fn);
    }
    return wrapped;
  }

  object(obj, path) {
    const up = this.ancestors.get(obj);
    if (up !== undefined) return up;
    const node = Array.isArray(obj) ? [] : {};
    this.enter(obj, node);
    try {
      this.members(obj, node, path);
    } finally {
      this.ancestors.delete(obj);
    }
    return node;
  }

  /**
   * A class instance: a view whose prototype is the original (§11 (s)).
   * Methods found on the instance and its chain are own data properties of
   * the view (so a call costs what it costs on a plain object), state is
   * forwarded to the original, and anything else reads through the prototype.
   */
  view(obj, path) {
    const up = this.ancestors.get(obj);
    if (up !== undefined) return up;
    const prefix = path === "" ? "" : `${path}.`;
    const node = Object.create(obj);
    this.enter(obj, node);
    try {
      const done = new Set();
      for (const key of ownKeys(obj)) {
        done.add(key);
        const d = getOwn(obj, key);
        if (d === undefined || this.viewMember(node, obj, key, d, prefix)) continue;
        if (d.value !== null && typeof d.value === "object") {
          // A symbol-keyed object is not addressable by a pattern: it reads through the prototype.
          if (typeof key === "string") method(node, key, this.value(d.value, prefix + key, obj), d.enumerable);
        } else {
          forward(node, obj, key, d.enumerable, true, d.writable);
        }
      }
      for (let p = getProto(obj); p !== null && p !== Object.prototype; p = getProto(p)) {
        for (const key of ownKeys(p)) {
          if (done.has(key)) continue;
          done.add(key);
          // The class link stays the class (api.c.constructor === Counter).
          if (key === "constructor") continue;
          const d = getOwn(p, key);
          // other prototype data reads through the prototype
          if (d !== undefined) this.viewMember(node, obj, key, d, prefix);
        }
      }
    } finally {
      this.ancestors.delete(obj);
    }
    return node;
  }

  /**
   * A view's member `key` of `obj` (own or inherited, descriptor `d`): an
   * accessor forwards to the original, a method becomes a wrapped own
   * method of the view. Returns false for data, which the caller decides.
   */
  viewMember(node, obj, key, d, prefix) {
    if (d.get !== undefined || d.set !== undefined) {
      forward(node, obj, key, d.enumerable, d.get !== undefined, d.set !== undefined);
    } else if (typeof d.value === "function") {
      method(node, key, typeof key === "symbol" ? forwarder(d.value, obj) : this.fn(d.value, prefix + key, obj), d.enumerable);
    } else {
      return false;
    }
    return true;
  }

  /** Copies the own enumerable members of `source` onto `target`, wrapping functions (§11.11). */
  members(source, target, path) {
    const prefix = path === "" ? "" : `${path}.`;
    for (const key of Object.keys(source)) {
      const d = getOwn(source, key);
      if (d === undefined) continue;
      if (d.get !== undefined || d.set !== undefined) {
        // Accessors stay live accessors on the original; never invoked here.
        define(target, key, {
          enumerable: true,
          configurable: true,
          get: d.get === undefined ? undefined : () => Reflect.get(source, key),
          set: d.set === undefined ? undefined : (v) => Reflect.set(source, key, v),
        });
        continue;
      }
      define(target, key, {
        value: this.value(d.value, prefix + key, source),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    for (const sym of Object.getOwnPropertySymbols(source)) {
      const d = getOwn(source, sym);
      if (d !== undefined && d.enumerable) define(target, sym, d);
    }
  }

  /**
   * A class keeps its statics (§11 (s)): its non-enumerable static methods
   * and accessors (the enumerable ones were copied by members()), and the
   * statics it inherits from parent classes, all run with this = the original
   * class. As for any function node (§11.11), data is a snapshot, accessors
   * forward, functions are intercepted. Inherited ones stay non-enumerable,
   * as they are not own keys of the class.
   */
  statics(fn, wrapped, path) {
    const prefix = path === "" ? "" : `${path}.`;
    const done = new Set(Object.keys(fn));
    for (let k = fn; typeof k === "function" && k !== Function.prototype; k = getProto(k)) {
      if (k !== fn && isNativeFunction(k)) break;
      for (const key of Object.getOwnPropertyNames(k)) {
        if (done.has(key) || FUNCTION_OWN.has(key)) continue;
        done.add(key);
        const d = getOwn(k, key);
        if (d === undefined) continue;
        if (d.get !== undefined || d.set !== undefined) {
          forward(wrapped, fn, key, false, d.get !== undefined, d.set !== undefined);
        } else if (typeof d.value === "function" || (k !== fn && d.enumerable)) {
          define(wrapped, key, { value: this.value(d.value, prefix + key, fn), enumerable: false, writable: true, configurable: true });
        }
      }
    }
  }
}

/**
 * @param {object} rt the hooks runtime
 * @param {object} tree
 * @param {object} slothletNode `{ hook, diag: { hook } }` exposed as `api.slothlet`
 */
function wrapTree(rt, tree, slothletNode) {
  if (tree === null || (typeof tree !== "object" && typeof tree !== "function")) {
    throw new HookError("INVALID_WRAP_TARGET", {
      received: describe(tree),
      reason: "wrap() takes an object or a function",
      validationError: true,
    });
  }
  let hasSlothlet;
  try {
    hasSlothlet = Object.prototype.hasOwnProperty.call(tree, "slothlet");
  } catch (err) {
    throw new HookError("INVALID_WRAP_TARGET", {
      received: describe(tree),
      reason: `its properties cannot be read (${quote(err && err.message)})`,
      validationError: true,
    });
  }
  if (hasSlothlet) {
    throw new HookError("INVALID_WRAP_TARGET", {
      received: describe(tree),
      reason: "the key 'slothlet' is reserved for the hook API (api.slothlet.hook)",
      validationError: true,
    });
  }
  const root = { api: undefined };
  const w = new Wrapper(rt, root);
  let api;
  try {
    // A built-in value as the root is copied like a plain object (it needs its own `slothlet` key).
    api = typeof tree === "function" ? w.fn(tree, "", undefined) : kindOf(tree) === VIEW ? w.view(tree, "") : w.object(tree, "");
  } catch (err) {
    if (err instanceof HookError) throw err;
    throw new HookError("INVALID_WRAP_TARGET", {
      received: describe(tree),
      reason: `reading it failed: ${quote(err && err.message)}`,
      validationError: true,
    });
  }
  Object.defineProperty(api, "slothlet", { value: slothletNode, enumerable: false, writable: false, configurable: false });
  root.api = api;
  return api;
}

/** wrapFunction(path, fn): one intercepted function; handlers see it as `api`. */
function wrapFunction(rt, path, fn) {
  if (typeof path !== "string") {
    throw new HookError("INVALID_ARGUMENT", {
      argument: "path",
      reason: `wrapFunction(path, fn) needs a string path, received ${describe(path)}`,
      validationError: true,
    });
  }
  if (typeof fn !== "function") {
    throw new HookError("INVALID_ARGUMENT", {
      argument: "fn",
      reason: `wrapFunction(path, fn) needs a function, received ${describe(fn)}`,
      validationError: true,
    });
  }
  const root = { api: undefined };
  const wrapped = makeWrapped(rt, path, fn, undefined, root);
  root.api = wrapped;
  return wrapped;
}

module.exports = { wrapTree, wrapFunction };
