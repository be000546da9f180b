"""addax-upload: the command-line door into AddaxAI Connect (docs/upload.md)."""

__version__ = "0.1.0"
