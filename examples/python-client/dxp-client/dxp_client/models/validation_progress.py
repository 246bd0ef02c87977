from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ValidationProgress")


@_attrs_define
class ValidationProgress:
    """How far a validation has got.

    Attributes:
        records_checked (int):
        records_total (int):
    """

    records_checked: int
    records_total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        records_checked = self.records_checked

        records_total = self.records_total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recordsChecked": records_checked,
                "recordsTotal": records_total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        records_checked = d.pop("recordsChecked")

        records_total = d.pop("recordsTotal")

        validation_progress = cls(
            records_checked=records_checked,
            records_total=records_total,
        )

        validation_progress.additional_properties = d
        return validation_progress

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
