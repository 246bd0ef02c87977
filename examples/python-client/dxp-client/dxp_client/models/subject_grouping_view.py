from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SubjectGroupingView")


@_attrs_define
class SubjectGroupingView:
    """Which subject grouping an SDR funding category's DQ3-7 delivery is valued at.

    Attributes:
        funding_category (str): As an enrolment carries it, such as `A1`. Example: A1.
        subject_grouping (str): `SG1` to `SG6`: the funding category of the rates. Example: SG2.
    """

    funding_category: str
    subject_grouping: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        funding_category = self.funding_category

        subject_grouping = self.subject_grouping

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fundingCategory": funding_category,
                "subjectGrouping": subject_grouping,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        funding_category = d.pop("fundingCategory")

        subject_grouping = d.pop("subjectGrouping")

        subject_grouping_view = cls(
            funding_category=funding_category,
            subject_grouping=subject_grouping,
        )

        subject_grouping_view.additional_properties = d
        return subject_grouping_view

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
