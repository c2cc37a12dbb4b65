//! stub
use crate::check::Checker;
use crate::json::Value;
use crate::vendor::{ValidateOptions, Validated, Vendor};
/// stub
pub struct MagicLane;
/// stub
pub static MAGICLANE: MagicLane = MagicLane;
impl Vendor for MagicLane {
    fn id(&self) -> &'static str {
        "magiclane"
    }
    fn endpoints(&self) -> &'static [&'static str] {
        &[]
    }
    fn validate(&self, _: &Value, _: &ValidateOptions, _: &mut Checker) -> Option<Validated> {
        None
    }
}
