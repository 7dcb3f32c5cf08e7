"use strict";
// wrap(tree): a snapshot of `tree` in which every reachable function is
// intercepted under its dotted path (spec §11.11). The original is never
// mutated; every property is defined (never assigned), so keys such as
// "__proto__" stay ordinary data.

const { makeWrapped } = require("./callpath.js");
const { HookError, safeString, describe } = require("./errors.js");

const FN_TO_STRING = Function.prototype.toString;


function isNativeFunction(fn) {
  try {
    return FN_TO_STRING.call(fn).endsWith("{ [native code] }");
  } catch {
    return true;
  }
}

/**
 * Objects wrap() descends into: plain objects, arrays, and instances of user
 * classes. Built-in instances (Date, Map, typed arrays, Promise, Error, ...)
 * are values and pass through unchanged.
 */
function isTraversable(value) {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return true;
  if (ArrayBuffer.isView(value) || value instanceof Error || value instanceof Promise) return false;
  const ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") ? proto.constructor : undefined;
  return typeof ctor === "function" && !isNativeFunction(ctor);
}

/** Methods of a class instance live on its prototype chain (below Object.prototype). */
function prototypeMethodNames(obj) {
  const names = [];
  const seen = new Set(Object.keys(obj));
  for (let p = Object.getPrototypeOf(obj); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const ctor = Object.prototype.hasOwnProperty.call(p, "constructor") ? p.constructor : undefined;
    if (typeof ctor === "function" && isNativeFunction(ctor)) break;
    for (const key of Object.getOwnPropertyNames(p)) {
      if (key === "constructor" || seen.has(key)) continue;
      const d = Object.getOwnPropertyDescriptor(p, key);
      if (d && typeof d.value === "function") {
        seen.add(key);
        names.push(key);
      }
    }
  }
  return names;
}

class Wrapper {
  constructor(rt, root) {
    this.rt = rt;
    this.root = root;
    this.seen = new Map();
  }

  /** The wrapped form of `value`, found at `path` under `parent`. */
  value(value, path, parent) {
    if (typeof value === "function") return this.fn(value, path, parent);
    if (value !== null && typeof value === "object" && isTraversable(value)) return this.object(value, path);
    return value;
  }

  fn(fn, path, parent) {
    const done = this.seen.get(fn);
    if (done !== undefined) return done;
    const wrapped = makeWrapped(this.rt, path, fn, parent, this.root);
    this.seen.set(fn, wrapped);
    this.members(fn, wrapped, path, []);
    return wrapped;
  }

  object(obj, path) {
    const done = this.seen.get(obj);
    if (done !== undefined) return done;
    const node = Array.isArray(obj) ? [] : {};
    this.seen.set(obj, node);
    const extra = Array.isArray(obj) || Object.getPrototypeOf(obj) === Object.prototype ? [] : prototypeMethodNames(obj);
    this.members(obj, node, path, extra);
    return node;
  }

  /** Copies the members of `source` onto `target`, wrapping functions. */
  members(source, target, path, extraMethods) {
    const prefix = path === "" ? "" : `${path}.`;
    for (const key of Object.keys(source)) {
      const d = Object.getOwnPropertyDescriptor(source, key);
      if (d === undefined) continue;
      if (d.get !== undefined || d.set !== undefined) {
        // Accessors stay live accessors on the original; never invoked here.
        Object.defineProperty(target, key, {
          enumerable: true,
          configurable: true,
          get: d.get === undefined ? undefined : () => Reflect.get(source, key),
          set: d.set === undefined ? undefined : (v) => Reflect.set(source, key, v),
        });
        continue;
      }
      Object.defineProperty(target, key, {
        value: this.value(d.value, prefix + key, source),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    for (const key of extraMethods) {
      Object.defineProperty(target, key, {
        value: this.fn(source[key], prefix + key, source),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    for (const sym of Object.getOwnPropertySymbols(source)) {
      const d = Object.getOwnPropertyDescriptor(source, sym);
      if (d !== undefined && d.enumerable) Object.defineProperty(target, sym, d);
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
      reason: `its properties cannot be read (${safeString(err && err.message)})`,
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
    api = typeof tree === "function" ? w.fn(tree, "", undefined) : w.object(tree, "");
  } catch (err) {
    if (err instanceof HookError) throw err;
    throw new HookError("INVALID_WRAP_TARGET", {
      received: describe(tree),
      reason: `reading it failed: ${safeString(err && err.message)}`,
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
