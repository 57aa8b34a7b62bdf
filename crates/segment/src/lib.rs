//! sohoa-segment
