"""The use cases: one API shared by the window, the command line and the tests.

Each operation runs in its own unit of work and returns frozen dataclasses, never ORM objects.
"""
