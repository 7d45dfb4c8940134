// Gives the test precompiled header a translation unit to be built with.
