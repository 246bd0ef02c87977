//! (to be written)

use crate::validation::Rule;

/// Every rule of this resource, for the catalogue.
pub static RULES: [&Rule; 0] = [];
