"""The core values and vocabularies: imports nothing from the rest of the package."""
