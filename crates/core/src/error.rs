//! The core's typed errors, one variant per coded error.
//!
//! The core words the *reasons* for its own refusals, because it is the one
//! that knows them: the `expected` texts of §3.1 (interface texts of the
//! contract, byte for byte, below), why a pattern does not compile
//! ([`EMPTY_GROUP_REASON`](crate::EMPTY_GROUP_REASON)) and which size limit
//! was hit (e.g. `"10000 alternatives"`). It builds no whole message: the
//! binding hands [`Error::code`] and the variant's fields to the JS layer as
//! one typed object, and the JS layer puts them into the contract's message
//! templates, contexts and hints (`lib/errors.js`, or slothlet's own classes
//! in the seam). [`Display`](fmt::Display) is for Rust callers and
//! diagnostics; no user sees it.

use std::fmt;

use crate::kinds::HookId;

/// `INVALID_TYPE_PATTERN` reason for a non-string type pattern (checked by the caller).
pub const EXPECTED_STRING: &str =
    "expected a string in the form 'pattern:type' (e.g. 'math.*:before')";
/// `INVALID_TYPE_PATTERN` reason for a type pattern without a colon.
pub const EXPECTED_COLON: &str = "missing ':' — use 'pattern:type' (e.g. 'math.*:before')";
/// `INVALID_TYPE_PATTERN` reason for an empty path pattern.
pub const EXPECTED_NONEMPTY: &str =
    "empty path pattern — use 'pattern:type' (e.g. 'math.*:before')";
/// `INVALID_TYPE_PATTERN` reason when neither end names a hook type.
pub const EXPECTED_TYPE: &str =
    "no hook type found — end with one of: before, after, always, error (e.g. 'math.*:before')";

/// Everything the core can refuse.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// A `"pattern:type"` string that does not parse (spec §3.1).
    InvalidTypePattern {
        /// One of the `EXPECTED_*` texts.
        expected: &'static str,
    },
    /// A pattern that cannot be compiled (spec §11 (b), (l)).
    InvalidHookPattern {
        /// The pattern as given (empty when the caller rejected a non-string).
        pattern: String,
        /// Why, e.g. "empty brace group '{}' has no alternatives".
        reason: String,
    },
    /// Brace expansion entered level 10 (spec §4.3).
    BraceExpansionMaxDepth {
        /// Always 10.
        max_depth: u32,
    },
    /// A pattern beyond the compiler's size limits (spec §11 (m)).
    PatternTooComplex {
        /// The pattern as given.
        pattern: String,
        /// The limit that was hit, as text.
        limit: String,
    },
    /// An explicit id that is already registered (spec §3.2 step 5).
    DuplicateHookId {
        /// The id.
        id: HookId,
    },
    /// A subset other than before/primary/after (spec §3.2 step 6).
    InvalidHookSubset {
        /// The subset as given.
        subset: String,
    },
    /// A management filter naming no hook type (spec §7.1, §11.11).
    InvalidHookFilter {
        /// The type as given.
        hook_type: String,
    },
}

impl Error {
    /// The error's code, as in the spec.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidTypePattern { .. } => "INVALID_TYPE_PATTERN",
            Error::InvalidHookPattern { .. } => "INVALID_HOOK_PATTERN",
            Error::BraceExpansionMaxDepth { .. } => "HOOK_BRACE_EXPANSION_MAX_DEPTH",
            Error::PatternTooComplex { .. } => "HOOK_PATTERN_TOO_COMPLEX",
            Error::DuplicateHookId { .. } => "DUPLICATE_HOOK_ID",
            Error::InvalidHookSubset { .. } => "INVALID_HOOK_SUBSET",
            Error::InvalidHookFilter { .. } => "INVALID_HOOK_FILTER",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidTypePattern { expected } => write!(f, "invalid type pattern: {expected}"),
            Error::InvalidHookPattern { pattern, reason } => {
                write!(f, "invalid hook pattern {pattern:?}: {reason}")
            }
            Error::BraceExpansionMaxDepth { max_depth } => {
                write!(
                    f,
                    "brace expansion exceeds the maximum nesting depth of {max_depth}"
                )
            }
            Error::PatternTooComplex { limit, .. } => {
                write!(f, "pattern too complex: exceeds {limit}")
            }
            Error::DuplicateHookId { id } => write!(f, "duplicate hook id {id}"),
            Error::InvalidHookSubset { subset } => write!(f, "invalid hook subset {subset:?}"),
            Error::InvalidHookFilter { hook_type } => {
                write!(f, "invalid hook filter: unknown type {hook_type:?}")
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_texts() {
        let cases = [
            (
                Error::InvalidTypePattern {
                    expected: EXPECTED_COLON,
                },
                "INVALID_TYPE_PATTERN",
                "missing ':'",
            ),
            (
                Error::InvalidHookPattern {
                    pattern: "x{}".into(),
                    reason: "empty brace group '{}' has no alternatives".into(),
                },
                "INVALID_HOOK_PATTERN",
                "\"x{}\": empty brace group",
            ),
            (
                Error::BraceExpansionMaxDepth { max_depth: 10 },
                "HOOK_BRACE_EXPANSION_MAX_DEPTH",
                "depth of 10",
            ),
            (
                Error::PatternTooComplex {
                    pattern: "p".into(),
                    limit: "10000 alternatives".into(),
                },
                "HOOK_PATTERN_TOO_COMPLEX",
                "exceeds 10000 alternatives",
            ),
            (
                Error::DuplicateHookId {
                    id: HookId::Str("dup".into()),
                },
                "DUPLICATE_HOOK_ID",
                "dup",
            ),
            (
                Error::InvalidHookSubset {
                    subset: "middle".into(),
                },
                "INVALID_HOOK_SUBSET",
                "\"middle\"",
            ),
            (
                Error::InvalidHookFilter {
                    hook_type: "Before".into(),
                },
                "INVALID_HOOK_FILTER",
                "\"Before\"",
            ),
        ];
        for (e, code, text) in cases {
            assert_eq!(e.code(), code);
            assert!(e.to_string().contains(text), "{e}");
            let _: &dyn std::error::Error = &e;
        }
    }

    /// The texts are interface facts (spec §3.1, §3.3).
    #[test]
    fn expected_texts_are_exact() {
        assert_eq!(
            EXPECTED_STRING,
            "expected a string in the form 'pattern:type' (e.g. 'math.*:before')"
        );
        assert_eq!(
            EXPECTED_COLON,
            "missing ':' \u{2014} use 'pattern:type' (e.g. 'math.*:before')"
        );
        assert_eq!(
            EXPECTED_NONEMPTY,
            "empty path pattern \u{2014} use 'pattern:type' (e.g. 'math.*:before')"
        );
        assert_eq!(
            EXPECTED_TYPE,
            "no hook type found \u{2014} end with one of: before, after, always, error (e.g. 'math.*:before')"
        );
    }
}
