"""The CSV exchange with a partner hub, fed and called by services; no Qt."""
