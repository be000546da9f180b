"""The one error alert rule and channel validation raises: every problem as a (field, message) pair, so
the API can answer 422 naming each field and the worker can record why a channel cannot be built."""

from __future__ import annotations

from collections.abc import Sequence


class AlertValidationError(ValueError):
    """A rule or channel definition that cannot be stored; `errors` are (field, message) pairs."""

    def __init__(self, errors: Sequence[tuple[str, str]]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors))

    def as_detail(self) -> list[dict[str, str]]:
        """The shape of a 422 body's `detail` list."""
        return [{"field": name, "message": message} for name, message in self.errors]

    def within(self, prefix: str) -> AlertValidationError:
        """The same problems with their fields under `prefix` (`species` -> `conditions.species`)."""
        return AlertValidationError([(name if name == prefix else f"{prefix}.{name}", message)
                                     for name, message in self.errors])
