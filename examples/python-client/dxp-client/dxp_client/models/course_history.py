from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.course_change_view import CourseChangeView
    from ..models.course_entry import CourseEntry


T = TypeVar("T", bound="CourseHistory")


@_attrs_define
class CourseHistory:
    """A course of the register: its entries by year and every change to them.

    Attributes:
        entries (list[CourseEntry]):
        history (list[CourseChangeView]):
    """

    entries: list[CourseEntry]
    history: list[CourseChangeView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entries": entries,
                "history": history,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.course_change_view import CourseChangeView  # noqa: PLC0415
        from ..models.course_entry import CourseEntry  # noqa: PLC0415

        d = dict(src_dict)
        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = CourseEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = CourseChangeView.from_dict(history_item_data)

            history.append(history_item)

        course_history = cls(
            entries=entries,
            history=history,
        )

        course_history.additional_properties = d
        return course_history

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
