//! sohoa-extract
