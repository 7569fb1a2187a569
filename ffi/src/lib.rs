//! Neap's C API shaped like Lua 5.1's `lua.h`. Empty until the C API issue.
