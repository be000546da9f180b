"""Exceptions that tell the worker loop (worker.py) what to do with an image. They live apart from the
loop so that code the loop runs (imaging, the stage handlers) can raise them without importing it."""


class PermanentError(Exception):
    """Retrying cannot help (e.g. the stored original is not an image): fail the image at once."""


class SkipMessage(Exception):
    """Nothing to do for this message (image gone, or already past this stage): acknowledge it."""
