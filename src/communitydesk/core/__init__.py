"""Foundations every layer may use: paths, settings, logging, errors, languages."""
