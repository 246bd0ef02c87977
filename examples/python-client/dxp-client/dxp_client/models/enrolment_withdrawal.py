from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EnrolmentWithdrawal")


@_attrs_define
class EnrolmentWithdrawal:
    """Withdrawing an enrolment (`POST /v1.0/enrolments/{enrolmentLocalId}/withdraw`).

    Example:
        {'withdrawalDate': '2026-06-30'}

    Attributes:
        withdrawal_date (datetime.date): On or after the participation start, not after today.
    """

    withdrawal_date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        withdrawal_date = self.withdrawal_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "withdrawalDate": withdrawal_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        withdrawal_date = datetime.date.fromisoformat(d.pop("withdrawalDate"))

        enrolment_withdrawal = cls(
            withdrawal_date=withdrawal_date,
        )

        enrolment_withdrawal.additional_properties = d
        return enrolment_withdrawal

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
