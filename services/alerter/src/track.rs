//! Which input records are done. A record is done when every alert made from
//! it is delivered or dead-lettered; its offset may be stored only when every
//! earlier record of the same partition is done too, since storing an offset
//! commits everything before it. I/O-free.

use std::collections::{HashMap, VecDeque};

/// A record's place in the tracker.
pub type Ticket = u64;

/// A topic and partition (`None` on the embedded bus).
type Partition = (String, Option<i32>);

/// Records in flight, in arrival order per partition.
#[derive(Debug)]
pub struct Tracker<T> {
    next: Ticket,
    /// Alerts still outstanding, by ticket.
    remaining: HashMap<Ticket, usize>,
    /// Per partition, the records not yet released, oldest first.
    queues: HashMap<Partition, VecDeque<(Ticket, T)>>,
    /// The partition of each ticket not yet released.
    partition_of: HashMap<Ticket, Partition>,
}

impl<T> Default for Tracker<T> {
    fn default() -> Self {
        Tracker {
            next: 0,
            remaining: HashMap::new(),
            queues: HashMap::new(),
            partition_of: HashMap::new(),
        }
    }
}

impl<T> Tracker<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a record of `topic`/`partition` with `alerts` outstanding.
    pub fn add(&mut self, topic: &str, partition: Option<i32>, alerts: usize, record: T) -> Ticket {
        let ticket = self.next;
        self.next += 1;
        let part = (topic.to_string(), partition);
        self.remaining.insert(ticket, alerts);
        self.partition_of.insert(ticket, part.clone());
        self.queues
            .entry(part)
            .or_default()
            .push_back((ticket, record));
        ticket
    }

    /// `n` more alerts of `ticket` are outstanding.
    pub fn add_more(&mut self, ticket: Ticket, n: usize) {
        if let Some(r) = self.remaining.get_mut(&ticket) {
            *r += n;
        }
    }

    /// One alert of `ticket` is delivered or dead-lettered.
    pub fn finish(&mut self, ticket: Ticket) {
        if let Some(n) = self.remaining.get_mut(&ticket) {
            *n = n.saturating_sub(1);
        }
    }

    /// The records that are done and have no earlier record of their
    /// partition still in flight, removed from the tracker, in order.
    pub fn release(&mut self) -> Vec<T> {
        let mut out = Vec::new();
        for q in self.queues.values_mut() {
            while let Some((t, _)) = q.front() {
                if self.remaining.get(t).copied().unwrap_or(0) > 0 {
                    break;
                }
                let (t, record) = q.pop_front().expect("front exists");
                self.remaining.remove(&t);
                self.partition_of.remove(&t);
                out.push(record);
            }
        }
        self.queues.retain(|_, q| !q.is_empty());
        out
    }

    /// Records not yet released.
    pub fn in_flight(&self) -> usize {
        self.partition_of.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_without_alerts_is_done_at_once() {
        let mut t = Tracker::new();
        t.add("a", Some(0), 0, "r0");
        assert_eq!(t.release(), ["r0"]);
        assert_eq!(t.in_flight(), 0);
    }

    #[test]
    fn records_are_released_in_partition_order() {
        let mut t = Tracker::new();
        let r0 = t.add("a", Some(0), 2, "r0");
        let r1 = t.add("a", Some(0), 1, "r1");
        let other = t.add("a", Some(1), 1, "p1");
        t.finish(r1);
        t.finish(other);
        // r1 is done but r0 is not: only the other partition moves.
        assert_eq!(t.release(), ["p1"]);
        t.finish(r0);
        assert_eq!(t.release(), Vec::<&str>::new());
        t.finish(r0);
        assert_eq!(t.release(), ["r0", "r1"]);
        assert_eq!(t.in_flight(), 0);
    }

    #[test]
    fn more_alerts_can_be_added_while_a_record_is_in_flight() {
        let mut t = Tracker::new();
        let r = t.add("a", Some(0), 1, "r");
        t.add_more(r, 2);
        t.finish(r);
        t.finish(r);
        assert_eq!(t.release(), Vec::<&str>::new());
        t.finish(r);
        assert_eq!(t.release(), ["r"]);
    }

    #[test]
    fn topics_are_separate_partitions() {
        let mut t = Tracker::new();
        let c = t.add("claims", Some(0), 1, "c");
        t.add("denials", Some(0), 0, "d");
        assert_eq!(t.release(), ["d"]);
        t.finish(c);
        assert_eq!(t.release(), ["c"]);
    }
}
