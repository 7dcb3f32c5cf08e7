// Module customization hooks (node:module register) for the one-line switch:
// any resolution that lands on slothlet's handlers/hook-manager.mjs — by
// relative path, by URL from slothlet's directory scan, or through its
// `#handlers/hook-manager` import map — resolves to slothook's seam instead.
// Exports no class with a static slothletProperty (spec §10.1).

/** slothlet's hook engine module, in the development and the published layout. */
export const SLOTHLET_HOOK_MANAGER = /\/@cldmv\/slothlet\/(?:src|dist)\/lib\/handlers\/hook-manager\.mjs$/;

let target = null;

export async function initialize(data) {
  target = data?.target ?? null;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (target !== null && resolved.url.startsWith("file:")) {
    const { pathname } = new URL(resolved.url);
    if (SLOTHLET_HOOK_MANAGER.test(pathname)) return { ...resolved, url: target, shortCircuit: true };
  }
  return resolved;
}
