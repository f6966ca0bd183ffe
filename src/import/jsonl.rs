//! JSON lines input: one object per line, keyed by the same field names as CSV headings.

use std::collections::BTreeSet;
use std::io::BufRead;

use serde_json::Value as Json;

use super::{ClaimRow, Field, RelationRow, RowBuilder, RowError, Value};

pub struct JsonLines<R: BufRead> {
    input: R,
    line: u64,
    bytes: u64,
    overrides: Vec<(String, Field)>,
    relations: bool,
    /// Keys no field takes, across all lines, for one warning at the end.
    pub unknown_keys: BTreeSet<String>,
    buffer: String,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(input: R, overrides: &[(String, Field)], relations: bool) -> JsonLines<R> {
        JsonLines {
            input,
            line: 0,
            bytes: 0,
            overrides: overrides.to_vec(),
            relations,
            unknown_keys: BTreeSet::new(),
            buffer: String::new(),
        }
    }

    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    fn field(&mut self, key: &str) -> Option<Field> {
        let mapped = self
            .overrides
            .iter()
            .find(|(column, _)| column.eq_ignore_ascii_case(key))
            .map(|(_, f)| *f)
            .or_else(|| Field::from_heading(key, self.relations));
        if mapped.is_none() {
            self.unknown_keys.insert(key.to_string());
        }
        mapped
    }

    /// The next non-blank line as a JSON object, or its fault; None at the end.
    fn next_object(&mut self) -> Option<Result<serde_json::Map<String, Json>, Vec<RowError>>> {
        loop {
            self.buffer.clear();
            self.line += 1;
            let mut raw = Vec::new();
            match self.input.read_until(b'\n', &mut raw) {
                Ok(0) => return None,
                Ok(n) => self.bytes += n as u64,
                Err(e) => {
                    return Some(Err(vec![RowError::line(self.line, format!("cannot read the input: {e}"))]));
                }
            }
            if self.line == 1 && raw.starts_with(b"\xEF\xBB\xBF") {
                raw.drain(..3);
            }
            match String::from_utf8(raw) {
                Ok(text) => self.buffer = text,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to() + 1;
                    return Some(Err(vec![RowError::line(
                        self.line,
                        format!("not UTF-8 text (bad byte at position {at}): save the file as UTF-8"),
                    )]));
                }
            }
            if self.buffer.trim().is_empty() {
                continue;
            }
            return Some(match serde_json::from_str::<Json>(&self.buffer) {
                Ok(Json::Object(object)) => Ok(object),
                Ok(_) => Err(vec![RowError::line(
                    self.line,
                    "each line must be a JSON object ({\"text\": ..., \"actor\": ...})",
                )]),
                Err(e) => {
                    // serde_json ends its message with "at line 1 column N"; the file's line is ours.
                    let message = e.to_string();
                    let message = message.trim_end_matches(&format!(" at line {} column {}", e.line(), e.column()));
                    Err(vec![RowError::line(self.line, format!("malformed JSON at column {}: {message}", e.column()))])
                }
            });
        }
    }

    pub fn next_claim(&mut self) -> Option<Result<ClaimRow, Vec<RowError>>> {
        let object = match self.next_object()? {
            Ok(object) => object,
            Err(e) => return Some(Err(e)),
        };
        let mut builder = RowBuilder::new(self.line);
        let mut row = ClaimRow::default();
        let mut type_errors = Vec::new();
        for (key, value) in &object {
            let Some(field) = self.field(key) else { continue };
            let value = match value {
                Json::Null => continue,
                Json::String(s) => Value::Text(s),
                Json::Number(n) => match n.as_i64() {
                    Some(n) => Value::Number(n),
                    None => {
                        type_errors.push(key.clone());
                        continue;
                    }
                },
                Json::Array(items) => {
                    let mut texts = Vec::with_capacity(items.len());
                    for item in items {
                        match item {
                            Json::String(s) => texts.push(s.clone()),
                            Json::Number(n) => texts.push(n.to_string()),
                            _ => type_errors.push(key.clone()),
                        }
                    }
                    Value::List(texts)
                }
                Json::Bool(_) | Json::Object(_) => {
                    type_errors.push(key.clone());
                    continue;
                }
            };
            builder.claim_cell(&mut row, field, (0, key), value);
        }
        let mut result = builder.finish_claim(row);
        if !type_errors.is_empty() {
            let errors: Vec<RowError> = type_errors
                .into_iter()
                .map(|key| RowError {
                    line: self.line,
                    column: Some((0, key)),
                    message: "expected text, a whole number or a list of them".into(),
                })
                .collect();
            result = match result {
                Ok(_) => Err(errors),
                Err(mut more) => {
                    more.extend(errors);
                    Err(more)
                }
            };
        }
        Some(result)
    }

    pub fn next_relation(&mut self) -> Option<Result<RelationRow, Vec<RowError>>> {
        let object = match self.next_object()? {
            Ok(object) => object,
            Err(e) => return Some(Err(e)),
        };
        let mut cells: Vec<(Field, String, String)> = Vec::new();
        for (key, value) in &object {
            if let Some(field) = self.field(key) {
                let text = match value {
                    Json::String(s) => s.clone(),
                    Json::Number(n) => n.to_string(),
                    _ => String::new(),
                };
                cells.push((field, key.clone(), text));
            }
        }
        let borrowed: Vec<(Field, (usize, &str), &str)> =
            cells.iter().map(|(f, k, v)| (*f, (0, k.as_str()), v.as_str())).collect();
        Some(RowBuilder::new(self.line).relation(&borrowed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_rows_and_faults_name_the_line() {
        let input = concat!(
            "{\"claim\": \"The talks are unrelated\", \"speaker\": \"U.S. officials\", \"tags\": [\"timing\"], \"id\": 4}\n",
            "\n",
            "{\"text\": \"x\", \"actor\": \"A\", \"date\": \"soon\", \"extra\": 1}\n",
            "{\"text\": \"x\"\n",
            "[1, 2]\n",
            "{\"text\": \"x\", \"actor\": true}\n",
        );
        let mut lines = JsonLines::new(input.as_bytes(), &[], false);
        let first = lines.next_claim().unwrap().unwrap();
        assert_eq!(
            (first.text.as_str(), first.actor.as_str(), first.id),
            ("The talks are unrelated", "U.S. officials", Some(4))
        );
        assert_eq!(first.tags, ["timing"]);
        let errors: Vec<String> =
            std::iter::from_fn(|| lines.next_claim()).flat_map(|r| r.err().unwrap()).map(|e| e.to_string()).collect();
        assert!(errors[0].starts_with("line 3, field \"date\": bad date \"soon\""), "{errors:?}");
        assert!(errors[1].starts_with("line 4: malformed JSON"), "{errors:?}");
        assert!(!errors[1].contains("at line 1"), "{errors:?}");
        assert!(errors[2].starts_with("line 5: each line must be a JSON object"), "{errors:?}");
        assert!(errors.iter().any(|e| e.starts_with("line 6, field \"actor\": expected text")), "{errors:?}");
        assert_eq!(lines.unknown_keys.iter().collect::<Vec<_>>(), ["extra"]);
    }
}
