"""AddaxAI Connect shared library: every service depends on this package and on nothing else of ours."""
