//! Parsing `"pattern:type"` registration strings (spec §3.1 steps 2–5).
//!
//! The suffix form wins: the text after the **last** colon is tried first, so
//! patterns may contain colons (`"before:a:b:after"` is type `after`, pattern
//! `before:a:b`). Only when the suffix is not a type is the legacy prefix form
//! (`"before:math.*"`) tried; the caller warns about it (`legacy == true`).

use crate::error::{Error, EXPECTED_COLON, EXPECTED_NONEMPTY, EXPECTED_TYPE};
use crate::kinds::HookType;

/// A parsed registration string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypePattern {
    /// The hook type.
    pub hook_type: HookType,
    /// The path pattern (never empty).
    pub pattern: String,
    /// `true` for the deprecated `"type:pattern"` form.
    pub legacy: bool,
    /// Where `pattern` starts in the parsed string, in bytes (it runs to the
    /// colon before the type, or to the end in the legacy form).
    pub start: usize,
}

/// Parses `s` (spec §3.1); a non-string is the caller's `EXPECTED_STRING` case.
pub fn parse_type_pattern(s: &str) -> Result<TypePattern, Error> {
    let invalid = |expected| Error::InvalidTypePattern { expected };
    let (Some(first), Some(last)) = (s.find(':'), s.rfind(':')) else {
        return Err(invalid(EXPECTED_COLON));
    };
    if let Some(hook_type) = HookType::parse(&s[last + 1..]) {
        let pattern = &s[..last];
        if pattern.is_empty() {
            return Err(invalid(EXPECTED_NONEMPTY));
        }
        return Ok(TypePattern {
            hook_type,
            pattern: pattern.to_owned(),
            legacy: false,
            start: 0,
        });
    }
    if let Some(hook_type) = HookType::parse(&s[..first]) {
        let pattern = &s[first + 1..];
        if pattern.is_empty() {
            return Err(invalid(EXPECTED_NONEMPTY));
        }
        return Ok(TypePattern {
            hook_type,
            pattern: pattern.to_owned(),
            legacy: true,
            start: first + 1,
        });
    }
    Err(invalid(EXPECTED_TYPE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> (HookType, String, bool) {
        let p = parse_type_pattern(s).unwrap();
        assert_eq!(&s[p.start..p.start + p.pattern.len()], p.pattern, "{s}");
        (p.hook_type, p.pattern, p.legacy)
    }

    fn err(s: &str) -> &'static str {
        match parse_type_pattern(s) {
            Err(Error::InvalidTypePattern { expected }) => expected,
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn spec_3_1_table() {
        use HookType::*;
        assert_eq!(ok("math.*:before"), (Before, "math.*".into(), false));
        assert_eq!(ok("**:error"), (Error, "**".into(), false));
        assert_eq!(ok("before:math.*"), (Before, "math.*".into(), true));
        assert_eq!(ok("before:after"), (After, "before".into(), false));
        assert_eq!(ok("before:before"), (Before, "before".into(), false));
        assert_eq!(ok("before:a:b:after"), (After, "before:a:b".into(), false));
        assert_eq!(ok("before:a:b"), (Before, "a:b".into(), true));
        assert_eq!(ok("::before"), (Before, ":".into(), false));
        for s in ["x:Before", "a:b:c", ":some.path", "foo:bar"] {
            assert_eq!(err(s), EXPECTED_TYPE, "{s}");
        }
        assert_eq!(err("math.add"), EXPECTED_COLON);
        assert_eq!(err(""), EXPECTED_COLON);
        for s in [":before", "before:", "after:"] {
            assert_eq!(err(s), EXPECTED_NONEMPTY, "{s}");
        }
    }

    #[test]
    fn non_ascii_is_fine() {
        assert_eq!(
            ok("数学.*:after"),
            (HookType::After, "数学.*".into(), false)
        );
        assert_eq!(ok("always:😀"), (HookType::Always, "😀".into(), true));
    }
}
