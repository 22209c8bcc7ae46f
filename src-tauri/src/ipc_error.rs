//! How a failure crosses IPC: `{kind, message}`, with `kind` from the core's
//! closed set so the UI branches on it instead of parsing messages.

use claimtrail_core::ErrorKind;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
}

impl From<claimtrail_core::Error> for IpcError {
    fn from(e: claimtrail_core::Error) -> Self {
        IpcError { kind: e.kind(), message: e.to_string() }
    }
}

impl IpcError {
    pub fn invalid(message: impl Into<String>) -> Self {
        IpcError { kind: ErrorKind::InvalidInput, message: message.into() }
    }

    pub fn storage(message: impl Into<String>) -> Self {
        IpcError { kind: ErrorKind::Storage, message: message.into() }
    }
}
