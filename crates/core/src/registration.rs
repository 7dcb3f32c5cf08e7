//! `on()`'s registration in one call (spec §3.2): the steps the core decides,
//! in the contract's order, for a request whose options the caller has
//! already read.
//!
//! | step | who |
//! | --- | --- |
//! | 1 parse `"pattern:type"` (§3.1) | here ([`parse_type_pattern`]) |
//! | 2 the pattern override | the caller reads `options.pattern`; here it replaces the parsed pattern |
//! | 3 the handler | the caller (the core never sees a handler) |
//! | 4–7 id, duplicate, subset, compile | here ([`Registry::register`]) |
//! | 8–10 owner, permission gate, pinning | the caller, after this (undoing it with a removal when a step refuses) |
//! | 11 store | here; the caller keeps the handler under the returned handle |
//!
//! A refusal after step 1 still reports what parsed ([`Refused::parsed`]):
//! the caller warns about the deprecated form before it throws (§3.2 step 1).

use crate::error::Error;
use crate::kinds::{Handle, HookId, Subset};
use crate::registry::{Registered, Registration, Registry};
use crate::type_pattern::{parse_type_pattern, TypePattern};

/// Which pattern a registration stores (§3.2 steps 2 and 7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternSource<'a> {
    /// No override: the pattern the type pattern names.
    Parsed,
    /// `options.pattern`, a string.
    Override(&'a str),
    /// The pattern that applies cannot be compiled for a reason only the
    /// caller can see (a non-string override, a lone surrogate): step 7
    /// refuses it with [`Error::InvalidHookPattern`] and this reason.
    Unusable(String),
}

/// What `on()` asks of the core: the type pattern unparsed, and the rest as
/// [`Registration`]'s fields (same meaning; [`Registry::register`] decides them).
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The `"pattern:type"` string.
    pub type_pattern: &'a str,
    /// The pattern to store.
    pub pattern: PatternSource<'a>,
    /// As [`Registration::id`].
    pub id: Option<HookId>,
    /// As [`Registration::subset`].
    pub subset: Option<&'a str>,
    /// As [`Registration::priority`].
    pub priority: f64,
}

/// A stored hook: the registry's whole record of it, as `on()` reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    /// The hook's handle.
    pub handle: Handle,
    /// Its id (given or generated).
    pub id: HookId,
    /// The type pattern as parsed (type, the pattern it names, the form).
    pub parsed: TypePattern,
    /// The stored pattern: the override, or the parsed pattern.
    pub pattern: String,
    /// The subset (the default when none was given).
    pub subset: Subset,
    /// Its place in the global registration order (§11 (a)).
    pub sequence: u64,
}

/// A refused registration.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// The type pattern as parsed, unless parsing was what failed.
    pub parsed: Option<TypePattern>,
    /// Why.
    pub error: Error,
}

impl Registry {
    /// Registers `r`: §3.2 step 1 ([`parse_type_pattern`]), the override of
    /// step 2, then [`Registry::register`]'s steps 4–7 and 11. Nothing is
    /// stored when it is refused (the id counter may have moved, step 4).
    pub fn on(&mut self, r: Request) -> Result<Stored, Refused> {
        let parsed = parse_type_pattern(r.type_pattern).map_err(|error| Refused {
            parsed: None,
            error,
        })?;
        let pattern = match &r.pattern {
            PatternSource::Parsed => Ok(parsed.pattern.as_str()),
            PatternSource::Override(p) => Ok(*p),
            PatternSource::Unusable(reason) => Err(reason.clone()),
        };
        let registered = self.register(Registration {
            hook_type: parsed.hook_type,
            pattern,
            id: r.id,
            subset: r.subset,
            priority: r.priority,
        });
        match registered {
            Ok(Registered { handle, id }) => {
                let (pattern, subset, sequence) = match self.info(handle) {
                    Some(info) => (info.pattern.clone(), info.subset, info.sequence()),
                    // register just stored it; unreachable
                    None => (String::new(), Subset::DEFAULT, 0),
                };
                Ok(Stored {
                    handle,
                    id,
                    parsed,
                    pattern,
                    subset,
                    sequence,
                })
            }
            Err(error) => Err(Refused {
                parsed: Some(parsed),
                error,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::HookType;

    fn request(type_pattern: &str) -> Request<'_> {
        Request {
            type_pattern,
            pattern: PatternSource::Parsed,
            id: None,
            subset: None,
            priority: 0.0,
        }
    }

    #[test]
    fn stores_the_whole_record() {
        let mut r = Registry::new(true, None).unwrap();
        let a = r.on(request("math.*:before")).unwrap();
        assert_eq!(
            (a.handle, a.id.as_str(), a.pattern.as_str(), a.subset),
            (0, "hook-1", "math.*", Subset::Primary)
        );
        assert_eq!(
            (a.parsed.hook_type, a.parsed.legacy),
            (HookType::Before, false)
        );
        let b = r
            .on(Request {
                pattern: PatternSource::Override("x.y"),
                id: Some(HookId::Str("mine".into())),
                subset: Some("after"),
                ..request("after:math.*")
            })
            .unwrap();
        assert_eq!(b.pattern, "x.y");
        assert_eq!(b.parsed.pattern, "math.*");
        assert!(b.parsed.legacy);
        assert_eq!((b.id.as_str(), b.subset), ("mine", Subset::After));
        assert!(b.sequence > a.sequence);
        assert_eq!(r.info(b.handle).unwrap().sequence(), b.sequence);
        assert_eq!(r.plan("x.y").of(HookType::After), [b.handle]);
    }

    /// §3.2: step 1 first; a later refusal still reports the parse, stores nothing.
    #[test]
    fn refusals_report_what_parsed() {
        let mut r = Registry::new(true, None).unwrap();
        let e = r.on(request("math.add")).unwrap_err();
        assert_eq!((e.parsed, e.error.code()), (None, "INVALID_TYPE_PATTERN"));
        let e = r
            .on(Request {
                subset: Some("middle"),
                ..request("before:x{}")
            })
            .unwrap_err();
        assert_eq!(e.error.code(), "INVALID_HOOK_SUBSET");
        let parsed = e.parsed.unwrap();
        assert!(parsed.legacy && parsed.pattern == "x{}");
        let e = r.on(request("x{}:before")).unwrap_err();
        assert_eq!(e.error.code(), "INVALID_HOOK_PATTERN");
        let e = r
            .on(Request {
                pattern: PatternSource::Unusable("a reason".into()),
                ..request("x:before")
            })
            .unwrap_err();
        assert_eq!(
            e.error,
            Error::InvalidHookPattern {
                pattern: String::new(),
                reason: "a reason".into()
            }
        );
        assert!(r.is_empty());
        // the id counter moved for the three refusals after step 1
        assert_eq!(r.on(request("a:before")).unwrap().id.as_str(), "hook-4");
    }
}
