//! The enums the database keeps by a short code (visit kinds, task steps, grid kinds, roles, …)
//! behind one trait, and the one policy for a code this version does not know.
//!
//! A newer laptop may write a code an older one has never heard of (a new visit kind, say). Such
//! a value is kept as it is and shown as unknown: read as [`Code::Unknown`] with its text, written
//! back unchanged, never turned into another code. Where a row must be shown with a known value
//! the store says "unknown" rather than guess.

use std::fmt;

/// An enum kept by a short code.
pub trait Coded: Copy + Sized + 'static {
    /// The code kept in the database and on the wire.
    fn code(self) -> &'static str;
    /// The value of a code; `None` for a code this version does not know.
    fn from_code(code: &str) -> Option<Self>;
}

/// A code read from a row: a value this version knows, or the text a newer version wrote.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Code<T> {
    Known(T),
    Unknown(String),
}

impl<T: Coded> Code<T> {
    /// The value of `code`, or the code kept as it is.
    pub fn read(code: &str) -> Code<T> {
        match T::from_code(code) {
            Some(v) => Code::Known(v),
            None => Code::Unknown(code.to_owned()),
        }
    }

    /// The value, when this version knows it.
    pub fn known(&self) -> Option<T> {
        match self {
            Code::Known(v) => Some(*v),
            Code::Unknown(_) => None,
        }
    }

    /// The code as it is kept: a known value's code, or the unknown text unchanged.
    pub fn as_code(&self) -> &str {
        match self {
            Code::Known(v) => v.code(),
            Code::Unknown(s) => s,
        }
    }
}

impl<T: Coded> fmt::Display for Code<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_code())
    }
}

/// "未知（…）": how a code this version does not know is shown.
pub fn unknown_label_zh(code: &str) -> String {
    format!("未知（新版本的“{code}”）")
}

/// `read` (an unknown code is `Unknown`) and `known` (refuses `Unknown` where a value is written)
/// for an enum with an `Unknown` variant.
macro_rules! unknown_kept {
    ($($t:ident),* $(,)?) => {$(
        impl $t {
            /// The value of a stored code: an unknown one is `Unknown`, never another value.
            pub fn read(code: &str) -> Self {
                Self::from_code(code).unwrap_or($t::Unknown)
            }

            /// Refuses `Unknown` where a value is written: its code would replace the one a
            /// newer Linli wrote.
            pub fn known(self, field: &'static str) -> $crate::Result<Self> {
                if self == $t::Unknown {
                    Err($crate::DomainError::coded(field, $crate::msg::UNKNOWN_CHOICE, vec![]))
                } else {
                    Ok(self)
                }
            }
        }
    )*};
}
pub(crate) use unknown_kept;

/// [`Coded`] for enums with `code` and `from_code` methods (invoked beside each enum, so this
/// file depends on none of them).
macro_rules! coded_by_methods {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::code::Coded for $t {
            fn code(self) -> &'static str {
                <$t>::code(self)
            }
            fn from_code(code: &str) -> Option<Self> {
                <$t>::from_code(code)
            }
        }
    )*};
}
pub(crate) use coded_by_methods;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::VisitKind;

    #[test]
    fn a_code_from_a_newer_laptop_is_kept_as_it_is() {
        assert_eq!(
            Code::<VisitKind>::read("care"),
            Code::Known(VisitKind::Care)
        );
        let new: Code<VisitKind> = Code::read("phone_call");
        assert_eq!(new, Code::Unknown("phone_call".into()));
        assert_eq!(new.known(), None);
        assert_eq!(
            new.as_code(),
            "phone_call",
            "never turned into another code"
        );
        assert!(unknown_label_zh("phone_call").contains("phone_call"));
    }
}
