"""Printable documents, fed and called by services; no Qt.

A document is plain data (`document.Document`) rendered to HTML here; the window prints that HTML
through Qt, whose text engine joins and orders every script (Arabic included) correctly, which
reportlab cannot do without `rlbidi`, a package PyPI does not carry.
"""
