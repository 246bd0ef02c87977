//! Black-box tests of the dxp server over HTTP.
