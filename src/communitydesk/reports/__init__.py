"""Printable documents (reportlab), fed and called by services; no Qt."""
