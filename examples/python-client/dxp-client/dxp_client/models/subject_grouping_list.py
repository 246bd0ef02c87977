from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.subject_grouping_view import SubjectGroupingView


T = TypeVar("T", bound="SubjectGroupingList")


@_attrs_define
class SubjectGroupingList:
    """The subject groupings loaded.

    Attributes:
        groupings (list[SubjectGroupingView]):
    """

    groupings: list[SubjectGroupingView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        groupings = []
        for groupings_item_data in self.groupings:
            groupings_item = groupings_item_data.to_dict()
            groupings.append(groupings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "groupings": groupings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.subject_grouping_view import SubjectGroupingView  # noqa: PLC0415

        d = dict(src_dict)
        groupings = []
        _groupings = d.pop("groupings")
        for groupings_item_data in _groupings:
            groupings_item = SubjectGroupingView.from_dict(groupings_item_data)

            groupings.append(groupings_item)

        subject_grouping_list = cls(
            groupings=groupings,
        )

        subject_grouping_list.additional_properties = d
        return subject_grouping_list

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
