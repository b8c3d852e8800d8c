"""The engine: pure functions over dates and models. No I/O, no printing."""
