"""Reporters: one module per format, each a function from a CheckReport to text. They never compute a status."""
