from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UnitStandard")


@_attrs_define
class UnitStandard:
    """A unit standard of an enrolment's programme (shape [I]: the funder's page is not public).

    Example:
        {'mandatory': True, 'unitStandardCode': '29677'}

    Attributes:
        mandatory (bool): Whether the programme requires it; only non-mandatory ones may be added or removed
            later.
        unit_standard_code (str): NZQA's unit standard number.
    """

    mandatory: bool
    unit_standard_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mandatory = self.mandatory

        unit_standard_code = self.unit_standard_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mandatory": mandatory,
                "unitStandardCode": unit_standard_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mandatory = d.pop("mandatory")

        unit_standard_code = d.pop("unitStandardCode")

        unit_standard = cls(
            mandatory=mandatory,
            unit_standard_code=unit_standard_code,
        )

        unit_standard.additional_properties = d
        return unit_standard

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
