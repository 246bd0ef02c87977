//! The indexes the rules look records up in, and the lists of records their messages name.
//!
//! An index groups the records of one file by a match key, with one pass over the file: a table
//! from each key to its [`Group`] (first record, last record, count) and, per record, the
//! position of the next record with the same key. Looking a key up is one probe, walking a
//! group follows the chain in file order, and no group allocates a list of its own: a return of
//! 300,000 enrolments costs one table and one array per key, whatever the keys.
//!
//! Identifiers are numbered densely as the records are read ([`super::read::Id`]), so an index
//! by one identifier is a plain array ([`ById`]); an index by a compound key ([`ByKey`]) is a
//! hash map over small numbers, hashed with std's keyed SipHash (`RandomState`) so that a
//! sender cannot choose keys that collide and slow the check down.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

use super::read::Id;
use crate::SdrFile;
use crate::validation::sink::Shown;

/// The records of one file that share a key, by position in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Group {
    pub first: usize,
    last: usize,
    pub count: usize,
}

/// Marks the end of a chain.
const END: usize = usize::MAX;

/// Where an index keeps its groups.
pub(super) trait Slots {
    type Key;
    /// The group of `key`, created empty if there is none.
    fn slot(&mut self, key: Self::Key) -> &mut Option<Group>;
    fn find(&self, key: &Self::Key) -> Option<Group>;
}

impl<K: Hash + Eq> Slots for HashMap<K, Option<Group>> {
    type Key = K;

    fn slot(&mut self, key: K) -> &mut Option<Group> {
        self.entry(key).or_insert(None)
    }

    fn find(&self, key: &K) -> Option<Group> {
        self.get(key).copied().flatten()
    }
}

/// One slot per identifier of a kind.
pub(super) struct Dense(Vec<Option<Group>>);

impl Slots for Dense {
    type Key = Id;

    fn slot(&mut self, key: Id) -> &mut Option<Group> {
        &mut self.0[key.index()]
    }

    fn find(&self, key: &Id) -> Option<Group> {
        self.0.get(key.index()).copied().flatten()
    }
}

/// Records of one file grouped by a key.
pub(super) struct Index<S> {
    slots: S,
    /// For each record, the position of the next record with the same key (or [`END`]).
    next: Vec<usize>,
}

/// An index by a compound key.
pub(super) type ByKey<K> = Index<HashMap<K, Option<Group>>>;
/// An index by one kind of identifier.
pub(super) type ById = Index<Dense>;

impl<K: Hash + Eq> ByKey<K> {
    /// Groups the records by their keys (`None`: the record has no known key and is left out).
    /// `expected` is how many distinct keys to make room for.
    pub(super) fn new(keys: impl ExactSizeIterator<Item = Option<K>>, expected: usize) -> Self {
        Index::build(HashMap::with_capacity(expected), keys)
    }
}

impl ById {
    /// Groups the records by an identifier of a kind with `kinds` distinct identifiers.
    pub(super) fn new(ids: impl ExactSizeIterator<Item = Option<Id>>, kinds: usize) -> Self {
        Index::build(Dense(vec![None; kinds]), ids)
    }
}

impl<S: Slots> Index<S> {
    fn build(mut slots: S, keys: impl ExactSizeIterator<Item = Option<S::Key>>) -> Self {
        let mut next = vec![END; keys.len()];
        for (position, key) in keys.enumerate() {
            let Some(key) = key else { continue };
            match slots.slot(key) {
                Some(group) => {
                    next[group.last] = position;
                    group.last = position;
                    group.count += 1;
                }
                slot @ None => {
                    *slot = Some(Group {
                        first: position,
                        last: position,
                        count: 1,
                    });
                }
            }
        }
        Index { slots, next }
    }

    /// The group of a key, if any record has it.
    pub(super) fn get(&self, key: &S::Key) -> Option<Group> {
        self.slots.find(key)
    }

    /// Whether any record has the key.
    pub(super) fn contains(&self, key: &S::Key) -> bool {
        self.get(key).is_some()
    }

    /// The positions of a group's records, in file order.
    pub(super) fn members(&self, group: Group) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(group.first), |&position| {
            Some(self.next[position]).filter(|&next| next != END)
        })
    }
}

/// How many records a message names before it gives only a count: enough to find the records,
/// short enough that a return where thousands of records share one problem keeps its messages
/// (and the problem list) small.
pub(super) const MAX_NAMED: usize = 5;

/// A list of records for a message: `learners 'L-3', course-enrolments 'E-9' (2025) and 4
/// more`. Each item may carry a value shown after it in brackets.
#[derive(Debug, Default)]
pub(super) struct Named {
    items: Vec<String>,
    more: usize,
}

impl Named {
    /// An empty list that will name at most [`MAX_NAMED`] records.
    pub(super) fn new() -> Self {
        Named::default()
    }

    /// Adds a record; past [`MAX_NAMED`] only the count grows.
    pub(super) fn push(&mut self, file: SdrFile, local_id: &str, value: Option<&dyn fmt::Display>) {
        if self.items.len() == MAX_NAMED {
            self.more += 1;
            return;
        }
        self.items.push(match value {
            Some(value) => format!("{file} {} ({value})", Shown(local_id)),
            None => format!("{file} {}", Shown(local_id)),
        });
    }

    /// Adds `count` records that are not named.
    pub(super) fn add_unnamed(&mut self, count: usize) {
        self.more += count;
    }

    /// How many records the list stands for.
    pub(super) fn len(&self) -> usize {
        self.items.len() + self.more
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Display for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = self.items.len().saturating_sub(1);
        for (position, item) in self.items.iter().enumerate() {
            if position > 0 {
                f.write_str(if position == last && self.more == 0 {
                    " and "
                } else {
                    ", "
                })?;
            }
            f.write_str(item)?;
        }
        if self.more > 0 {
            write!(f, " and {} more", self.more)?;
        }
        Ok(())
    }
}

/// `1 enrolment`, `3 enrolments`.
pub(super) struct Count(pub usize, pub &'static str);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Count(count, noun) = *self;
        if count == 1 {
            write!(f, "1 {noun}")
        } else {
            write!(f, "{count} {noun}s")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_file_order_and_skip_unknown_keys() {
        let keys = [Some("A"), Some("B"), None, Some("A"), Some("A"), Some("C")];
        let index = ByKey::new(keys.into_iter(), 0);
        let a = index.get(&"A").unwrap();
        assert_eq!((a.first, a.count), (0, 3));
        assert_eq!(index.members(a).collect::<Vec<_>>(), [0, 3, 4]);
        let c = index.get(&"C").unwrap();
        assert_eq!(index.members(c).collect::<Vec<_>>(), [5]);
        assert!(index.get(&"D").is_none());
        assert!(index.contains(&"B"));

        let mut interner = super::super::read::Interners::default().students;
        let ids: Vec<Option<Id>> = keys
            .iter()
            .map(|key| key.map(|key| interner.code(key).id))
            .collect();
        let dense = ById::new(ids.iter().copied(), interner.len());
        let a = ids[0].unwrap();
        assert_eq!(
            dense.members(dense.get(&a).unwrap()).collect::<Vec<_>>(),
            [0, 3, 4]
        );
        assert!(dense.contains(&ids[5].unwrap()));
    }

    #[test]
    fn lists_name_a_few_records_then_count_the_rest() {
        let mut named = Named::new();
        named.push(SdrFile::Courses, "C-3", None);
        assert_eq!(named.to_string(), "courses 'C-3'");
        named.push(SdrFile::Courses, "C-9", Some(&0.25));
        assert_eq!(named.to_string(), "courses 'C-3' and courses 'C-9' (0.25)");
        for id in ["a", "b", "c", "d", "e"] {
            named.push(SdrFile::Learners, id, None);
        }
        assert_eq!(named.len(), 7);
        assert_eq!(
            named.to_string(),
            "courses 'C-3', courses 'C-9' (0.25), learners 'a', learners 'b', learners 'c' and 2 more"
        );
        assert_eq!(Count(1, "enrolment").to_string(), "1 enrolment");
        assert_eq!(Count(2, "enrolment").to_string(), "2 enrolments");
    }
}
