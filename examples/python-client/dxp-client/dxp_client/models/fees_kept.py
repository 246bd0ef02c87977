from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FeesKept")


@_attrs_define
class FeesKept:
    """What a CSV file of fees did.

    Example:
        {'feesKept': 120, 'feesNew': 100, 'feesReplaced': 20}

    Attributes:
        fees_kept (int):
        fees_new (int):
        fees_replaced (int): Fees for a learner and year already kept, which the file's amounts replaced.
    """

    fees_kept: int
    fees_new: int
    fees_replaced: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fees_kept = self.fees_kept

        fees_new = self.fees_new

        fees_replaced = self.fees_replaced

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "feesKept": fees_kept,
                "feesNew": fees_new,
                "feesReplaced": fees_replaced,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fees_kept = d.pop("feesKept")

        fees_new = d.pop("feesNew")

        fees_replaced = d.pop("feesReplaced")

        fees_kept = cls(
            fees_kept=fees_kept,
            fees_new=fees_new,
            fees_replaced=fees_replaced,
        )

        fees_kept.additional_properties = d
        return fees_kept

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
