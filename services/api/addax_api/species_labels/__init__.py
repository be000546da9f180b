"""The species list reviewers correct from (classifier labels, taxonomy, specials, admin additions)."""
