//! Quantified targets.

use sohoa_model::Target;
use sohoa_text::Block;

/// Extracts the quantified goals of the body blocks, each with its section label path.
pub fn extract_targets(blocks: &[(&Block, Option<String>)]) -> Vec<Target> {
    let _ = blocks;
    Vec::new()
}
