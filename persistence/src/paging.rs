//! Keyset paging, one way for every list the store pages: records by `localId`, problems and
//! audit events by id, submissions newest first.
//!
//! A page is asked for with the key of the last item of the previous page (the cursor) and a
//! length; the query filters on "after the cursor" in key order, so a page costs the same
//! however deep it is, and items added meanwhile are neither skipped nor repeated the way an
//! offset would. One row more than the page is loaded to learn whether another page follows,
//! so no list is ever counted.
//!
//! The cursor is the key itself: the text form clients see is the caller's business, and each
//! list keeps the one it has always had (a `localId`, a problem or event id, `<µs>.<id>` for
//! submissions), so cursors handed out before stay valid.

/// Where a page starts and how long it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest<K> {
    /// The key of the last item of the previous page; `None` for the first page.
    pub after: Option<K>,
    /// The most items the page holds; below 1 counts as 1, so a page always moves forward.
    pub limit: i64,
}

/// One page of a list in key order, and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T, K> {
    pub items: Vec<T>,
    /// The cursor of the next page: the key of this page's last item, `None` on the last page.
    pub next: Option<K>,
}

impl<K> PageRequest<K> {
    pub fn new(after: Option<K>, limit: i64) -> Self {
        PageRequest { after, limit }
    }

    /// The page's length, at least 1.
    pub fn page_len(&self) -> i64 {
        self.limit.max(1)
    }

    /// How many rows the query loads: one more than the page, whose presence says that another
    /// page follows.
    pub fn rows_to_load(&self) -> i64 {
        self.page_len().saturating_add(1)
    }

    /// Makes the page out of rows loaded in key order after the cursor, at most
    /// [`rows_to_load`](Self::rows_to_load) of them; `key_of` gives an item's key, the next
    /// page's cursor.
    pub fn page_of<T>(&self, mut rows: Vec<T>, key_of: impl Fn(&T) -> K) -> Page<T, K> {
        let len = usize::try_from(self.page_len()).unwrap_or(usize::MAX);
        let more = rows.len() > len;
        rows.truncate(len);
        let next = if more { rows.last().map(key_of) } else { None };
        Page { items: rows, next }
    }
}

impl<T, K> Page<T, K> {
    /// The same page with each item converted (a row into what callers see).
    pub fn map<U>(self, convert: impl FnMut(T) -> U) -> Page<U, K> {
        Page {
            items: self.items.into_iter().map(convert).collect(),
            next: self.next,
        }
    }

    /// The same page with each item converted, failing on the first item that cannot be (a
    /// stored row this code cannot read back, say).
    pub fn try_map<U, E>(self, convert: impl FnMut(T) -> Result<U, E>) -> Result<Page<U, K>, E> {
        Ok(Page {
            items: self
                .items
                .into_iter()
                .map(convert)
                .collect::<Result<_, _>>()?,
            next: self.next,
        })
    }
}

/// Walks a whole list page by page, for readers that need every item but never all of them at
/// once (the validator, a CSV export): `fetch` loads the page a request names, `each` takes its
/// items and answers whether to go on. Stops after the last page, at the first error, or when
/// `each` says stop.
pub fn walk<T, K, E>(
    page_len: i64,
    mut fetch: impl FnMut(&PageRequest<K>) -> Result<Page<T, K>, E>,
    mut each: impl FnMut(Vec<T>) -> Result<bool, E>,
) -> Result<(), E> {
    let mut request = PageRequest::new(None, page_len);
    loop {
        let page = fetch(&request)?;
        if !page.items.is_empty() && !each(page.items)? {
            return Ok(());
        }
        match page.next {
            Some(next) => request.after = Some(next),
            None => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page of `request` in the list 1..=total, as a store would load it.
    fn load(total: i64, request: &PageRequest<i64>) -> Page<i64, i64> {
        let start = request.after.unwrap_or(0) + 1;
        let rows: Vec<i64> = (start..=total)
            .take(request.rows_to_load() as usize)
            .collect();
        request.page_of(rows, |n| *n)
    }

    #[test]
    fn a_full_page_with_more_behind_it_names_its_last_key() {
        let page = load(10, &PageRequest::new(None, 3));
        assert_eq!(page.items, [1, 2, 3]);
        assert_eq!(page.next, Some(3));
        let page = load(10, &PageRequest::new(Some(3), 3));
        assert_eq!(page.items, [4, 5, 6]);
    }

    #[test]
    fn the_last_page_has_no_cursor_even_when_it_is_full() {
        let page = load(6, &PageRequest::new(Some(3), 3));
        assert_eq!(page.items, [4, 5, 6]);
        assert_eq!(page.next, None, "nothing follows the sixth item");
        assert_eq!(
            load(6, &PageRequest::new(Some(6), 3)).items,
            Vec::<i64>::new()
        );
    }

    #[test]
    fn a_length_below_one_still_moves_forward() {
        let request = PageRequest::new(None, 0);
        assert_eq!(request.rows_to_load(), 2);
        assert_eq!(load(5, &request).items, [1]);
        assert_eq!(
            PageRequest::<i64>::new(None, i64::MAX).rows_to_load(),
            i64::MAX
        );
    }

    #[test]
    fn walking_visits_every_item_once_in_order() {
        for total in [0, 1, 6, 7] {
            let mut seen = Vec::new();
            let mut loads = 0;
            walk(
                3,
                |request| {
                    loads += 1;
                    Ok::<_, ()>(load(total, request))
                },
                |items| {
                    seen.extend(items);
                    Ok(true)
                },
            )
            .expect("no error");
            assert_eq!(seen, (1..=total).collect::<Vec<_>>());
            assert_eq!(loads, (total.max(1) + 2) / 3, "{total} items in pages of 3");
        }
    }

    #[test]
    fn walking_stops_when_told_or_at_an_error() {
        let mut pages = 0;
        walk(
            2,
            |request| Ok::<_, ()>(load(10, request)),
            |_| {
                pages += 1;
                Ok(pages < 2)
            },
        )
        .expect("no error");
        assert_eq!(pages, 2);
        let failed = walk(
            2,
            |request| match request.after {
                Some(4) => Err("the database went away"),
                _ => Ok(load(10, request)),
            },
            |_| Ok(true),
        );
        assert_eq!(failed, Err("the database went away"));
    }

    #[test]
    fn converting_keeps_the_cursor_and_stops_at_the_first_failure() {
        let page = load(10, &PageRequest::new(None, 2));
        let doubled = page
            .clone()
            .try_map(|n| Ok::<_, ()>(n * 2))
            .expect("converts");
        assert_eq!((doubled.items, doubled.next), (vec![2, 4], Some(2)));
        let named = page.clone().map(|n| format!("#{n}"));
        assert_eq!(
            (named.items, named.next),
            (vec!["#1".to_owned(), "#2".to_owned()], Some(2))
        );
        let failed = page.try_map(|n| if n == 2 { Err(n) } else { Ok(n) });
        assert_eq!(failed, Err(2));
    }
}
