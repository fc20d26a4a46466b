"""The glossary's plain data: one :class:`Term` per English–Vietnamese pair, and its categories.

Everything here is Qt-free and storage-free; the store, the exchange formats, the matcher and the
UI all pass these objects around.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime

# Category keys are stored; display names are shown. New keys may appear (the set is
# extensible): an unknown key is displayed as itself, so nothing is lost on a round trip.
CATEGORIES: dict[str, str] = {
    "rank": "Military rank",
    "title": "Official title",
    "organisation": "Organisation",
    "other": "Other",
}
STATUSES: tuple[str, ...] = ("draft", "approved")


def category_display(key: str) -> str:
    """The display name of a category key ("rank" → "Military rank"); unknown keys as given."""
    return CATEGORIES.get(key, key)


def category_key(text: str) -> str:
    """Accept a key or a display name, in any case ("Military rank", "RANK" → "rank")."""
    cleaned = " ".join(text.split()).casefold()
    for key, name in CATEGORIES.items():
        if cleaned in (key, name.casefold()):
            return key
    return cleaned or "other"


def utc_now() -> str:
    """The current time as UTC ISO 8601 with a Z, to the second ("2024-05-01T09:30:00Z")."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def nfc(text: str | None) -> str:
    """NFC with surrounding whitespace removed; ``None`` becomes ""."""
    return unicodedata.normalize("NFC", text or "").strip()


def clean_variants(variants: list[str] | tuple[str, ...] | None, main: str = "") -> list[str]:
    """NFC, stripped, without empties, without the main term, without repeats (order kept)."""
    seen = {main.casefold()} if main else set()
    out: list[str] = []
    for v in variants or ():
        v = nfc(v)
        if v and v.casefold() not in seen:
            seen.add(v.casefold())
            out.append(v)
    return out


@dataclass(slots=True)
class Term:
    """One glossary entry. ``id`` is ``None`` until the store has saved it.

    Times are UTC ISO 8601 strings; variants are abbreviations or other spellings per side
    (e.g. "Sen. Lt. Gen." for "Senior Lieutenant General").
    """

    english: str
    vietnamese: str
    category: str = "other"
    english_variants: list[str] = field(default_factory=list)
    vietnamese_variants: list[str] = field(default_factory=list)
    branch: str = ""
    notes: str = ""
    example_en: str = ""
    example_vi: str = ""
    source_title: str = ""
    source_date: str = ""
    status: str = "draft"
    created_at: str = ""
    updated_at: str = ""
    id: int | None = None

    def normalised(self) -> Term:
        """A copy with every text field NFC and stripped, variants cleaned, keys checked."""
        status = self.status.strip().casefold() if self.status else "draft"
        # A new Term rather than dataclasses.replace: this runs per row in big imports.
        return Term(
            id=self.id,
            created_at=self.created_at,
            updated_at=self.updated_at,
            english=nfc(self.english),
            vietnamese=nfc(self.vietnamese),
            category=category_key(self.category or "other"),
            english_variants=clean_variants(self.english_variants, nfc(self.english)),
            vietnamese_variants=clean_variants(self.vietnamese_variants, nfc(self.vietnamese)),
            branch=nfc(self.branch),
            notes=nfc(self.notes),
            example_en=nfc(self.example_en),
            example_vi=nfc(self.example_vi),
            source_title=nfc(self.source_title),
            source_date=nfc(self.source_date),
            status=status if status in STATUSES else "draft",
        )

    @property
    def category_name(self) -> str:
        return category_display(self.category)

    def all_english(self) -> list[str]:
        """The English term followed by its variants."""
        return [self.english, *self.english_variants]

    def all_vietnamese(self) -> list[str]:
        """The Vietnamese term followed by its variants."""
        return [self.vietnamese, *self.vietnamese_variants]

    def content(self) -> dict:
        """All fields except id and the times: what makes two entries 'the same' in a round trip."""
        data = asdict(self)
        for key in ("id", "created_at", "updated_at"):
            data.pop(key)
        return data


TERM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Term))


def pair_key(english: str, vietnamese: str) -> str:
    """The uniqueness key of an entry: NFC, whitespace collapsed, case folded, marks kept.

    Case folding makes "general"/"General" the same pair; diacritics are kept because
    "Đại tá" and "Đại tạ" are different words.
    """
    en = " ".join(nfc(english).split()).casefold()
    vi = " ".join(nfc(vietnamese).split()).casefold()
    return f"{unicodedata.normalize('NFC', en)}\x1f{unicodedata.normalize('NFC', vi)}"
