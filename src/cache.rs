//! The opt-in ETag response cache, bounded by entries and bytes.

use std::collections::HashMap;

/// Maps (URL, token) to the last `ETag` and body seen, least recently used
/// entries evicted first.
pub(crate) struct Cache {
    max_entries: usize,
    max_bytes: usize,
    bytes: usize,
    tick: u64,
    entries: HashMap<(String, String), Entry>,
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
        }
    }

    pub fn get(&self, url: &str, token: &str) -> Option<(String, Vec<u8>)> {
        self.entries
            .get(&(url.to_owned(), token.to_owned()))
            .map(|e| (e.etag.clone(), e.body.clone()))
    }

    /// Stores the answer; one too big for the budget is not kept, and the
    /// older entry for the same key is dropped either way.
    pub fn put(&mut self, url: &str, token: &str, etag: String, body: Vec<u8>) {
        let key = (url.to_owned(), token.to_owned());
        if let Some(old) = self.entries.remove(&key) {
            self.bytes -= old.body.len();
        }
        if body.len() > self.max_bytes || self.max_entries == 0 {
            return;
        }
        self.tick += 1;
        while !self.entries.is_empty()
            && (self.entries.len() >= self.max_entries || self.bytes + body.len() > self.max_bytes)
        {
            let oldest = self
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                if let Some(e) = self.entries.remove(&k) {
                    self.bytes -= e.body.len();
                }
            }
        }
        self.bytes += body.len();
        self.entries.insert(
            key,
            Entry {
                etag,
                body,
                used: self.tick,
            },
        );
    }

    /// Forgets the entry for (URL, token).
    pub fn remove(&mut self, url: &str, token: &str) {
        if let Some(old) = self.entries.remove(&(url.to_owned(), token.to_owned())) {
            self.bytes -= old.body.len();
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::Cache;

    #[test]
    fn evicts_least_recently_stored_by_count_and_bytes() {
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
