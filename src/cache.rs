//! The opt-in ETag response cache, bounded by entries and bytes.
//!
//! Least recently used first out: each entry carries the tick of its last
//! store or read, and `order` maps ticks back to keys, so the oldest is the
//! first key of a `BTreeMap` (O(log n) per read, store and eviction).
//! Written out rather than taken from the `lru` crate: these few lines of
//! std need no `unsafe`, and the byte budget is counted here either way.

use std::collections::{BTreeMap, HashMap};

/// (URL, token).
type Key = (String, String);

/// Maps (URL, token) to the last `ETag` and body seen, least recently used
/// (read or stored) entries evicted first.
pub(crate) struct Cache {
    max_entries: usize,
    max_bytes: usize,
    bytes: usize,
    tick: u64,
    entries: HashMap<Key, Entry>,
    /// Every key by the tick of its last use, oldest first.
    order: BTreeMap<u64, Key>,
}

struct Entry {
    etag: String,
    body: Vec<u8>,
    used: u64,
}

impl Cache {
    pub fn new(max_entries: usize, max_bytes: usize) -> Cache {
        Cache {
            max_entries,
            max_bytes,
            bytes: 0,
            tick: 0,
            entries: HashMap::new(),
            order: BTreeMap::new(),
        }
    }

    /// The `ETag` and body stored for (URL, token), which become the most
    /// recently used.
    pub fn get(&mut self, url: &str, token: &str) -> Option<(String, Vec<u8>)> {
        let entry = self.entries.get_mut(&(url.to_owned(), token.to_owned()))?;
        self.tick += 1;
        if let Some(key) = self.order.remove(&entry.used) {
            self.order.insert(self.tick, key);
        }
        entry.used = self.tick;
        Some((entry.etag.clone(), entry.body.clone()))
    }

    /// Stores the answer; one too big for the budget is not kept, and the
    /// older entry for the same key is dropped either way.
    pub fn put(&mut self, url: &str, token: &str, etag: String, body: Vec<u8>) {
        let key = (url.to_owned(), token.to_owned());
        self.remove_key(&key);
        if body.len() > self.max_bytes || self.max_entries == 0 {
            return;
        }
        while self.entries.len() >= self.max_entries || self.bytes + body.len() > self.max_bytes {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            if let Some(e) = self.entries.remove(&oldest) {
                self.bytes -= e.body.len();
            }
        }
        self.tick += 1;
        self.bytes += body.len();
        self.order.insert(self.tick, key.clone());
        let entry = Entry {
            etag,
            body,
            used: self.tick,
        };
        self.entries.insert(key, entry);
    }

    /// Forgets the entry for (URL, token).
    pub fn remove(&mut self, url: &str, token: &str) {
        self.remove_key(&(url.to_owned(), token.to_owned()));
    }

    fn remove_key(&mut self, key: &Key) {
        if let Some(old) = self.entries.remove(key) {
            self.bytes -= old.body.len();
            self.order.remove(&old.used);
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        assert_eq!(self.order.len(), self.entries.len());
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::Cache;

    #[test]
    fn evicts_by_count_and_bytes() {
        let mut c = Cache::new(2, 10);
        c.put("a", "t", "e1".into(), "1234".into());
        c.put("b", "t", "e2".into(), "1234".into());
        c.put("c", "t", "e3".into(), "1234".into());
        assert_eq!(c.len(), 2);
        assert!(c.get("a", "t").is_none());
        assert_eq!(c.get("c", "t").unwrap().0, "e3");
        // Over the byte budget: evicts until it fits.
        c.put("d", "t", "e4".into(), "123456789".into());
        assert_eq!(c.len(), 1);
        // Keyed by token too.
        assert!(c.get("d", "other").is_none());
        // Too big to ever fit: not stored.
        c.put("e", "t", "e5".into(), "12345678901".into());
        assert!(c.get("e", "t").is_none());
    }

    #[test]
    fn a_read_entry_outlives_older_unread_ones() {
        let mut c = Cache::new(2, 100);
        c.put("a", "t", "e1".into(), "1".into());
        c.put("b", "t", "e2".into(), "2".into());
        // Reading `a` makes `b` the least recently used.
        assert_eq!(c.get("a", "t").unwrap().0, "e1");
        c.put("c", "t", "e3".into(), "3".into());
        assert_eq!(c.get("a", "t").unwrap().0, "e1");
        assert!(c.get("b", "t").is_none());
        assert_eq!(c.get("c", "t").unwrap().0, "e3");
        // The same by bytes: `c` was read last, so `a` goes first.
        let mut c = Cache::new(10, 10);
        c.put("a", "t", "e1".into(), "1234".into());
        c.put("b", "t", "e2".into(), "1234".into());
        c.get("a", "t").unwrap();
        c.put("c", "t", "e3".into(), "1234".into());
        assert!(c.get("b", "t").is_none());
        assert!(c.get("a", "t").is_some() && c.get("c", "t").is_some());
    }

    #[test]
    fn a_new_answer_that_does_not_fit_drops_the_stale_one() {
        let mut c = Cache::new(4, 10);
        c.put("a", "t", "old".into(), "1234".into());
        c.put("a", "t", "new".into(), "12345678901".into());
        assert!(c.get("a", "t").is_none());
        assert_eq!((c.len(), c.bytes), (0, 0));
        c.put("b", "t", "e".into(), "12".into());
        c.remove("b", "t");
        c.remove("b", "t");
        assert_eq!((c.len(), c.bytes), (0, 0));
    }
}
