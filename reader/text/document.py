"""The plain data a loaded article is made of: a Document of paragraphs and sentences with offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence; ``text == document.text[start:end]``."""

    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (a non-empty line of the file); offsets into the document text."""

    start: int
    end: int


@dataclass(slots=True)
class Document:
    """A loaded article: its normalised text (NFC, LF line ends) and what was found in it."""

    text: str
    lang: str
    path: Path | None = None
    date: str | None = None
    title: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def sentence_texts(self) -> list[str]:
        return [s.text for s in self.sentences]
