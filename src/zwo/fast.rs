//! placeholder
pub(super) fn read(_src: &str) -> Option<crate::model::Parsed> {
    None
}
