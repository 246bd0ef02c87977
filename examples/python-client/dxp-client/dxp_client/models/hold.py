from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Hold")


@_attrs_define
class Hold:
    """The body of `POST /training-agreements/{id}/hold`.

    Example:
        {'onHoldReasonCode': 'PL', 'pauseDate': '2026-11-20'}

    Attributes:
        on_hold_reason_code (str): One of [`HOLD_REASONS`]. Example: PL.
        pause_date (datetime.date):
    """

    on_hold_reason_code: str
    pause_date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        on_hold_reason_code = self.on_hold_reason_code

        pause_date = self.pause_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "onHoldReasonCode": on_hold_reason_code,
                "pauseDate": pause_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        on_hold_reason_code = d.pop("onHoldReasonCode")

        pause_date = datetime.date.fromisoformat(d.pop("pauseDate"))

        hold = cls(
            on_hold_reason_code=on_hold_reason_code,
            pause_date=pause_date,
        )

        hold.additional_properties = d
        return hold

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
