from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LearnerFee")


@_attrs_define
class LearnerFee:
    """A learner's fees for one calendar year.

    Example:
        {'feeAmount': 1234.5, 'feeYear': 2026, 'learnerLocalId': 'L-1001'}

    Attributes:
        fee_amount (float): Every training and assessment fee of the year, in dollars: 0 to 999999.99.
        fee_year (int): The calendar year (CCYY), from 2025 to the current year.
        learner_local_id (str):
    """

    fee_amount: float
    fee_year: int
    learner_local_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fee_amount = self.fee_amount

        fee_year = self.fee_year

        learner_local_id = self.learner_local_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "feeAmount": fee_amount,
                "feeYear": fee_year,
                "learnerLocalId": learner_local_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fee_amount = d.pop("feeAmount")

        fee_year = d.pop("feeYear")

        learner_local_id = d.pop("learnerLocalId")

        learner_fee = cls(
            fee_amount=fee_amount,
            fee_year=fee_year,
            learner_local_id=learner_local_id,
        )

        learner_fee.additional_properties = d
        return learner_fee

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
