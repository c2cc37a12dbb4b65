//! stub
use crate::check::Checker;
use crate::json::Value;
use crate::vendor::{ValidateOptions, Validated, Vendor};
/// stub
pub struct Yandex;
/// stub
pub static YANDEX: Yandex = Yandex;
impl Vendor for Yandex {
    fn id(&self) -> &'static str {
        "yandex"
    }
    fn endpoints(&self) -> &'static [&'static str] {
        &[]
    }
    fn validate(&self, _: &Value, _: &ValidateOptions, _: &mut Checker) -> Option<Validated> {
        None
    }
}
