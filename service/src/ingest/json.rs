//! Reading a `{"records": [...]}` body as it arrives, one record at a time.
//!
//! serde_json parses a `Read` byte by byte through its I/O reader, seven times slower than it
//! parses a slice (35 ms against 5 ms for a batch of 10,000 enrolments, 8.5 MB, measured here).
//! So the body is read into a buffer in large blocks, and each JSON value (a key, a record, any
//! other member) is parsed from the buffer's slice; when a value runs past what has arrived,
//! more is read and the value parsed again, the block read doubling each time so that one huge
//! value still costs linear time. Consumed bytes are dropped as the buffer fills, so memory
//! holds about one block and the record being read, whatever the size of the body.
//!
//! Each record is checked to be one JSON value (`&RawValue`) and handed on as its text; its
//! fields are read by the rules. The body as a whole must be exactly one JSON object with a
//! `records` array; anything else is a 400, as it would be from serde itself.

use std::io::{self, Read};

use serde::de::{Error as _, IgnoredAny};
use serde_json::error::Category;
use serde_json::value::RawValue;

use super::{IngestError, RecordIn};

/// Bytes asked of the body at a time.
const BLOCK_BYTES: usize = 256 * 1024;

/// Reads the records of a `{"records": [...]}` body, handing each to `each`; more than `max`
/// records is [`IngestError::TooManyRecords`]. Other members of the object are read and ignored; a second `records` is
/// ignored.
pub(super) fn read_records<E: From<IngestError>>(
    reader: impl Read,
    max: usize,
    each: &mut dyn FnMut(RecordIn) -> Result<(), E>,
) -> Result<(), E> {
    read_records_in_blocks(reader, BLOCK_BYTES, max, each)
}

/// [`read_records`], asking the body for `block` bytes at a time (the fuzz checks ask for a few,
/// so that every value is cut somewhere).
pub(super) fn read_records_in_blocks<E: From<IngestError>>(
    reader: impl Read,
    block: usize,
    max: usize,
    each: &mut dyn FnMut(RecordIn) -> Result<(), E>,
) -> Result<(), E> {
    let mut body = Body::new(reader, block);
    if body.peek()? != Some(b'{') {
        return Err(not_an_envelope("it does not start with '{'").into());
    }
    body.pos += 1;
    let mut found = false;
    if body.peek()? == Some(b'}') {
        body.pos += 1;
    } else {
        loop {
            if body.peek()? != Some(b'"') {
                return Err(not_an_envelope("a member of the object has no quoted name").into());
            }
            let key = body.parse(owned::<String>)?;
            if body.peek()? != Some(b':') {
                return Err(not_an_envelope("a member's name is not followed by ':'").into());
            }
            body.pos += 1;
            if key == "records" && !found {
                found = true;
                records(&mut body, max, each)?;
            } else {
                body.peek()?;
                body.parse(owned::<IgnoredAny>)?;
            }
            match body.peek()? {
                Some(b',') => body.pos += 1,
                Some(b'}') => {
                    body.pos += 1;
                    break;
                }
                _ => {
                    return Err(not_an_envelope(
                        "a member of the object is not followed by ',' or '}'",
                    )
                    .into());
                }
            }
        }
    }
    if body.peek()?.is_some() {
        return Err(not_an_envelope("something follows the object").into());
    }
    if found {
        Ok(())
    } else {
        Err(IngestError::Malformed(
            "the body has no `records`; send {\"records\": [ ... ]}".to_owned(),
        )
        .into())
    }
}

/// Reads the `records` array, the body positioned at its value.
fn records<E: From<IngestError>>(
    body: &mut Body<impl Read>,
    max: usize,
    each: &mut dyn FnMut(RecordIn) -> Result<(), E>,
) -> Result<(), E> {
    if body.peek()? != Some(b'[') {
        return Err(not_an_envelope("`records` is not an array of record objects").into());
    }
    body.pos += 1;
    if body.peek()? == Some(b']') {
        body.pos += 1;
        return Ok(());
    }
    let mut number = 0;
    loop {
        if body.peek()?.is_none() {
            return Err(not_an_envelope("the body ends inside `records`").into());
        }
        if number == max {
            return Err(IngestError::TooManyRecords { max }.into());
        }
        let text = body.parse(raw_text)?;
        each(RecordIn {
            number,
            text,
            reading_problems: Vec::new(),
        })?;
        number += 1;
        match body.peek()? {
            Some(b',') => body.pos += 1,
            Some(b']') => {
                body.pos += 1;
                return Ok(());
            }
            _ => {
                return Err(
                    not_an_envelope("a record in `records` is not followed by ',' or ']'").into(),
                );
            }
        }
    }
}

/// Parses one owned value at the start of `slice`: the value and the bytes it took.
fn owned<T: serde::de::DeserializeOwned>(slice: &[u8]) -> Result<(T, usize), serde_json::Error> {
    let mut values = serde_json::Deserializer::from_slice(slice).into_iter::<T>();
    match values.next() {
        Some(Ok(value)) => Ok((value, values.byte_offset())),
        Some(Err(error)) => Err(error),
        None => Err(serde_json::Error::custom("no value")),
    }
}

/// The text of the one JSON value that starts `slice` (serde checks it is UTF-8), and the bytes
/// it took.
fn raw_text(slice: &[u8]) -> Result<(String, usize), serde_json::Error> {
    let mut values = serde_json::Deserializer::from_slice(slice).into_iter::<&RawValue>();
    match values.next() {
        Some(Ok(raw)) => Ok((raw.get().to_owned(), values.byte_offset())),
        Some(Err(error)) => Err(error),
        None => Err(serde_json::Error::custom("no value")),
    }
}

fn not_an_envelope(why: &str) -> IngestError {
    IngestError::Malformed(format!(
        "the body is not a JSON object of the form {{\"records\": [...]}}: {why}"
    ))
}

fn unreadable(error: &io::Error) -> IngestError {
    IngestError::Unreadable(error.to_string())
}

/// The part of the body read and not yet consumed.
struct Body<R> {
    reader: R,
    buf: Vec<u8>,
    /// Where the next value starts in `buf`.
    pos: usize,
    /// Whether the whole body has been read.
    ended: bool,
    /// How far into the body `buf` starts, for messages.
    dropped: usize,
    /// Parses tried, each value's retries included: what keeps a huge value linear.
    attempts: usize,
    /// Bytes asked of the body at a time.
    block: usize,
}

impl<R: Read> Body<R> {
    fn new(reader: R, block: usize) -> Self {
        Body {
            reader,
            buf: Vec::with_capacity(block),
            pos: 0,
            ended: false,
            dropped: 0,
            attempts: 0,
            block,
        }
    }

    /// Reads until at least `want` bytes past `pos` are in the buffer, or the body has ended.
    fn fill(&mut self, want: usize) -> Result<(), IngestError> {
        if self.pos >= self.block && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.dropped += self.pos;
            self.pos = 0;
        }
        while !self.ended && self.buf.len() - self.pos < want {
            let start = self.buf.len();
            let ask = self.block.max(want - (start - self.pos));
            self.buf.resize(start + ask, 0);
            let read = loop {
                match self.reader.read(&mut self.buf[start..]) {
                    Ok(read) => break read,
                    Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                    Err(error) => {
                        self.buf.truncate(start);
                        return Err(unreadable(&error));
                    }
                }
            };
            self.buf.truncate(start + read);
            self.ended = read == 0;
        }
        Ok(())
    }

    /// The next byte that is not JSON whitespace, left unconsumed; `None` at the end of the
    /// body.
    fn peek(&mut self) -> Result<Option<u8>, IngestError> {
        loop {
            while let Some(&byte) = self.buf.get(self.pos) {
                if matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                    self.pos += 1;
                } else {
                    return Ok(Some(byte));
                }
            }
            if self.ended {
                return Ok(None);
            }
            self.fill(1)?;
        }
    }

    /// Parses the value at `pos` (past whitespace) with `parse` and moves past it. A value
    /// that reaches the end of what has been read may go on: more is read and it is parsed
    /// again, each time asking for twice what is buffered.
    fn parse<T>(
        &mut self,
        parse: impl Fn(&[u8]) -> Result<(T, usize), serde_json::Error>,
    ) -> Result<T, IngestError> {
        loop {
            self.attempts += 1;
            let available = &self.buf[self.pos..];
            match parse(available) {
                Ok((value, used)) if used < available.len() || self.ended => {
                    self.pos += used;
                    return Ok(value);
                }
                Ok(_) => {}
                // A value cut short by what has arrived: serde says "EOF", or, for a number or
                // literal cut mid-way ("0.", "1e", "tru"), finds a bad character at the very end.
                Err(error)
                    if !self.ended
                        && (error.classify() == Category::Eof
                            || error_offset(available, &error) + 1 >= available.len()) => {}
                Err(error) => {
                    return Err(not_an_envelope(&format!(
                        "{} (in the value at byte {})",
                        error_text(&error),
                        self.dropped + self.pos
                    )));
                }
            }
            let want = (available.len() * 2).max(self.block);
            self.fill(want)?;
        }
    }
}

/// Where in `slice` serde met the error, from its line and column.
fn error_offset(slice: &[u8], error: &serde_json::Error) -> usize {
    let line_start = match error.line() {
        0 | 1 => 0,
        line => slice
            .iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map_or(slice.len(), |(at, _)| at + 1),
    };
    line_start + error.column()
}

/// serde's message without its line and column, which count from the value, not the body.
fn error_text(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands the body over `step` bytes at a time, as the network does.
    struct Trickle<'a> {
        body: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.body.len());
            buf[..n].copy_from_slice(&self.body[..n]);
            self.body = &self.body[n..];
            Ok(n)
        }
    }

    /// The records of `body`, handed over `step` bytes at a time and asked for in blocks of
    /// `step` (so that every value is cut somewhere when `step` is small).
    fn read(body: &[u8], step: usize, max: usize) -> Result<Vec<(usize, String)>, IngestError> {
        let mut seen = Vec::new();
        let block = step.min(BLOCK_BYTES);
        read_records_in_blocks(Trickle { body, step }, block, max, &mut |record| {
            seen.push((record.number, record.text));
            Ok::<_, IngestError>(())
        })?;
        Ok(seen)
    }

    #[test]
    fn records_are_the_same_however_the_body_arrives() {
        let mut body = String::from("{\"before\": {\"records\": [1]}, \"records\": [");
        let mut expected = Vec::new();
        for n in 0..2_000 {
            let record = format!(
                "{{\"localId\": \"E-{n}\", \"note\": \"{}\\\"]}}\", \"n\": {n}, \
                 \"efts\": 0.125, \"big\": -1.5e-7, \"flags\": [true, false, null]}}",
                "x".repeat(n % 300)
            );
            if n > 0 {
                body.push_str(",\n ");
            }
            body.push_str(&record);
            expected.push((n, record));
        }
        body.push_str("], \"after\": [true, null, 1e5], \"records\": [\"ignored\"]}  \n");
        for step in [1, 7, 4096, usize::MAX] {
            assert_eq!(
                read(body.as_bytes(), step, 10_000).unwrap(),
                expected,
                "{step}"
            );
        }
    }

    #[test]
    fn a_number_cut_by_the_network_is_read_whole() {
        let body = br#"{"records": [12345678, 9]}"#;
        assert_eq!(
            read(body, 1, 10).unwrap(),
            vec![(0, "12345678".to_owned()), (1, "9".to_owned())]
        );
    }

    #[test]
    fn a_huge_record_is_parsed_a_few_times_not_once_a_block() {
        let record = format!("{{\"localId\": \"{}\"}}", "y".repeat(20_000_000));
        let body = format!("{{\"records\": [{record}]}}");
        let mut parsed = Body::new(
            Trickle {
                body: body.as_bytes(),
                step: 64 * 1024,
            },
            BLOCK_BYTES,
        );
        let mut seen = Vec::new();
        parsed.peek().unwrap();
        parsed.pos += 1;
        parsed.peek().unwrap();
        let key = parsed.parse(owned::<String>).unwrap();
        assert_eq!(key, "records");
        parsed.peek().unwrap();
        parsed.pos += 1;
        records(&mut parsed, 10, &mut |record| {
            seen.push(record.text.len());
            Ok::<_, IngestError>(())
        })
        .unwrap();
        assert_eq!(seen, [record.len()]);
        // Asking for twice what is buffered each time: about log2(20 MB / 256 KiB) retries.
        // Retrying at every block would be 300 parses of up to 20 MB.
        assert!(parsed.attempts < 20, "{} parses", parsed.attempts);
    }

    #[test]
    fn bodies_that_are_not_one_envelope_are_refused() {
        for body in [
            "",
            "not json",
            "[]",
            "{}",
            "{records: []}",
            r#"{"records": {}}"#,
            r#"{"records": null}"#,
            r#"{"records": []} trailing"#,
            r#"{"records": [] "x": 1}"#,
            r#"{"records": [{"a": 1} {"b": 2}]}"#,
            r#"{"records": [{"a": tru}]}"#,
            r#"{"records": [{"a": 1}"#,
            r#"{"records": [{"a": "unterminated}]}"#,
            r#"{"records" [1]}"#,
        ] {
            for step in [1, usize::MAX] {
                assert!(
                    matches!(
                        read(body.as_bytes(), step, 10),
                        Err(IngestError::Malformed(_))
                    ),
                    "{body:?} in steps of {step}"
                );
            }
        }
    }

    #[test]
    fn invalid_utf8_is_refused() {
        let mut body = br#"{"records": [{"a": ""#.to_vec();
        body.push(0xff);
        body.extend_from_slice(br#""}]}"#);
        assert!(matches!(read(&body, 3, 10), Err(IngestError::Malformed(_))));
    }

    #[test]
    fn the_record_limit_is_its_own_error_and_the_callback_can_stop_the_read() {
        assert_eq!(
            read(br#"{"records": [{}, {}, {}, {}]}"#, 5, 3),
            Err(IngestError::TooManyRecords { max: 3 })
        );
        assert_eq!(
            read(br#"{"records": [{}, {}, {}]}"#, 5, 3).unwrap().len(),
            3
        );
        /// How the read ended: the reader's error, or the callback's.
        #[derive(Debug, PartialEq)]
        enum Ended {
            Reading(IngestError),
            Stopped(usize),
        }
        impl From<IngestError> for Ended {
            fn from(error: IngestError) -> Self {
                Ended::Reading(error)
            }
        }
        let outcome = read_records(&br#"{"records": [1, 2, 3]}"#[..], 10, &mut |record| {
            if record.number == 1 {
                Err(Ended::Stopped(record.number))
            } else {
                Ok(())
            }
        });
        assert_eq!(outcome, Err(Ended::Stopped(1)));
    }
}
