//! DXP CSV file names (SDR domain specification §1.1): `LEAR####.CSV`, `ENRL####.CSV`,
//! `REGT####.CSV`, `COURCOMP####.CSV`, `QUALCOMP####.CSV`, where `####` is the provider's EDUMIS
//! number; the indicative (March) return's files are prefixed `IND` (`INDLEAR6004.CSV`). The EFTS
//! forecast's `EFTSFCST####.CSV` is ours (the funder's template is not public).
//! Legacy STEO names (`STUD6004.txt`) are in [`crate::legacy`].

use dxp_domain::{Edumis, SdrFile};

/// The prefix of the indicative return's file names.
const INDICATIVE_PREFIX: &str = "IND";

/// The file, provider and round a DXP CSV file name stands for: `ENRL6004.CSV` →
/// (course enrolments, 6004, not indicative); `INDLEAR6004.csv` → (learners, 6004,
/// indicative). Case is ignored; a directory in front of the name is ignored. `None` for any
/// other name, including an `IND` name of a file the indicative return does not have
/// (`INDCOURCOMP6004.CSV`) and a provider code that is not four digits.
pub fn parse_file_name(name: &str) -> Option<(SdrFile, Edumis, bool)> {
    let name = base_name(name);
    let stem = strip_suffix_ignore_case(name, ".csv")?;
    let (stem, indicative) = match strip_prefix_ignore_case(stem, INDICATIVE_PREFIX) {
        Some(rest) => (rest, true),
        None => (stem, false),
    };
    let (file, digits) = SdrFile::EVERY.into_iter().find_map(|file| {
        strip_prefix_ignore_case(stem, file.csv_prefix()).map(|digits| (file, digits))
    })?;
    if indicative && !SdrFile::INDICATIVE.contains(&file) {
        return None;
    }
    let edumis = parse_provider_digits(digits)?;
    Some((file, edumis, indicative))
}

/// The DXP CSV file name of `file` for the provider `edumis`: `ENRL6004.CSV`, or
/// `INDENRL6004.CSV` for the indicative return. The provider code is written with four digits
/// (`LEAR0042.CSV`). Only learners, course enrolments and courses are part of the indicative
/// return; for the other files `indicative` still adds the prefix, and [`parse_file_name`]
/// refuses the result.
pub fn file_name(file: SdrFile, edumis: Edumis, indicative: bool) -> String {
    let prefix = if indicative { INDICATIVE_PREFIX } else { "" };
    format!("{prefix}{}{:04}.CSV", file.csv_prefix(), edumis.value())
}

/// The last component of a path, `/` or `\` separated.
pub(crate) fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

pub(crate) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

pub(crate) fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let at = text.len().checked_sub(suffix.len())?;
    let tail = text.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..at])
}

/// A provider code as file names write it: exactly four digits.
pub(crate) fn parse_provider_digits(digits: &str) -> Option<Edumis> {
    if digits.len() != 4 || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edumis(value: i64) -> Edumis {
        Edumis::new(value).unwrap()
    }

    #[test]
    fn parses_the_five_files_and_the_indicative_three() {
        assert_eq!(
            parse_file_name("ENRL6004.CSV"),
            Some((SdrFile::CourseEnrolments, edumis(6004), false))
        );
        assert_eq!(
            parse_file_name("indlear6004.csv"),
            Some((SdrFile::Learners, edumis(6004), true))
        );
        assert_eq!(
            parse_file_name("C:\\exports\\QualComp0042.Csv"),
            Some((SdrFile::QualificationCompletions, edumis(42), false))
        );
        assert_eq!(
            parse_file_name("/tmp/COURCOMP6004.CSV"),
            Some((SdrFile::CourseCompletions, edumis(6004), false))
        );
        assert_eq!(
            parse_file_name("INDREGT6004.CSV"),
            Some((SdrFile::Courses, edumis(6004), true))
        );
    }

    #[test]
    fn refuses_other_names() {
        for name in [
            "ENRL6004.TXT",
            "ENRL604.CSV",
            "ENRL60045.CSV",
            "ENRL0000.CSV",
            "ENRLabcd.CSV",
            "INDCOURCOMP6004.CSV",
            "COUR6004.CSV",
            "ENRL6004",
            ".CSV",
            "",
            "ENRL६००४.CSV",
        ] {
            assert_eq!(parse_file_name(name), None, "{name}");
        }
    }

    #[test]
    fn names_read_back() {
        for file in SdrFile::EVERY {
            for indicative in [false, true] {
                let name = file_name(file, edumis(42), indicative);
                let expected = (!indicative || SdrFile::INDICATIVE.contains(&file)).then_some((
                    file,
                    edumis(42),
                    indicative,
                ));
                assert_eq!(parse_file_name(&name), expected, "{name}");
            }
        }
        assert_eq!(
            file_name(SdrFile::CourseEnrolments, edumis(6004), false),
            "ENRL6004.CSV"
        );
        assert_eq!(
            file_name(SdrFile::Learners, edumis(6004), true),
            "INDLEAR6004.CSV"
        );
    }
}
