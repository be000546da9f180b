"""Exports (Camtrap DP, MegaDetector JSON, CSV, XLSX) and imports of a project's images and observations."""
