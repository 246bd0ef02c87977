//! Whatever bytes a file holds, reading it reports problems and never panics.

use dxp_domain::SdrFile;
use dxp_formats::CsvRecords;
use dxp_formats::legacy::{LegacyKind, LegacyRecords};
use proptest::prelude::*;

/// Bytes that are mostly CSV punctuation, line ends and multi-byte characters.
fn messy() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop::sample::select(
            [
                &b","[..],
                b"\"",
                b";",
                b"\r",
                b"\n",
                b" ",
                b"/",
                b"0",
                b"9",
                b"Y",
                b"x",
                "ā".as_bytes(),
                b"\xe2",
                b"\xff",
                b"\xef\xbb\xbf",
            ]
            .to_vec(),
        ),
        0..300,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn csv_rows_of_any_bytes_are_read_without_panicking(body in messy()) {
        for file in SdrFile::EVERY {
            let header = dxp_domain::fields::fields(file)
                .iter()
                .map(|spec| spec.title)
                .collect::<Vec<_>>()
                .join(",");
            let mut text = header.into_bytes();
            text.push(b'\n');
            text.extend_from_slice(&body);
            let records = CsvRecords::new(file, text.as_slice()).unwrap();
            let mut last = 1;
            for row in records {
                let row = row.unwrap();
                prop_assert!(row.row > last);
                last = row.row;
                let json: serde_json::Value = serde_json::from_str(&row.json).unwrap();
                prop_assert!(json.is_object());
                prop_assert!(row.problems.iter().all(|problem| problem.index == row.row));
            }
        }
    }

    #[test]
    fn csv_headers_of_any_bytes_are_read_without_panicking(text in messy()) {
        if let Ok(records) = CsvRecords::new(SdrFile::Courses, text.as_slice()) {
            for row in records {
                row.unwrap();
            }
        }
    }

    #[test]
    fn legacy_lines_of_any_bytes_are_read_without_panicking(text in messy()) {
        for kind in LegacyKind::ALL {
            for row in LegacyRecords::new(kind, text.as_slice()) {
                let row = row.unwrap();
                let json: serde_json::Value = serde_json::from_str(&row.json).unwrap();
                prop_assert!(json.is_object());
            }
        }
    }
}
