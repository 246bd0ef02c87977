//! Raw CSV records with the line each starts on.
//!
//! The `csv` crate's reader stamps a record with the line count at the moment it starts
//! reading, before it skips the `\n` of the previous CRLF and any blank lines, so with CRLF
//! files every row would be reported a line early. This drives `csv_core`'s parser directly and
//! counts lines over exactly the bytes it consumes: a record starts at its first byte that is
//! not a line end.

use std::io::{BufRead, BufReader, Read};

use csv_core::ReadRecordResult;

/// Fields of a row start at this many bytes and this many fields, and grow as needed.
const INITIAL_BYTES: usize = 1024;
const INITIAL_FIELDS: usize = 32;

pub(super) struct RecordReader<R> {
    input: BufReader<R>,
    parser: csv_core::Reader,
    /// The line the input's next byte is on, from 1.
    line: usize,
    /// Whether the last byte consumed was a CR (so that a LF after it ends no further line).
    after_cr: bool,
    /// The current record's field bytes, back to back, and where each field ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    fields: usize,
    done: bool,
}

impl<R: Read> RecordReader<R> {
    pub(super) fn new(reader: R) -> Self {
        RecordReader {
            input: BufReader::new(reader),
            parser: csv_core::Reader::new(),
            line: 1,
            after_cr: false,
            bytes: vec![0; INITIAL_BYTES],
            ends: vec![0; INITIAL_FIELDS],
            fields: 0,
            done: false,
        }
    }

    /// Reads the next record; returns the line it starts on, or `None` at the end of the input.
    /// Blank lines are skipped. A UTF-8 byte-order mark at the start is skipped (by the parser).
    pub(super) fn read(&mut self) -> std::io::Result<Option<usize>> {
        if self.done {
            return Ok(None);
        }
        let (mut written, mut ended) = (0, 0);
        let mut start = None;
        loop {
            let input = match self.input.fill_buf() {
                Ok(input) => input,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => {
                    self.done = true;
                    return Err(error);
                }
            };
            let (result, consumed, wrote, ends) =
                self.parser
                    .read_record(input, &mut self.bytes[written..], &mut self.ends[ended..]);
            for &byte in &input[..consumed] {
                if start.is_none() && byte != b'\r' && byte != b'\n' {
                    start = Some(self.line);
                }
                // A line ends with CRLF, LF or a lone CR, as the parser's records do.
                if byte == b'\r' || (byte == b'\n' && !self.after_cr) {
                    self.line += 1;
                }
                self.after_cr = byte == b'\r';
            }
            self.input.consume(consumed);
            written += wrote;
            ended += ends;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let len = self.bytes.len() * 2;
                    self.bytes.resize(len, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len() * 2;
                    self.ends.resize(len, 0);
                }
                ReadRecordResult::Record => {
                    self.fields = ended;
                    return Ok(Some(start.unwrap_or(self.line)));
                }
                ReadRecordResult::End => {
                    self.done = true;
                    self.fields = 0;
                    return Ok(None);
                }
            }
        }
    }

    /// How many fields the current record has.
    pub(super) fn len(&self) -> usize {
        self.fields
    }

    /// The bytes of field `at` of the current record; empty past its last field.
    pub(super) fn get(&self, at: usize) -> &[u8] {
        if at >= self.fields {
            return &[];
        }
        let start = if at == 0 { 0 } else { self.ends[at - 1] };
        &self.bytes[start..self.ends[at]]
    }

    /// The fields of the current record.
    pub(super) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.fields).map(|at| self.get(at))
    }

    /// The bytes of all the current record's fields together.
    pub(super) fn byte_len(&self) -> usize {
        match self.fields {
            0 => 0,
            count => self.ends[count - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, Vec<String>)> {
        let mut reader = RecordReader::new(text.as_bytes());
        let mut out = Vec::new();
        while let Some(line) = reader.read().unwrap() {
            let fields = reader
                .iter()
                .map(|field| String::from_utf8(field.to_vec()).unwrap())
                .collect();
            out.push((line, fields));
        }
        out
    }

    #[test]
    fn records_know_their_first_line() {
        let expected = vec![
            (1, vec!["a".to_owned(), "b".to_owned()]),
            (2, vec!["c".to_owned(), "d\ne".to_owned()]),
            (5, vec!["f".to_owned(), String::new()]),
        ];
        assert_eq!(lines("a,b\nc,\"d\ne\"\n\nf,\n"), expected);
        assert_eq!(lines("\u{feff}a,b\r\nc,\"d\ne\"\r\n\r\nf,"), expected);
        assert_eq!(lines("a,b\rc,\"d\ne\"\r\rf,\r"), expected);
        assert_eq!(lines(""), vec![]);
        assert_eq!(lines("\r\n\r\n"), vec![]);
    }

    #[test]
    fn long_records_grow_the_buffers() {
        let long = "x".repeat(5000);
        let many = vec!["y"; 100].join(",");
        let text = format!("{long},{long}\n{many}\n");
        let records = lines(&text);
        assert_eq!(records[0].1, vec![long.clone(), long]);
        assert_eq!(records[1].0, 2);
        assert_eq!(records[1].1.len(), 100);
    }
}
