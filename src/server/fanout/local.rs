//! One node: commands go straight to its own sockets.

use super::{Command, FanOut};
use crate::server::ws::Registry;
use std::sync::Arc;

pub struct LocalFanOut {
    registry: Arc<Registry>,
}

impl LocalFanOut {
    pub fn new(registry: Arc<Registry>) -> Self {
        Self { registry }
    }
}

impl FanOut for LocalFanOut {
    fn publish(&self, command: Command) {
        command.apply(&self.registry);
    }
}
