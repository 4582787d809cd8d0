"""CommunityDesk: records, books and reports for small volunteer-run community groups."""

# Read by the build (pyproject's [tool.hatch.version]); a constant, because asking
# importlib.metadata at start-up costs tens of milliseconds.
__version__ = "0.1.0"
