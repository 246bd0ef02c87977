from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Grace")


@_attrs_define
class Grace:
    """The body of `POST /training-agreements/{id}/grace`.

    Example:
        {'graceReasonCode': 'RD', 'pauseDate': '2026-11-20'}

    Attributes:
        grace_reason_code (str): One of [`GRACE_REASONS`]. Example: RD.
        pause_date (datetime.date):
    """

    grace_reason_code: str
    pause_date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        grace_reason_code = self.grace_reason_code

        pause_date = self.pause_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "graceReasonCode": grace_reason_code,
                "pauseDate": pause_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        grace_reason_code = d.pop("graceReasonCode")

        pause_date = datetime.date.fromisoformat(d.pop("pauseDate"))

        grace = cls(
            grace_reason_code=grace_reason_code,
            pause_date=pause_date,
        )

        grace.additional_properties = d
        return grace

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
