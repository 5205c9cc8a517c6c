//! Unit tests of the stateful matcher.
