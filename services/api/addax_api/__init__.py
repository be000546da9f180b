"""AddaxAI Connect API: the single door to the data (ARCHITECTURE §8)."""

__version__ = "0.1.0"
