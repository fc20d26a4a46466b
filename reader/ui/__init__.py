"""The Qt layer: the only package that imports PySide6. Widgets wrap the Qt-free core."""
