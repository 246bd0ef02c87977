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

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Bytes gathered before the parser's first call. `csv_core` strips a byte-order mark only when
/// its first input holds the whole mark, and takes the empty rest of an input that was just the
/// mark for the end of the file; a body arrives in pieces of any size (a client may send the
/// mark on its own), so the first call gets the mark and at least one byte after it.
const HEAD_BYTES: usize = BOM.len() + 1;

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
    /// The first bytes of the input, read before the parser starts ([`HEAD_BYTES`]), and how
    /// far the parser has consumed them.
    head: [u8; HEAD_BYTES],
    head_len: usize,
    head_used: usize,
    /// Whether the head has been read and the parser called.
    started: bool,
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
            head: [0; HEAD_BYTES],
            head_len: 0,
            head_used: 0,
            started: false,
        }
    }

    /// Reads the first [`HEAD_BYTES`] of the input, or all of it when it is shorter.
    fn read_head(&mut self) -> std::io::Result<()> {
        while self.head_len < HEAD_BYTES {
            match self.input.read(&mut self.head[self.head_len..]) {
                Ok(0) => break,
                Ok(read) => self.head_len += read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    /// Reads the next record; returns the line it starts on, or `None` at the end of the input.
    /// Blank lines are skipped. A UTF-8 byte-order mark at the start is skipped (by the parser).
    pub(super) fn read(&mut self) -> std::io::Result<Option<usize>> {
        if self.done {
            return Ok(None);
        }
        if !self.started {
            if let Err(error) = self.read_head() {
                self.done = true;
                return Err(error);
            }
            self.started = true;
        }
        let (mut written, mut ended) = (0, 0);
        let mut start = None;
        loop {
            let from_head = self.head_used < self.head_len;
            let input = if from_head {
                &self.head[self.head_used..self.head_len]
            } else {
                match self.input.fill_buf() {
                    Ok(input) => input,
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(error) => {
                        self.done = true;
                        return Err(error);
                    }
                }
            };
            // The parser's first call strips a mark at the start of the file (the head holds
            // all of it); the mark is no line's content, so it does not start the first record.
            let mark = if from_head && self.head_used == 0 && input.starts_with(BOM) {
                BOM.len()
            } else {
                0
            };
            let (result, consumed, wrote, ends) =
                self.parser
                    .read_record(input, &mut self.bytes[written..], &mut self.ends[ended..]);
            for &byte in &input[mark.min(consumed)..consumed] {
                if start.is_none() && byte != b'\r' && byte != b'\n' {
                    start = Some(self.line);
                }
                // A line ends with CRLF, LF or a lone CR, as the parser's records do.
                if byte == b'\r' || (byte == b'\n' && !self.after_cr) {
                    self.line += 1;
                }
                self.after_cr = byte == b'\r';
            }
            if from_head {
                self.head_used += consumed;
            } else {
                self.input.consume(consumed);
            }
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
        lines_of(text.as_bytes())
    }

    /// Each record's first line and its fields.
    fn lines_of(input: impl Read) -> Vec<(usize, Vec<String>)> {
        let mut reader = RecordReader::new(input);
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

    /// Hands over one piece per read.
    struct Pieces(Vec<&'static [u8]>);

    impl Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Ok(0);
            }
            let piece = self.0.remove(0);
            let n = piece.len().min(buf.len());
            buf[..n].copy_from_slice(&piece[..n]);
            if n < piece.len() {
                self.0.insert(0, &piece[n..]);
            }
            Ok(n)
        }
    }

    fn lines_in_pieces(pieces: Vec<&'static [u8]>) -> Vec<(usize, Vec<String>)> {
        lines_of(Pieces(pieces))
    }

    /// Found by the fuzzer (`fuzz/corpus/fuzz_csv/regression-bom-*`): a byte-order mark read on
    /// its own ended the file, and one split over two reads was kept as part of the first title.
    #[test]
    fn a_byte_order_mark_is_skipped_however_it_arrives() {
        let expected = vec![
            (1, vec!["a".to_owned(), "b".to_owned()]),
            (2, vec!["c".to_owned()]),
        ];
        assert_eq!(
            lines_in_pieces(vec![b"\xef\xbb\xbf", b"\"a\",b\nc\n"]),
            expected
        );
        assert_eq!(
            lines_in_pieces(vec![b"\xef", b"\xbb", b"\xbf\"a\",b\nc\n"]),
            expected
        );
        assert_eq!(lines_in_pieces(vec![b"\xef\xbb\xbf"]), vec![]);
        assert_eq!(lines_in_pieces(vec![b"a", b",", b"b\n", b"c"]), expected);
        // The mark is not a line's content: a header after blank lines is on its own line.
        assert_eq!(lines("\u{feff}\n\na,b\nc")[0].0, 3);
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
