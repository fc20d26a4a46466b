"""Duet's glossary: a local term base of ranks and official titles (Qt-free).

``model`` (Term), ``store`` (SQLite + search), ``exchange`` (CSV/TSV/TBX), ``matcher`` (terms in
text), ``spelling`` (editor checks), ``starter`` (the shipped term base), ``cli`` (``duet glossary``).
"""
