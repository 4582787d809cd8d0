"""Bringing rosters in from CSV and Excel files (fed and called by services; no Qt)."""
