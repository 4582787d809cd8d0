"""The window. The only layer that imports PySide6; it talks to services only."""
