from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WorkBasedCutOffView")


@_attrs_define
class WorkBasedCutOffView:
    """A date by which work-based data must be current.

    Example:
        {'covers': "the previous and current year's work-based training", 'date': '2026-03-31'}

    Attributes:
        covers (str): What must be current by then.
        date (datetime.date): The last day, in New Zealand.
    """

    covers: str
    date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        covers = self.covers

        date = self.date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "covers": covers,
                "date": date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        covers = d.pop("covers")

        date = datetime.date.fromisoformat(d.pop("date"))

        work_based_cut_off_view = cls(
            covers=covers,
            date=date,
        )

        work_based_cut_off_view.additional_properties = d
        return work_based_cut_off_view

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
