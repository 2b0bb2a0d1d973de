//! Validation errors. Each carries a code and its arguments from the message catalogue
//! ([`crate::msg`]) and the Chinese sentence rendered from them, because the people who read the
//! CLI's messages work in Chinese; the window renders the code in the chosen language.

use crate::msg::{Args, Msg};

/// What a rule of the domain refused, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A field's value breaks a rule; `field` names it so a form can point at it. `code` and
    /// `args` say the same as `message` as data (`None` for a message not yet in the catalogue).
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
        code: Option<&'static str>,
        args: Args,
    },
}

impl DomainError {
    /// An error with a plain Chinese sentence and no code: for a message the catalogue does not
    /// hold yet (the window then shows the sentence as it is). Prefer [`DomainError::coded`].
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        DomainError::Invalid {
            field,
            message: message.into(),
            code: None,
            args: Vec::new(),
        }
    }

    /// An error from the catalogue: `msg` with its arguments.
    pub fn coded(field: &'static str, msg: Msg, args: Args) -> Self {
        DomainError::Invalid {
            field,
            message: msg.zh(&args),
            code: Some(msg.code),
            args,
        }
    }

    /// The form field this error is about.
    pub fn field(&self) -> &'static str {
        match self {
            DomainError::Invalid { field, .. } => field,
        }
    }

    /// The catalogue code, when the message has one.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            DomainError::Invalid { code, .. } => *code,
        }
    }

    /// The code's arguments.
    pub fn args(&self) -> &[(&'static str, String)] {
        match self {
            DomainError::Invalid { args, .. } => args,
        }
    }
}

/// Arguments for [`DomainError::coded`]: `args![max = 50, name = n]`.
#[macro_export]
macro_rules! args {
    ($($k:ident = $v:expr),* $(,)?) => {
        vec![$((stringify!($k), ($v).to_string())),*]
    };
}

pub type Result<T, E = DomainError> = std::result::Result<T, E>;
