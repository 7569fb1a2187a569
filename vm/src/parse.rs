//! Placeholder until the front end lands.
use crate::proto::ProtoDef;
pub struct SyntaxError {
    pub message: String,
    pub incomplete: bool,
}
pub fn compile(_source: &[u8], _chunkname: &[u8]) -> Result<ProtoDef, SyntaxError> {
    Err(SyntaxError { message: "compiler not yet available".into(), incomplete: false })
}
