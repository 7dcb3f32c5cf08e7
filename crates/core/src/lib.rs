//! slothook-core: the engine behind slothook.
//!
//! It owns the knowledge of the hook system — the pattern language, the
//! registry (ids, enabled flags, filters, the global path filter), ordering
//! and per-path plans — and never sees a JavaScript value: handlers live on the
//! JS side, addressed by integer [`Handle`]s. The contract is
//! `docs/` (numbered like the shared spec) with slothook's standalone rules (§11).
//!
//! | module | idea | uses |
//! | --- | --- | --- |
//! | [`kinds`] | [`HookType`], [`Subset`], [`Handle`], [`HookId`]: the shared kinds | — |
//! | [`error`] | [`Error`], one variant per coded error | kinds |
//! | [`type_pattern`] | `"pattern:type"` parsing (§3.1) | kinds, error |
//! | [`pattern`] | the pattern compiler (§4, §11 (b)(c)(d)(l)(m)) and its limits | error |
//! | [`index`] | the first-segment index behind plans | — |
//! | [`registry`] | hooks, ids, flags, management filters, the global path filter; which hooks match a path | kinds, error, pattern, index |
//! | [`registration`] | `on()`'s steps of §3.2 in one call | kinds, error, type_pattern, registry |
//! | [`plan`] | per-path plans and `explain`: the matching hooks, ranked | kinds, registry |
//!
//! The "uses" column is the whole import graph: it has no circle.
//!
//! ```
//! use slothook_core::{HookType, PatternSource, Registry, Request};
//!
//! let mut registry = Registry::new(true, None)?;
//! let hook = registry
//!     .on(Request {
//!         type_pattern: "math.*:before",
//!         pattern: PatternSource::Parsed,
//!         id: None,
//!         subset: None,
//!         priority: 0.0,
//!     })
//!     .map_err(|refused| refused.error)?;
//! assert_eq!(hook.id.to_string(), "hook-1");
//! assert_eq!(hook.pattern, "math.*");
//!
//! let generation = registry.generation();
//! let plan = registry.plan("math.add");
//! assert_eq!(plan.of(HookType::Before), [hook.handle]);
//! assert!(registry.plan("string.upper").is_empty());
//!
//! registry.set_global_enabled(false);
//! assert_ne!(registry.generation(), generation); // cached plans are stale
//! assert!(registry.plan("math.add").is_empty());
//! # Ok::<(), slothook_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::todo)
)]

pub mod error;
pub mod index;
pub mod kinds;
pub mod pattern;
pub mod plan;
pub mod registration;
pub mod registry;
pub mod type_pattern;

pub use error::{Error, EXPECTED_COLON, EXPECTED_NONEMPTY, EXPECTED_STRING, EXPECTED_TYPE};
pub use kinds::{Handle, HookId, HookType, Subset};
pub use pattern::{
    first_segment, Pattern, EMPTY_GROUP_REASON, MAX_ALTERNATIVES, MAX_BRACE_DEPTH,
    MAX_BRACE_GROUPS, MAX_COMPILED_BYTES, MAX_EXPANDED_BYTES, MAX_PATTERN_BYTES,
    MAX_REGEX_SOURCE_BYTES,
};
pub use plan::{ExplainedHook, Explanation, Plan};
pub use registration::{PatternSource, Refused, Request, Stored};
pub use registry::{
    EnabledFilter, Filter, FilterState, HookInfo, Registered, Registration, Registry,
    NO_PATH_FILTER,
};
pub use type_pattern::{parse_type_pattern, TypePattern};
