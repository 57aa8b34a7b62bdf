//! sohoa-pipeline
