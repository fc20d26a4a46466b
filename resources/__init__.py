"""Data files shipped with Duet: the default article pair, the starter glossary, icons, translations.

Installed as the package ``duet_resources`` so that an installed ``duet`` finds them; read them
through :mod:`reader.paths`, never by a path relative to the working directory.
"""
