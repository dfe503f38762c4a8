//! Moving values between Rust and JavaScript through JSON text, which gives plain JS
//! objects with serde_json, already in the core.

use crate::Failure;
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = assign)]
    fn object_assign(target: &JsValue, source: &JsValue) -> JsValue;

    /// The athlete argument: a plain object, typed as the `Athlete` interface.
    #[wasm_bindgen(typescript_type = "Athlete")]
    pub type AthleteArg;
}

/// A JSON value as a JS value (a failure is thrown as an error).
pub(crate) fn value(result: Result<Value, Failure>) -> Result<JsValue, JsValue> {
    let v = result.map_err(error)?;
    json_parse(&v.to_string())
}

/// A failure as a thrown JS `Error` with `line`, `column` and `column_utf16` fields.
pub(crate) fn error(f: Failure) -> JsValue {
    let err: JsValue = JsError::new(&f.message).into();
    let mut fields = f.to_value();
    if let Value::Object(map) = &mut fields {
        map.insert("name".into(), "WorkoutError".into());
    }
    match json_parse(&fields.to_string()) {
        Ok(fields) => object_assign(&err, &fields),
        Err(_) => err,
    }
}

/// The athlete argument as JSON (`null` when absent).
pub(crate) fn athlete(a: Option<AthleteArg>) -> Result<Value, JsValue> {
    let Some(a) = a
        .map(JsValue::from)
        .filter(|a| !a.is_undefined() && !a.is_null())
    else {
        return Ok(Value::Null);
    };
    let text = json_stringify(&a)
        .ok()
        .flatten()
        .ok_or_else(|| error(Failure::usage("athlete: expected a plain object")))?;
    serde_json::from_str(&text)
        .map_err(|_| error(Failure::usage("athlete: expected a plain object")))
}
