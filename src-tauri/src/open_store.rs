//! The database the window works on, opened beside the window rather than
//! before it.
//!
//! Opening builds the provenance graph, which takes time in proportion to the
//! database (about a second at a million appearances). The window does not
//! wait for it: it appears at once, and a command that arrives while the
//! store is still opening waits for it. A store that could not be opened
//! answers every command with the reason, which the window shows.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

use claimtrail_core::Store;

use crate::IpcError;

enum Slot {
    Opening,
    Open(Box<Store>),
    Failed(IpcError),
}

/// The open database, shared by every command.
pub struct OpenStore {
    slot: Mutex<Slot>,
    settled: Condvar,
    pub path: PathBuf,
}

/// The store, locked for one command.
pub struct StoreGuard<'a>(MutexGuard<'a, Slot>);

impl OpenStore {
    /// A store that is already open (the IPC tests).
    pub fn open_now(store: Store, path: PathBuf) -> OpenStore {
        OpenStore { slot: Mutex::new(Slot::Open(Box::new(store))), settled: Condvar::new(), path }
    }

    /// A store still to be opened: call [`OpenStore::settle`] once with the outcome.
    pub fn opening(path: PathBuf) -> OpenStore {
        OpenStore { slot: Mutex::new(Slot::Opening), settled: Condvar::new(), path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records how opening went and wakes the commands waiting for it.
    pub fn settle(&self, outcome: claimtrail_core::Result<Store>) {
        let mut slot = self.slot_guard();
        *slot = match outcome {
            Ok(store) => Slot::Open(Box::new(store)),
            Err(e) => Slot::Failed(IpcError::from(e)),
        };
        self.settled.notify_all();
    }

    /// The store for one command, once it is open; the reason it could not be opened otherwise.
    pub fn lock(&self) -> Result<StoreGuard<'_>, IpcError> {
        let mut slot = self.slot_guard();
        while matches!(*slot, Slot::Opening) {
            slot = self.settled.wait(slot).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        match &*slot {
            Slot::Failed(e) => Err(e.clone()),
            _ => Ok(StoreGuard(slot)),
        }
    }

    fn slot_guard(&self) -> MutexGuard<'_, Slot> {
        // A command that panicked mid-way left no half-written row (every
        // action is one transaction), so a poisoned lock is safe to reuse.
        self.slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Deref for StoreGuard<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        match &*self.0 {
            Slot::Open(store) => store,
            // `lock` hands out a guard only over an open store.
            Slot::Opening | Slot::Failed(_) => unreachable!("a store guard over a store that is not open"),
        }
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        match &mut *self.0 {
            Slot::Open(store) => store,
            Slot::Opening | Slot::Failed(_) => unreachable!("a store guard over a store that is not open"),
        }
    }
}
