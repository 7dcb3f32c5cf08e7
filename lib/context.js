"use strict";
// Async context for one hooks instance: the request context (`ctx`) and the
// caller identity, two separate AsyncLocalStorage stores carried across
// `await`.
//
// Cost: on Node 20 and 22 the first use of an AsyncLocalStorage turns on
// promise hooks for the whole process, which makes every later `await` slower
// (Node 24's AsyncLocalStorage, built on AsyncContextFrame, does not). So the
// stores are created lazily, on the first `run`, `runAs`, `lockCaller` or
// `bind`: a process that never touches this API pays nothing.

const { AsyncLocalStorage, AsyncResource } = require("node:async_hooks");
const { HookError } = require("./errors.js");

function notAFunction(argument, value) {
  return new HookError("INVALID_ARGUMENT", {
    argument,
    reason: `expected a function, received ${value === null ? "null" : typeof value}`,
    validationError: true,
  });
}

class AsyncContext {
  constructor() {
    /** @type {AsyncLocalStorage | null} */
    this.requestStore = null;
    /** @type {AsyncLocalStorage | null} */
    this.identityStore = null;
    /** Called once, when the first store is created. */
    this.onActivate = null;
  }

  get active() {
    return this.requestStore !== null || this.identityStore !== null;
  }

  activate() {
    if (this.onActivate !== null) {
      const f = this.onActivate;
      this.onActivate = null;
      f();
    }
  }

  request() {
    if (this.requestStore === null) {
      this.requestStore = new AsyncLocalStorage();
      this.activate();
    }
    return this.requestStore;
  }

  identity() {
    if (this.identityStore === null) {
      this.identityStore = new AsyncLocalStorage();
      this.activate();
    }
    return this.identityStore;
  }

  /** The request context of the running call, or undefined. */
  get() {
    return this.requestStore === null ? undefined : this.requestStore.getStore();
  }

  /** The caller identity of the running call, or undefined. */
  caller() {
    return this.identityStore === null ? undefined : this.identityStore.getStore();
  }

  run(store, fn, ...args) {
    if (typeof fn !== "function") throw notAFunction("fn", fn);
    return this.request().run(store, fn, ...args);
  }

  runAs(identity, fn, ...args) {
    if (typeof fn !== "function") throw notAFunction("fn", fn);
    return this.identity().run(identity, fn, ...args);
  }

  /**
   * Pins `identity` onto `fn`: every call of the result runs with that
   * identity, while the request context stays whatever is live at call time.
   */
  pin(identity, fn) {
    const store = this.identity();
    const pinned = function pinned(...args) {
      return store.run(identity, () => Reflect.apply(fn, this, args));
    };
    Object.defineProperty(pinned, "_slothletOriginal", { value: fn, enumerable: false });
    return pinned;
  }

  /** hooks.lockCaller(fn): pins the identity current now; a pass-through without one. */
  lockCaller(fn) {
    if (typeof fn !== "function") throw notAFunction("fn", fn);
    const identity = this.caller();
    if (identity === undefined) return fn;
    return this.pin(identity, fn);
  }

  /** hooks.bind(fn): freezes the whole async context of this moment (AsyncResource.bind). */
  bind(fn) {
    if (typeof fn !== "function") throw notAFunction("fn", fn);
    // Make sure both stores exist, so the snapshot taken now is the one the
    // bound function sees later (even if a store is first used after this).
    this.request();
    this.identity();
    return AsyncResource.bind(fn);
  }
}

module.exports = { AsyncContext, AsyncResource };
