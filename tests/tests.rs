//! End-to-end tests over the real fixtures. One integration-test binary (see tests/*/mod.rs).

mod bad;
mod cli;
mod dev;
mod seeds;
mod util;
