//! JSON lines input: one object per line, keyed by the same field names as CSV headings. A line
//! longer than [`MAX_RECORD_BYTES`] stops the reading: no claim is that long.

use std::collections::HashSet;
use std::fmt;
use std::io::{self, BufRead};

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value as Json;

use super::limits::{MAX_RECORD_BYTES, TooLarge, megabytes};
use super::{ClaimRow, Field, ReadOptions, RelationCells, RelationRow, RowBuilder, RowError, UnknownNames, Value};

pub struct JsonLines<R: BufRead> {
    input: R,
    line: u64,
    bytes: u64,
    options: ReadOptions,
    max_line: u64,
    /// Keys no field takes, across all lines, for one warning at the end.
    pub unknown_keys: UnknownNames,
    buffer: Vec<u8>,
    /// Set once the input cannot be read on (an I/O error, a line over the limit).
    stopped: bool,
}

/// One key of a JSON object and its value.
type Entry = (String, Json);

/// A JSON object's entries in the order written, repeated keys included (serde_json's own map
/// would keep only the last of them, silently).
struct Entries(Vec<Entry>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Entries, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Json>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// A JSON value as the row builder takes it: whatever it is, named, never converted.
fn value(json: &Json) -> Value<'_> {
    match json {
        Json::Null => Value::Null,
        Json::String(text) => Value::Text(text),
        Json::Number(n) => match n.as_i64() {
            Some(whole) => Value::Whole(whole),
            None if n.is_u64() => Value::Other("a number too large"),
            None => Value::Other("a decimal number"),
        },
        Json::Bool(flag) => Value::Flag(*flag),
        Json::Array(items) => Value::List(items.iter().map(value).collect()),
        Json::Object(_) => Value::Other("an object"),
    }
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(input: R, options: &ReadOptions) -> JsonLines<R> {
        Self::with_limit(input, options, MAX_RECORD_BYTES)
    }

    /// `new` with another line limit (for tests of the limit itself).
    pub fn with_limit(input: R, options: &ReadOptions, max_line: u64) -> JsonLines<R> {
        JsonLines {
            input,
            line: 0,
            bytes: 0,
            options: options.clone(),
            max_line,
            unknown_keys: UnknownNames::default(),
            buffer: Vec::new(),
            stopped: false,
        }
    }

    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    fn field(&mut self, key: &str) -> Option<Field> {
        let mapped = self
            .options
            .overrides
            .iter()
            .find(|(column, _)| column.eq_ignore_ascii_case(key))
            .map(|(_, f)| *f)
            .or_else(|| Field::from_heading(key, self.options.relations));
        if mapped.is_none() {
            self.unknown_keys.add(key);
        }
        mapped
    }

    /// The next line into `buffer`, line break included; at most `max_line` bytes of it.
    fn read_line(&mut self) -> io::Result<usize> {
        self.buffer.clear();
        loop {
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(self.buffer.len());
            }
            let (used, complete) = match memchr::memchr(b'\n', available) {
                Some(at) => (at + 1, true),
                None => (available.len(), false),
            };
            let content = self.buffer.len() + used - usize::from(complete);
            if content as u64 > self.max_line {
                return Err(TooLarge { limit: self.max_line, line: self.line }.into_io());
            }
            self.buffer.extend_from_slice(&available[..used]);
            self.input.consume(used);
            if complete {
                return Ok(self.buffer.len());
            }
        }
    }

    /// The next non-blank line's entries, or its fault; None at the end.
    fn next_object(&mut self) -> Option<Result<Vec<Entry>, Vec<RowError>>> {
        loop {
            if self.stopped {
                return None;
            }
            self.line += 1;
            match self.read_line() {
                Ok(0) => return None,
                Ok(n) => self.bytes += n as u64,
                Err(e) => {
                    self.stopped = true;
                    let message = match TooLarge::of(&e) {
                        Some(t) => format!("a line over {}; is this really JSON lines?", megabytes(t.limit)),
                        None => format!("cannot read the input: {e}"),
                    };
                    return Some(Err(vec![RowError::line(self.line, message)]));
                }
            }
            let mut raw = self.buffer.as_slice();
            if self.line == 1 {
                raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
            }
            let text = match std::str::from_utf8(raw) {
                Ok(text) => text,
                Err(e) => {
                    let at = e.valid_up_to() + 1;
                    return Some(Err(vec![RowError::line(
                        self.line,
                        format!(
                            "not UTF-8 text (bad byte at position {at}): save the file as UTF-8, or name its encoding with --encoding (e.g. windows-1252)"
                        ),
                    )]));
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            return Some(match serde_json::from_str::<Entries>(text) {
                Ok(Entries(entries)) => Ok(entries),
                Err(e) if e.classify() == serde_json::error::Category::Data => Err(vec![RowError::line(
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

    /// The entries that feed a field, each field once: a repeated key, or two keys for one
    /// field (`text` and `claim`), is a fault rather than a silent choice of one of them.
    fn fields<'e>(
        &mut self,
        entries: &'e [(String, Json)],
        faults: &mut Vec<RowError>,
    ) -> Vec<(Field, &'e str, &'e Json)> {
        let mut taken: Vec<(Field, &'e str)> = Vec::new();
        let mut seen_keys: HashSet<&str> = HashSet::new();
        let mut fields = Vec::new();
        for (key, json) in entries {
            if !seen_keys.insert(key.as_str()) {
                faults.push(RowError {
                    line: self.line,
                    column: Some((0, key.clone())),
                    message: "the key appears twice in the object: keep one".into(),
                });
                continue;
            }
            let Some(field) = self.field(key) else { continue };
            if let Some((_, first)) = taken.iter().find(|(f, _)| *f == field) {
                faults.push(RowError {
                    line: self.line,
                    column: Some((0, key.clone())),
                    message: format!("\"{first}\" already gives the {}: keep one of them", field.name()),
                });
                continue;
            }
            taken.push((field, key));
            fields.push((field, key.as_str(), json));
        }
        fields
    }

    pub fn next_claim(&mut self) -> Option<Result<ClaimRow, Vec<RowError>>> {
        let entries = match self.next_object()? {
            Ok(entries) => entries,
            Err(e) => return Some(Err(e)),
        };
        let mut faults = Vec::new();
        let fields = self.fields(&entries, &mut faults);
        let mut builder = RowBuilder::new(self.line);
        let mut row = ClaimRow::default();
        for (field, key, json) in fields {
            builder.claim_cell(&mut row, field, (0, key), value(json));
        }
        Some(match builder.finish_claim(row) {
            Ok(row) if faults.is_empty() => Ok(row),
            Ok(_) => Err(faults),
            Err(mut errors) => {
                errors.extend(faults);
                Err(errors)
            }
        })
    }

    pub fn next_relation(&mut self) -> Option<Result<RelationRow, Vec<RowError>>> {
        let entries = match self.next_object()? {
            Ok(entries) => entries,
            Err(e) => return Some(Err(e)),
        };
        let mut faults = Vec::new();
        let fields = self.fields(&entries, &mut faults);
        let mut builder = RowBuilder::new(self.line);
        let mut cells = RelationCells::default();
        for (field, key, json) in fields {
            builder.relation_cell(&mut cells, field, (0, key), value(json));
        }
        Some(match builder.finish_relation(cells) {
            Ok(row) if faults.is_empty() => Ok(row),
            Ok(_) => Err(faults),
            Err(mut errors) => {
                errors.extend(faults);
                Err(errors)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faults(input: &str) -> Vec<String> {
        let mut lines = JsonLines::new(input.as_bytes(), &ReadOptions::default());
        std::iter::from_fn(|| lines.next_claim()).filter_map(Result::err).flatten().map(|e| e.to_string()).collect()
    }

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
        let mut lines = JsonLines::new(input.as_bytes(), &ReadOptions::default());
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
        assert!(errors.iter().any(|e| e.starts_with("line 6, field \"actor\": expected one actor")), "{errors:?}");
        assert_eq!(lines.unknown_keys.describe(), "\"extra\"");
    }

    #[test]
    fn repeated_keys_and_two_keys_for_one_field_are_refused() {
        let errors = faults(
            "{\"text\": \"a\", \"actor\": \"A\", \"text\": \"b\"}\n{\"text\": \"a\", \"claim\": \"b\", \"actor\": \"A\"}\n",
        );
        assert_eq!(
            errors,
            [
                "line 1, field \"text\": the key appears twice in the object: keep one",
                "line 2, field \"claim\": \"text\" already gives the text: keep one of them",
            ]
        );
    }

    #[test]
    fn numbers_lists_and_nulls_where_text_belongs_are_refused() {
        let errors = faults(concat!(
            "{\"text\": 5, \"actor\": [\"x\", \"y\"]}\n",
            "{\"text\": \"t\", \"actor\": null}\n",
            "{\"text\": \"t\", \"actor\": \"A\", \"id\": 1.5, \"notes\": {\"a\": 1}}\n",
            "{\"text\": \"t\", \"actor\": \"A\", \"id\": 18446744073709551615}\n",
        ));
        assert_eq!(
            errors,
            [
                "line 1, field \"text\": expected text, found a number",
                "line 1, field \"actor\": expected one actor's name as text, found a list",
                "line 2, field \"actor\": expected text, found null",
                "line 3, field \"id\": expected a claim id (a positive whole number), found a decimal number",
                "line 3, field \"notes\": expected text, found an object",
                "line 4, field \"id\": expected a claim id (a positive whole number), found a number too large",
            ]
        );
    }

    #[test]
    fn a_line_over_the_limit_stops_the_reading() {
        let input = format!("{{\"text\": \"ok\", \"actor\": \"A\"}}\n{{\"text\": \"{}\"}}\n{{}}\n", "x".repeat(3000));
        let mut lines = JsonLines::with_limit(input.as_bytes(), &ReadOptions::default(), 1000);
        assert!(lines.next_claim().unwrap().is_ok());
        let errors = lines.next_claim().unwrap().unwrap_err();
        assert_eq!(errors[0].to_string(), "line 2: a line over 1 MB; is this really JSON lines?");
        assert!(lines.next_claim().is_none());
        // Exactly at the limit is fine, whatever the line end.
        let exact = format!("{{\"text\": \"{}\", \"actor\": \"A\"}}\r\n", "y".repeat(100));
        let size = exact.trim_end().len() as u64 + 1;
        let mut lines = JsonLines::with_limit(exact.as_bytes(), &ReadOptions::default(), size);
        assert!(lines.next_claim().unwrap().is_ok());
    }
}
