//! Moving values between Rust and JavaScript through JSON text: the library writes it with
//! serde_json, already in the core, and `JSON.parse` makes plain JS objects of it.

use crate::Failure;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Without `catch`: it only reads serde_json's output, which is JSON, and the glue's
    // try/catch around each call cost 0.6 µs of a 21.6 µs summary call (node 20, once).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = assign)]
    fn object_assign(target: &JsValue, source: &JsValue) -> JsValue;

    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> bool;

    /// The athlete argument: a plain object, typed as the `Athlete` interface.
    #[wasm_bindgen(typescript_type = "Athlete")]
    pub type AthleteArg;

    /// convert()'s options, typed as the `ConvertOptions` interface.
    #[wasm_bindgen(typescript_type = "ConvertOptions")]
    pub type ConvertOptions;
}

/// Whether convert()'s options ask for the warnings (`warnings` truthy).
pub(crate) fn wants_warnings(options: Option<ConvertOptions>) -> bool {
    options
        .map(JsValue::from)
        .filter(JsValue::is_object)
        .and_then(|o| reflect_get(&o, &JsValue::from_str("warnings")).ok())
        .is_some_and(|w| w.is_truthy())
}

/// The object of `json` (`{"file": null, "warnings": [...]}`) with its `file` set.
pub(crate) fn with_file(json: Result<String, Failure>, file: &JsValue) -> Result<JsValue, JsValue> {
    let object = json_parse(&json.map_err(error)?);
    reflect_set(&object, &JsValue::from_str("file"), file);
    Ok(object)
}

/// JSON text as a JS value (a failure is thrown as an error).
pub(crate) fn object(result: Result<String, Failure>) -> Result<JsValue, JsValue> {
    Ok(json_parse(&result.map_err(error)?))
}

/// The fields a thrown error gets, in name order.
#[derive(Serialize)]
struct ErrorFields<'a> {
    column: u32,
    column_utf16: u32,
    line: u32,
    message: &'a str,
    name: &'a str,
}

/// A failure as a thrown JS `Error` with `line`, `column` and `column_utf16` fields.
pub(crate) fn error(f: Failure) -> JsValue {
    let err: JsValue = JsError::new(&f.message).into();
    let fields = ErrorFields {
        column: f.column,
        column_utf16: f.column_utf16,
        line: f.line,
        message: &f.message,
        name: "WorkoutError",
    };
    match serde_json::to_string(&fields) {
        Ok(text) => object_assign(&err, &json_parse(&text)),
        Err(_) => err,
    }
}

/// The athlete argument as JSON text (`null` when absent).
pub(crate) fn athlete(a: Option<AthleteArg>) -> Result<String, JsValue> {
    let Some(a) = a
        .map(JsValue::from)
        .filter(|a| !a.is_undefined() && !a.is_null())
    else {
        return Ok("null".into());
    };
    json_stringify(&a)
        .ok()
        .flatten()
        .ok_or_else(|| error(Failure::usage("athlete: expected a plain object")))
}
