//! Reading decimal numbers: the grammar of std's `f64::from_str`, the value from
//! serde_json's correctly rounded reader of JSON numbers (feature `float_roundtrip`), which
//! the JSON reader needs anyway. Both round correctly, so the values are the same (the tests
//! compare them bit for bit); std's reader as well would put a second one in the `.wasm`,
//! with its 10 KB table of powers of five: 12.6 KB gzipped more (`bash wasm/build.sh`:
//! 151,352 bytes with this module, 163,997 without).

/// `s` read as std's `s.parse::<f64>()` reads it: an optional sign, then `inf`, `infinity`
/// or `nan` in any case, or digits with an optional `.` and exponent (`5`, `.5`, `5.`,
/// `1e-3`); no spaces. Out of range is infinite, as in std: `+.5e1` is 5, `1e400` infinity,
/// ` 1` nothing.
pub(crate) fn parse(s: &str) -> Option<f64> {
    let (negative, unsigned) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let magnitude =
        if unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity") {
            f64::INFINITY
        } else if unsigned.eq_ignore_ascii_case("nan") {
            f64::NAN
        } else {
            magnitude(unsigned)?
        };
    Some(if negative { -magnitude } else { magnitude })
}

/// Unsigned digits with an optional `.` and exponent, written as a JSON number (leading
/// zeros dropped, `0` before a leading `.`, no `.` without digits after it) and read.
fn magnitude(s: &str) -> Option<f64> {
    let (mantissa, exponent) = s.split_at(s.find(['e', 'E']).unwrap_or(s.len()));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let exponent_digits = exponent
        .get(1..)
        .map(|e| e.strip_prefix(['+', '-']).unwrap_or(e));
    let exponent_ok =
        exponent.is_empty() || exponent_digits.is_some_and(|e| !e.is_empty() && digits(e));
    if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) || !exponent_ok {
        return None;
    }
    let read = |json: &str| serde_json::from_str::<f64>(json).unwrap_or(f64::INFINITY);
    // JSON already (most numbers): no leading zero but a lone one, digits after a `.`.
    let has_dot = int.len() < mantissa.len();
    if !int.is_empty() && (int == "0" || !int.starts_with('0')) && (!has_dot || !frac.is_empty()) {
        return Some(read(s));
    }
    let int = int.trim_start_matches('0');
    let mut json = String::with_capacity(s.len() + 1);
    json.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    json.push_str(exponent);
    Some(read(&json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The same result as std's, bit for bit (NaN's sign included).
    fn same(s: &str) -> Result<(), TestCaseError> {
        let ours = parse(s).map(f64::to_bits);
        let std = s.parse::<f64>().ok().map(f64::to_bits);
        prop_assert_eq!(ours, std, "{:?}", s);
        Ok(())
    }

    #[test]
    fn edges_read_as_std_reads_them() {
        for s in [
            "0", "-0", "+0", "00", "007.50", ".5", "5.", "-.5e3", "1.e5", ".", "", "-", "+",
            "e5", "1e", "1e+", "1e-5", "1E+5", "1e400", "-1e400", "1e-400", "0e99999999999999",
            "1e99999999999999999999", "inf", "-INF", "+Infinity", "infinit", "nan", "-NaN",
            "NAN", " 1", "1 ", "1_0", "0x10", "1.5.5", "--1", "+-1", "1e5.5", "１",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9",
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
            "562949953421312.25", "0.1", "123456789012345678901234567890",
        ] {
            same(s).unwrap();
        }
    }

    proptest! {
        #[test]
        fn any_float_written_any_way(v in any::<f64>()) {
            for s in [format!("{v}"), format!("{v:e}"), format!("{v:?}"), format!("{v:E}"), format!("{v:.3}")] {
                same(&s)?;
            }
        }

        #[test]
        fn strings_of_number_characters(s in "[+-]?[0-9]{0,4}(\\.[0-9]{0,4})?([eE][+-]?[0-9]{0,3})?") {
            same(&s)?;
        }

        #[test]
        fn strings_of_any_number_like_characters(s in "[-+.0-9eEinfatyINFATY_ x]{0,12}") {
            same(&s)?;
        }
    }
}
