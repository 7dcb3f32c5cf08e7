// `import "slothook/slothlet/register"` (or `node --import slothook/slothlet/register`)
// only installs a module hook; it exports nothing.
export {};
