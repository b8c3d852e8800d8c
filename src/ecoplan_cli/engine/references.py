"""References are resolved while logs are read (model/references.py); the engine's name for them stays here."""

from ecoplan_cli.model.references import ReferenceError_, Target, parse_reference, resolve

__all__ = ["ReferenceError_", "Target", "parse_reference", "resolve"]
