from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.qualification_entry import QualificationEntry


T = TypeVar("T", bound="QualificationRegisterLoad")


@_attrs_define
class QualificationRegisterLoad:
    """Qualifications to load into the national register.

    Attributes:
        entries (list[QualificationEntry]):
    """

    entries: list[QualificationEntry]

    def to_dict(self) -> dict[str, Any]:
        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "entries": entries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.qualification_entry import QualificationEntry  # noqa: PLC0415

        d = dict(src_dict)
        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = QualificationEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        qualification_register_load = cls(
            entries=entries,
        )

        return qualification_register_load
