//! Validation errors, with messages in Chinese because the people who read them work in Chinese.

/// What a rule of the domain refused, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A field's value breaks a rule; `field` names it so a form can point at it.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
}

impl DomainError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        DomainError::Invalid {
            field,
            message: message.into(),
        }
    }

    /// The form field this error is about.
    pub fn field(&self) -> &'static str {
        match self {
            DomainError::Invalid { field, .. } => field,
        }
    }
}

pub type Result<T, E = DomainError> = std::result::Result<T, E>;
