"""ecoplan: compliance checker for China's ecological-civilization publicity plans."""

__version__ = "0.1.0"
