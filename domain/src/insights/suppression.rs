//! Small numbers are not shown (domain spec §6.1): the funder publishes no organisation-level
//! figure under 5 EFTS and no level-band figure under 30 EFTS, so that no learner can be
//! recognised from an indicator.

use serde::Serialize;

use super::units::Efts;

/// Which suppression threshold a figure is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Suppression {
    /// A figure for the whole organisation.
    Organisation,
    /// A figure for part of it: a level band, and (judgement call: the funder states the rule
    /// for bands, and an ethnic or age group is at least as easy to recognise someone in) an
    /// ethnic group or an age group.
    Group,
}

impl Suppression {
    /// The fewest EFTS a figure must rest on to be shown.
    pub const fn minimum(self) -> Efts {
        match self {
            Suppression::Organisation => Efts::whole(5),
            Suppression::Group => Efts::whole(30),
        }
    }

    /// `value` if it rests on `efts` or more than the minimum, otherwise the reason it is not
    /// shown.
    pub fn apply<T>(self, efts: Efts, value: T) -> Shown<T> {
        if efts >= self.minimum() {
            Shown::Value(value)
        } else {
            Shown::Suppressed {
                minimum: self.minimum(),
            }
        }
    }
}

/// A figure, or the fact that it is too small to show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown<T> {
    Value(T),
    /// Fewer EFTS than `minimum` stand behind the figure.
    Suppressed {
        minimum: Efts,
    },
}

impl<T> Shown<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Shown::Value(value) => Some(value),
            Shown::Suppressed { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_figure_needs_five_efts() {
        let at_four = Suppression::Organisation.apply(Efts::whole(4), 0.8);
        assert_eq!(
            at_four,
            Shown::Suppressed {
                minimum: Efts::whole(5)
            }
        );
        assert_eq!(
            Suppression::Organisation.apply(Efts(49_999), 0.8).value(),
            None
        );
        assert_eq!(
            Suppression::Organisation.apply(Efts::whole(5), 0.8),
            Shown::Value(0.8)
        );
    }

    #[test]
    fn a_group_figure_needs_thirty_efts() {
        assert_eq!(Suppression::Group.apply(Efts(299_999), 1).value(), None);
        assert_eq!(
            Suppression::Group.apply(Efts::whole(30), 1).value(),
            Some(&1)
        );
    }
}
