// Run by __test__/tracing.test.mjs with --allow-natives-syntax, in a process
// of its own (the channels' maps must be as a fresh process has them).
// Prints one JSON line of facts about the maps of slothook's channels.
"use strict";
const dc = require("node:diagnostics_channel");
const { createHooks } = require("../../index.js");

const CHANNELS = ["start", "end", "asyncStart", "asyncEnd", "error"];
// V8's OptimizationStatus: bit 4 is "optimized"
const optimized = (f) => (%GetOptimizationStatus(f) & 16) !== 0;
const handlers = () => ({ start() {}, end() {}, asyncStart() {}, asyncEnd() {}, error() {} });

const svc = createHooks({ tracing: "probe:own" }).wrap({ svc: { op: (a, b) => a + b } }).svc;
const tc = dc.tracingChannel("probe:own");
const fresh = dc.channel("probe:fresh");
const facts = {
  fiveShareOneMap: CHANNELS.every((k) => %HaveSameMap(tc.start, tc[k])),
  mapOfTheirOwn: !%HaveSameMap(tc.start, fresh),
  ownKeys: Reflect.ownKeys(tc.start).map(String),
  freshOwnKeys: Reflect.ownKeys(fresh).map(String),
};

function caller(i) {
  return svc.op(i, 2);
}
%PrepareFunctionForOptimization(caller);
for (let i = 0; i < 100; i++) caller(i);
%OptimizeFunctionOnNextCall(caller);
caller(1);
facts.optimized = optimized(caller);
// another library's channels gain subscribers: not a change of slothook's map
dc.tracingChannel("probe:other-library").subscribe(handlers());
dc.channel("probe:other-library-plain").subscribe(() => {});
facts.optimizedAfterOtherLibrary = optimized(caller);
// another slothook instance's channel gains one: slothook's channels share a map
createHooks({ tracing: "probe:other-instance" });
dc.tracingChannel("probe:other-instance").subscribe(handlers());
facts.optimizedAfterOtherInstance = optimized(caller);
facts.result = caller(40);
console.log(JSON.stringify(facts));
