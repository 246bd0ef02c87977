//! Initial Teacher Education (ITE): the sector list and the NZSCED fields that make an
//! enrolment an ITE enrolment.

/// ITE Sector, spec 003's list (an `int32` on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IteSector {
    /// 1: Early Childhood.
    EarlyChildhood,
    /// 2: Primary.
    Primary,
    /// 3: Secondary. Needs at least one ITE subject.
    Secondary,
}

impl IteSector {
    pub const ALL: [IteSector; 3] = [
        IteSector::EarlyChildhood,
        IteSector::Primary,
        IteSector::Secondary,
    ];

    pub fn code(self) -> i32 {
        match self {
            IteSector::EarlyChildhood => 1,
            IteSector::Primary => 2,
            IteSector::Secondary => 3,
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            IteSector::EarlyChildhood => "Early Childhood",
            IteSector::Primary => "Primary",
            IteSector::Secondary => "Secondary",
        }
    }

    pub fn from_code(code: i32) -> Option<IteSector> {
        IteSector::ALL
            .into_iter()
            .find(|sector| sector.code() == code)
    }
}

/// One NZSCED field of study that spec 003 names as an ITE enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IteNzsced {
    /// The code as a number: spec 003 writes `70101`, the NZSCED classification `070101`.
    pub number: u32,
    pub meaning: &'static str,
    /// The one sector the field teaches for; `None` for 070108 (General), the field spec 003
    /// reserves for qualifications that cover more than one sector.
    pub sector: Option<IteSector>,
}

/// The ITE fields of study, in spec 003's order.
pub static ITE_NZSCED: [IteNzsced; 10] = [
    IteNzsced {
        number: 70101,
        meaning: "Teacher Education: Early Childhood (Pre-Service)",
        sector: Some(IteSector::EarlyChildhood),
    },
    IteNzsced {
        number: 70103,
        meaning: "Teacher Education: Primary (Pre-Service)",
        sector: Some(IteSector::Primary),
    },
    IteNzsced {
        number: 70105,
        meaning: "Teacher Education: Secondary (Pre-Service)",
        sector: Some(IteSector::Secondary),
    },
    IteNzsced {
        number: 70108,
        meaning: "Teacher Education: General (Pre-Service)",
        sector: None,
    },
    IteNzsced {
        number: 70118,
        meaning: "Bilingual Early Childhood Teacher Training (Pre-Service)",
        sector: Some(IteSector::EarlyChildhood),
    },
    IteNzsced {
        number: 70120,
        meaning: "Immersion Early Childhood Teacher Training (Pre-Service)",
        sector: Some(IteSector::EarlyChildhood),
    },
    IteNzsced {
        number: 70122,
        meaning: "Bilingual Primary Teacher Training (Pre-Service)",
        sector: Some(IteSector::Primary),
    },
    IteNzsced {
        number: 70124,
        meaning: "Immersion Primary Teacher Training (Pre-Service)",
        sector: Some(IteSector::Primary),
    },
    IteNzsced {
        number: 70126,
        meaning: "Bilingual Secondary Teacher Training (Pre-Service)",
        sector: Some(IteSector::Secondary),
    },
    IteNzsced {
        number: 70128,
        meaning: "Immersion Secondary Teacher Training (Pre-Service)",
        sector: Some(IteSector::Secondary),
    },
];

impl IteNzsced {
    /// The ITE field a `nzscedFieldOfStudy` value names, if any. The code is compared as a
    /// number so that `070101` (the classification's spelling) and `70101` (spec 003's) are the
    /// same field; anything but one to six ASCII digits is not an ITE field.
    pub fn find(nzsced: &str) -> Option<&'static IteNzsced> {
        if nzsced.is_empty() || nzsced.len() > 6 || !nzsced.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number = nzsced
            .bytes()
            .fold(0_u32, |acc, digit| acc * 10 + u32::from(digit - b'0'));
        ITE_NZSCED.iter().find(|field| field.number == number)
    }

    /// The code as the NZSCED classification writes it (six digits, `070101`).
    pub fn code(&self) -> String {
        format!("{:06}", self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ite_fields_match_with_and_without_the_leading_zero() {
        for field in &ITE_NZSCED {
            assert_eq!(IteNzsced::find(&field.code()), Some(field));
            assert_eq!(IteNzsced::find(&field.number.to_string()), Some(field));
        }
    }

    #[test]
    fn other_fields_are_not_ite() {
        for text in [
            "070102", "070100", "070301", "091901", "7010", "0701010", "", "07010A",
        ] {
            assert_eq!(IteNzsced::find(text), None, "{text}");
        }
    }

    #[test]
    fn sectors_round_trip() {
        for sector in IteSector::ALL {
            assert_eq!(IteSector::from_code(sector.code()), Some(sector));
        }
        assert_eq!(IteSector::from_code(0), None);
        assert_eq!(IteSector::from_code(4), None);
    }
}
