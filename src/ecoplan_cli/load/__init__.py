"""Loading: YAML read safely with positions, validated into models; every problem carries file, line and column."""
