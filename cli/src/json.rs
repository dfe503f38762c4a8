//! Indents compact JSON for people without reordering its keys or touching its numbers.

/// `compact` (valid JSON, as the library writes it) with two-space indentation and a final
/// newline. Empty objects and arrays stay on one line.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::indent;

    #[test]
    fn indents_and_keeps_order_and_strings() {
        let got = indent(r#"{"b":1,"a":[{"t":"x, {y}: \"z\""},[]],"e":{}}"#);
        let want = "{\n  \"b\": 1,\n  \"a\": [\n    {\n      \"t\": \"x, {y}: \\\"z\\\"\"\n    },\n    []\n  ],\n  \"e\": {}\n}\n";
        assert_eq!(got, want);
        let v: serde_json::Value = serde_json::from_str(&got).unwrap();
        assert_eq!(v["a"][0]["t"], "x, {y}: \"z\"");
    }
}
