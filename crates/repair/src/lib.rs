//! sohoa-repair
