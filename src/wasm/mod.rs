//! The JS boundary: the one module that speaks `#[wasm_bindgen]`. It checks every argument before
//! anything is copied into wasm memory (type, size, range: a wrong one is a JS `Error` with
//! `kind: "argument"` and `field`, never a trap), converts, delegates to the core, and converts
//! back. No `RefCell` borrow is held across work: the catalogue sits in an `Rc` taken out in one
//! short borrow, so that even a trap in the middle of a call leaves every function working.
//!
//! One crate, two wasm modules for the page (Makefile `build`): `core_api` (feature `js-api`) is the
//! calculation core with everything the screens need; `ledger_module` (feature `ledger-module`) is only
//! the file readers and the .xlsx writers, loaded when a ledger file is imported or a workbook
//! written, so that the module every visit loads stays small. The two pass each other typed
//! values as bytes (`crate::ledger::transfer`). The default build has both sets of functions.
#![cfg_attr(not(feature = "js-api"), allow(dead_code, unused_imports))]

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{ArrayBuffer, JsString, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{self, Lang, WorkOptions};
use crate::time::parse::TimeInput;

/// Longest text accepted for one date, id, mode or file name, in UTF-16 code units.
const SHORT_TEXT: u32 = 10_000;
/// Longest JSON text or string of data accepted (cases, reports, projects, catalogues): copied into
/// wasm memory as UTF-8, up to three bytes per code unit.
const LONG_TEXT: u32 = 256 << 20;
/// Longest result handed back as text: V8's longest string is 2^29 − 24 code units.
const LONGEST_RESULT: usize = (1 << 29) - 24;

/// The allocator: std's own (dlmalloc), on wasm memory that grows in big steps. dlmalloc asks
/// for exactly the pages it lacks, so a big import grew the memory thousands of times, a few
/// pages each (each growth replaces the memory's `ArrayBuffer` in the JS engine). Growing by at
/// least an eighth of the memory (and 4 MiB) instead, a few dozen growths for a gigabyte and at
/// most an eighth more than is used, took a 1 000 000-row import in a Chromium worker from 12.2 s
/// to 8.4 s and its memory from 390 to 286 MiB, and the first 100 000-row import in Node 20 from
/// 2.1 s to 1.3 s (BENCHMARKS.md, "Import and memory").
mod allocator {
    use std::alloc::{GlobalAlloc, Layout};
    use std::arch::wasm32::{memory_grow, memory_size};
    use std::cell::UnsafeCell;

    const PAGE: usize = 64 * 1024;
    /// The smallest step, in pages (4 MiB).
    const MIN_STEP: usize = 64;

    /// Pages of wasm memory for dlmalloc, in steps proportional to what is there.
    pub struct Pages;

    unsafe impl dlmalloc::Allocator for Pages {
        fn alloc(&self, size: usize) -> (*mut u8, usize, u32) {
            let needed = size.div_ceil(PAGE);
            let step = needed.max(memory_size(0) / 8).max(MIN_STEP);
            // The big step when the memory has room for it, else just what is needed.
            for pages in [step, needed] {
                let previous = memory_grow(0, pages);
                if previous != usize::MAX {
                    return ((previous * PAGE) as *mut u8, pages * PAGE, 0);
                }
            }
            (std::ptr::null_mut(), 0, 0)
        }
        fn remap(&self, _ptr: *mut u8, _old: usize, _new: usize, _can_move: bool) -> *mut u8 {
            std::ptr::null_mut()
        }
        fn free_part(&self, _ptr: *mut u8, _old: usize, _new: usize) -> bool {
            false
        }
        fn free(&self, _ptr: *mut u8, _size: usize) -> bool {
            false
        }
        fn can_release_part(&self, _flags: u32) -> bool {
            false
        }
        fn allocates_zeros(&self) -> bool {
            true
        }
        fn page_size(&self) -> usize {
            PAGE
        }
    }

    pub struct Global(UnsafeCell<dlmalloc::Dlmalloc<Pages>>);

    // wasm32 without threads: one thread, and an allocator never calls back into itself.
    unsafe impl Sync for Global {}

    #[global_allocator]
    static ALLOCATOR: Global = Global(UnsafeCell::new(dlmalloc::Dlmalloc::new_with_allocator(Pages)));

    unsafe impl GlobalAlloc for Global {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            unsafe { (*self.0.get()).malloc(layout.size(), layout.align()) }
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            unsafe { (*self.0.get()).calloc(layout.size(), layout.align()) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { (*self.0.get()).free(ptr, layout.size(), layout.align()) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            unsafe { (*self.0.get()).realloc(ptr, layout.size(), layout.align(), new_size) }
        }
    }
}

/// A JS `Error` whose `message` is in the chosen language, with `kind` and `field` properties so
/// that a form can put the message beside the right input.
fn js_error(message: &str, kind: &str, field: Option<&str>) -> JsValue {
    js_error_at(message, kind, field, None)
}

/// As [`js_error`], with `index`: which item of a list input (a stop, a session; from 0).
fn js_error_at(message: &str, kind: &str, field: Option<&str>, index: Option<usize>) -> JsValue {
    let err = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    let field = field.map_or(JsValue::NULL, JsValue::from_str);
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("field"), &field);
    let index = index.map_or(JsValue::NULL, |i| JsValue::from_f64(i as f64));
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("index"), &index);
    err.into()
}

/// What a JS value is, for messages: never the value itself, which may be huge.
fn type_of(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "array".into()
    } else if let Some(s) = value.dyn_ref::<JsString>() {
        format!("string ({} chars)", s.length())
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// A wrong argument: `kind: "argument"`, `field` its name.
fn wrong(field: &str, expected_zh: &str, expected_en: &str, value: &JsValue) -> JsValue {
    let got = type_of(value);
    js_error(&format!("参数 {field} 应为{expected_zh}，收到的是 {got} / argument {field} must be {expected_en}, got {got}"), "argument", Some(field))
}

fn too_long(field: &str, length: u32, max: u32) -> JsValue {
    js_error(
        &format!("参数 {field} 太长（{length} 个字符，上限 {max}）/ argument {field} is too long ({length} characters, the limit is {max})"),
        "argument",
        Some(field),
    )
}

/// A JS string, checked for type and length before it is copied.
fn text_arg(value: &JsValue, field: &str, max: u32) -> Result<String, JsValue> {
    let Some(s) = value.dyn_ref::<JsString>() else { return Err(wrong(field, "文本（字符串）", "a string", value)) };
    let length = s.length();
    if length > max {
        return Err(too_long(field, length, max));
    }
    Ok(String::from(s))
}

/// An optional string: `undefined` and `null` are `None`.
fn opt_text_arg(value: &JsValue, field: &str, max: u32) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        text_arg(value, field, max).map(Some)
    }
}

/// A finite number within `min..=max`.
fn number_arg(value: &JsValue, field: &str, min: f64, max: f64) -> Result<f64, JsValue> {
    match value.as_f64() {
        Some(x) if x.is_finite() && (min..=max).contains(&x) => Ok(x),
        Some(x) => Err(js_error(&format!("参数 {field} = {x} 超出范围：应为 {min} 至 {max} 之间的数 / argument {field} = {x} is out of range: expected a number from {min} to {max}"), "range", Some(field))),
        None => Err(wrong(field, "数字", "a number", value)),
    }
}

/// A whole number within `min..=max`.
fn int_arg(value: &JsValue, field: &str, min: i32, max: i32) -> Result<i32, JsValue> {
    let x = number_arg(value, field, f64::from(min), f64::from(max))?;
    if x.fract() != 0.0 {
        return Err(js_error(&format!("参数 {field} = {x} 应为整数 / argument {field} = {x} must be a whole number"), "range", Some(field)));
    }
    Ok(x as i32)
}

/// File bytes: a `Uint8Array` (a Node `Buffer` is one) or an `ArrayBuffer`, at most `max` bytes,
/// copied into memory reserved first, so that a size the tab cannot hold is an error, not a trap.
fn bytes_arg(value: &JsValue, field: &str, max: u64) -> Result<Vec<u8>, JsValue> {
    let array = if let Some(a) = value.dyn_ref::<Uint8Array>() {
        a.clone()
    } else if let Some(b) = value.dyn_ref::<ArrayBuffer>() {
        Uint8Array::new(b)
    } else {
        return Err(wrong(field, " Uint8Array 或 ArrayBuffer（文件的字节）", "a Uint8Array or an ArrayBuffer (the file's bytes)", value));
    };
    let length = array.length();
    if u64::from(length) > max {
        let (have, limit) = (crate::ledger::table::byte_size(u64::from(length)), crate::ledger::table::byte_size(max));
        return Err(js_error(
            &format!("文件有 {have}，超过了上限 {limit}：请拆分文件后分别导入 / the file is {have}, over the limit of {limit}: split it and import the parts"),
            "range",
            Some("limits"),
        ));
    }
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(length as usize).map_err(|_| out_of_memory(field))?;
    bytes.resize(length as usize, 0);
    array.copy_to(&mut bytes);
    Ok(bytes)
}

/// Longest bytes passed between the two modules (a file as read, sheets to write): the file
/// limits were checked where the file was read; memory is reserved before copying.
const TRANSFER_BYTES: u64 = 1 << 30;

/// Whether a `Uint8Array` argument begins with `magic`, looked at without copying it whole.
fn starts_with(value: &JsValue, magic: &[u8]) -> bool {
    let Some(array) = value.dyn_ref::<Uint8Array>() else { return false };
    if array.length() < magic.len() as u32 {
        return false;
    }
    let head = array.subarray(0, magic.len() as u32).to_vec();
    head == magic
}

fn out_of_memory(field: &str) -> JsValue {
    js_error("内存不足，无法处理这么大的数据：请拆分后分别处理 / not enough memory for data this large: split it and process the parts", "range", Some(field))
}

/// JSON text of an argument: a string is taken as it is (JSON text, or a value of its own when
/// `bare_string`), anything else goes through the browser's native `JSON.stringify`, whose result
/// is checked for length before it is copied.
fn json_text(field: &str, value: &JsValue, bare_string: bool) -> Result<String, JsValue> {
    if let Some(s) = value.dyn_ref::<JsString>() {
        let text = text_arg(s, field, LONG_TEXT)?;
        return if bare_string { serde_json::to_string(&text).map_err(|e| js_error(&e.to_string(), "argument", Some(field))) } else { Ok(text) };
    }
    if value.is_undefined() {
        return Ok("null".into());
    }
    if value.is_function() || value.is_symbol() || value.is_bigint() {
        return Err(wrong(field, "对象或 JSON 文本", "an object or JSON text", value));
    }
    let text = js_sys::JSON::stringify(value).map_err(|e| {
        let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        let why = crate::ledger::table::clip(&why, 200);
        js_error(&format!("参数 {field} 无法转换为 JSON：{why} / argument {field} cannot be turned into JSON: {why}"), "argument", Some(field))
    })?;
    text_arg(&text, field, LONG_TEXT)
}

fn shape_error(field: &str, e: &serde_json::Error) -> JsValue {
    let detail = crate::ledger::table::clip(&e.to_string(), 300);
    js_error(&format!("参数 {field} 格式不对：{detail} / argument {field} has the wrong shape: {detail}"), "argument", Some(field))
}

/// A structured argument (a date, a list of stops, options). A bare string is a value of its own
/// (a date), not JSON text.
fn from_js<T: DeserializeOwned>(field: &str, value: &JsValue) -> Result<T, JsValue> {
    let text = json_text(field, value, true)?;
    serde_json::from_str(&text).map_err(|e| shape_error(field, &e))
}

/// Like [`from_js`], but a string argument is JSON text (for cases, datasets and reports passed
/// as text: much faster than objects for big ones).
fn from_js_text<T: DeserializeOwned>(field: &str, value: &JsValue) -> Result<T, JsValue> {
    let text = json_text(field, value, false)?;
    serde_json::from_str(&text).map_err(|e| {
        let detail = crate::ledger::table::clip(&e.to_string(), 300);
        js_error(&format!("{field}：JSON 格式不对：{detail} / {field}: invalid JSON: {detail}"), "parse", Some(field))
    })
}

/// Options: `undefined` or `null` for the defaults, else a plain object.
fn options_of<T: DeserializeOwned + Default>(value: &JsValue) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !value.is_object() || js_sys::Array::is_array(value) || value.is_function() {
        return Err(wrong("options", "对象", "an object", value));
    }
    from_js("options", value)
}

/// A date or date-time: text (at most 10 000 characters) or an Excel serial (a finite number).
fn time_arg(value: &JsValue, field: &str) -> Result<TimeInput, JsValue> {
    if let Some(x) = value.as_f64() {
        return if x.is_finite() { Ok(TimeInput::Serial(x)) } else { Err(wrong(field, "日期文本或 Excel 日期序号（有限的数）", "date text or an Excel serial (a finite number)", value)) };
    }
    if value.dyn_ref::<JsString>().is_some() {
        return text_arg(value, field, SHORT_TEXT).map(TimeInput::Text);
    }
    Err(wrong(field, "日期文本或 Excel 日期序号", "date text or an Excel serial number", value))
}

/// Results cross as JSON text parsed by the browser's native `JSON.parse`, for the same reason.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| js_error(&e.to_string(), "internal", None))?;
    result_text(&text)?;
    js_sys::JSON::parse(&text).map_err(|_| result_too_big(text.len()))
}

/// A result too long for one JS string is an error naming its size, not V8's "Cannot create a
/// string longer than 0x1fffffe8 characters".
fn result_text(text: &str) -> Result<(), JsValue> {
    if text.len() > LONGEST_RESULT {
        return Err(result_too_big(text.len()));
    }
    Ok(())
}

fn result_too_big(bytes: usize) -> JsValue {
    let size = crate::ledger::table::byte_size(bytes as u64);
    js_error(
        &format!("结果太大（{size}），浏览器无法处理：请拆分数据后分别处理 / the result is too large ({size}) for the browser: split the data and process the parts"),
        "range",
        None,
    )
}

fn fail(lang: Lang) -> impl Fn(crate::Error) -> JsValue {
    move |e| js_error_at(&lang.error(&e), e.kind().as_str(), e.field(), e.item())
}

/// The language of an options argument that may hold other things as well.
fn lang_of(options: &JsValue) -> Result<Lang, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Lang::Both);
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(wrong("options", "对象", "an object", options));
    }
    let lang = js_sys::Reflect::get(options, &JsValue::from_str("lang")).unwrap_or(JsValue::UNDEFINED);
    if lang.is_undefined() || lang.is_null() {
        return Ok(Lang::Both);
    }
    match opt_text_arg(&lang, "lang", 10)?.as_deref() {
        Some("zh") => Ok(Lang::Zh),
        Some("en") => Ok(Lang::En),
        _ => Ok(Lang::Both),
    }
}

#[cfg(feature = "js-api")]
mod core_api;
#[cfg(feature = "js-api")]
pub use core_api::*;
#[cfg(feature = "ledger-module")]
mod ledger_module;
#[cfg(feature = "ledger-module")]
pub use ledger_module::*;
