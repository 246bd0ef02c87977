//! A 300,000-row file is read as a stream: rows come out while most of the file has not been
//! read yet, and nothing of it is kept.

use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;

use dxp_domain::SdrFile;
use dxp_formats::CsvRecords;

const ROWS: usize = 300_000;

const HEADER: &str = "Provider Code,Student Identification Code,Qualification Code,Course Code,\
Course Start Date,Course End Date,Student Course Withdrawal Date,\
Category of Fees Assessment for International Students for each enrolment,\
Intramural or Extramural Attendance,Course Delivery Site,Source of Funding,Residential Status,\
Australian Residential Status,Funding Category,Course Classification,NZSCED Field of Study,\
Course EFTS Factor,EFTS by Month,National Student Number,Consortium,ITE Sector,ITE Subject,\
Apprenticeships,Secondary School Programme Indicator,Actual Course Fee\r\n";

/// A Course Enrolment file generated a row at a time as it is read; `handed_out` counts the
/// bytes given to the reader so far.
struct GeneratedFile {
    next_row: usize,
    pending: Vec<u8>,
    at: usize,
    handed_out: Rc<Cell<usize>>,
}

impl GeneratedFile {
    fn new(handed_out: Rc<Cell<usize>>) -> Self {
        GeneratedFile {
            next_row: 0,
            pending: HEADER.as_bytes().to_vec(),
            at: 0,
            handed_out,
        }
    }

    fn refill(&mut self) -> bool {
        if self.next_row == ROWS {
            return false;
        }
        let n = self.next_row;
        self.next_row += 1;
        self.pending.clear();
        self.at = 0;
        let day = n % 28 + 1;
        let line = format!(
            "6004,S{n:08},PC4001,ECON{course:03},{day:02}/02/2026,26/06/2026,,00,1,01,01,N,N,A2,\
             13.1,091901,0.125,0.025;0.025;0.025;0.025;0.025,{nsn},,,,N,N,1043.50\r\n",
            course = n % 1000,
            nsn = 100_000_000 + n,
        );
        self.pending.extend_from_slice(line.as_bytes());
        true
    }
}

impl Read for GeneratedFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.pending.len() && !self.refill() {
            return Ok(0);
        }
        let count = buf.len().min(self.pending.len() - self.at);
        buf[..count].copy_from_slice(&self.pending[self.at..self.at + count]);
        self.at += count;
        self.handed_out.set(self.handed_out.get() + count);
        Ok(count)
    }
}

#[test]
fn a_300000_row_file_streams() {
    let handed_out = Rc::new(Cell::new(0));
    let mut records = CsvRecords::new(
        SdrFile::CourseEnrolments,
        GeneratedFile::new(handed_out.clone()),
    )
    .unwrap();

    let first = records.next().unwrap().unwrap();
    assert_eq!(first.row, 2);
    assert!(first.problems.is_empty(), "{:?}", first.problems);
    // The reader buffers a few KiB ahead, not the file (about 60 MB).
    assert!(
        handed_out.get() < 64 * 1024,
        "{} bytes read for the first row",
        handed_out.get()
    );

    let mut count = 1;
    let mut last = first;
    for row in records {
        let row = row.unwrap();
        count += 1;
        if count % 50_000 == 0 {
            assert!(row.problems.is_empty(), "{:?}", row.problems);
            assert!(
                row.json.contains("\"actualCourseFee\":1043.5"),
                "{}",
                row.json
            );
        }
        last = row;
    }
    assert_eq!(count, ROWS);
    assert_eq!(last.row, ROWS + 1);
    assert_eq!(last.local_id, format!("row-{}", ROWS + 1));
    assert!(handed_out.get() > 40_000_000, "the whole file was read");
}
