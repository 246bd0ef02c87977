from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Withdrawal")


@_attrs_define
class Withdrawal:
    """The body of `POST /training-agreements/{id}/withdraw`.

    Example:
        {'withdrawalDate': '2026-11-20', 'withdrawalReasonCode': 'CC'}

    Attributes:
        withdrawal_date (datetime.date):
        withdrawal_reason_code (str): One of [`WITHDRAWAL_REASONS`]; `GE` is the funder's own. Example: CC.
    """

    withdrawal_date: datetime.date
    withdrawal_reason_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        withdrawal_date = self.withdrawal_date.isoformat()

        withdrawal_reason_code = self.withdrawal_reason_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "withdrawalDate": withdrawal_date,
                "withdrawalReasonCode": withdrawal_reason_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        withdrawal_date = datetime.date.fromisoformat(d.pop("withdrawalDate"))

        withdrawal_reason_code = d.pop("withdrawalReasonCode")

        withdrawal = cls(
            withdrawal_date=withdrawal_date,
            withdrawal_reason_code=withdrawal_reason_code,
        )

        withdrawal.additional_properties = d
        return withdrawal

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
