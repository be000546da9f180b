"""Ecology: the definitions behind the statistics and exports (independent events, ...)."""

from addax_common.ecology.events import Event, Observation, independent_events, iter_events

__all__ = ["Event", "Observation", "independent_events", "iter_events"]
