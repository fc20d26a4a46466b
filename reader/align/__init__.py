"""Qt-free sentence aligner: monotone n:m beads with a confidence each."""

from reader.align.model import Alignment, Bead, align, align_documents

__all__ = ["Alignment", "Bead", "align", "align_documents"]
