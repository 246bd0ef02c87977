//! The portal's pages, as a signed-in browser gets them.
