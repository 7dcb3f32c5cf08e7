"use strict";
// The napi-rs platform name of this process ("linux-x64-gnu", "darwin-arm64",
// "win32-x64-msvc", ...): the suffix of the binary file and of the platform
// package. Shared by the loader and the build script.

function isMusl() {
  if (process.platform !== "linux") return false;
  try {
    const report = typeof process.report?.getReport === "function" ? process.report.getReport() : null;
    if (report && report.header) return !report.header.glibcVersionRuntime;
  } catch {
    // fall through
  }
  try {
    return require("node:fs").readFileSync("/usr/bin/ldd", "utf8").includes("musl");
  } catch {
    return false;
  }
}

function platformName() {
  const { platform, arch } = process;
  if (platform === "linux") return `linux-${arch}-${isMusl() ? "musl" : "gnu"}`;
  if (platform === "win32") return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

module.exports = { platformName, isMusl };
