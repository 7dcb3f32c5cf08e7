//! slothook-core: the engine behind slothook.
//!
//! It owns the knowledge of the hook system — the pattern language, the
//! registry (ids, enabled flags, filters, the global path filter), ordering
//! and per-path plans — and never sees a JavaScript value: handlers live on the
//! JS side, addressed by integer [`Handle`]s. The contract is
//! `shared/spec/hook-semantics.md` with slothook's standalone rules (§11).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod index;
pub mod kinds;
pub mod pattern;
pub mod plan;
pub mod registry;
pub mod type_pattern;

pub use error::{Error, EXPECTED_COLON, EXPECTED_NONEMPTY, EXPECTED_STRING, EXPECTED_TYPE};
pub use kinds::{HookType, Subset};
pub use pattern::{
    Pattern, MAX_ALTERNATIVES, MAX_BRACE_DEPTH, MAX_EXPANDED_BYTES, MAX_PATTERN_BYTES,
};
pub use plan::{ExplainedHook, Explanation, Plan};
pub use registry::{
    EnabledFilter, Filter, FilterState, Handle, HookId, HookInfo, Registered, Registration,
    Registry,
};
pub use type_pattern::{parse_type_pattern, TypePattern};
