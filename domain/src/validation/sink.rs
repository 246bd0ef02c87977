//! Where rules report problems. A rule formats its message only when it has found something:
//! on the happy path nothing is allocated.

use std::fmt;

use super::Problem;
use super::rule::Rule;
use crate::calendar::RoundKind;

pub(crate) struct Sink<'a> {
    index: usize,
    local_id: Option<&'a str>,
    start_year: Option<i32>,
    /// The return the record belongs to, when known: rules that apply only from a later return
    /// report nothing.
    return_of: Option<(i32, Option<RoundKind>)>,
    out: &'a mut Vec<Problem>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(
        index: usize,
        local_id: Option<&'a str>,
        start_year: Option<i32>,
        out: &'a mut Vec<Problem>,
    ) -> Self {
        Sink {
            index,
            local_id,
            start_year,
            return_of: None,
            out,
        }
    }

    /// The sink of a record of a return of `year` (in `round`, when known).
    pub(crate) fn in_return(mut self, year: Option<i32>, round: Option<RoundKind>) -> Self {
        self.return_of = year.map(|year| (year, round));
        self
    }

    /// Records a breach of `rule` on `field` (`""` for the whole record).
    pub(crate) fn report(&mut self, rule: &Rule, field: &str, message: fmt::Arguments<'_>) {
        if let (Some(first), Some((year, round))) = (rule.from_return, self.return_of)
            && first.is_after(year, round)
        {
            return;
        }
        self.out.push(Problem {
            index: self.index,
            local_id: self.local_id.map(str::to_owned),
            field: field.to_owned(),
            rule: rule.code.to_owned(),
            severity: rule.severity_for(self.start_year),
            message: message.to_string(),
        });
    }
}

/// A value quoted for a message: at most [`Shown::MAX_CHARS`] characters, control characters
/// escaped, so a message stays one readable line whatever was sent.
pub(crate) struct Shown<'a>(pub &'a str);

impl Shown<'_> {
    const MAX_CHARS: usize = 60;
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("'")?;
        for (position, c) in self.0.chars().enumerate() {
            if position == Self::MAX_CHARS {
                f.write_str("…")?;
                break;
            }
            if c.is_control() {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        f.write_str("'")
    }
}

/// A character named for a message: `'-'`, or `U+0009` for a control character.
pub(crate) struct ShownChar(pub char);

impl fmt::Display for ShownChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == ' ' {
            f.write_str("a space")
        } else if self.0.is_control() || self.0.is_whitespace() {
            write!(f, "U+{:04X}", u32::from(self.0))
        } else {
            write!(f, "'{}'", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_values_are_quoted_escaped_and_truncated() {
        assert_eq!(Shown("ECON112").to_string(), "'ECON112'");
        assert_eq!(Shown("A\nB").to_string(), "'A\\u{a}B'");
        let long = "x".repeat(100);
        assert_eq!(Shown(&long).to_string().chars().count(), 60 + 3);
        assert_eq!(ShownChar(' ').to_string(), "a space");
        assert_eq!(ShownChar('\u{a0}').to_string(), "U+00A0");
        assert_eq!(ShownChar('-').to_string(), "'-'");
    }
}
