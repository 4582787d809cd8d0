"""Printable documents, fed and called by services; no Qt.

A document is plain data (`document.Document`) with two renderers. `document.to_html` gives the
HTML the window prints through Qt's text engine (the activity reports and contact sheets, whose
charts Qt draws). `pdf.write_pdf` writes the money reports with reportlab, which needs no window:
it joins Arabic letters (arabic-reshaper) and orders each line (python-bidi) itself, since
reportlab's own right-to-left support needs `rlbidi`, a package PyPI does not carry.
"""
