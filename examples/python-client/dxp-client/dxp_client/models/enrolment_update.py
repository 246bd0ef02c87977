from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.unit_standard import UnitStandard


T = TypeVar("T", bound="EnrolmentUpdate")


@_attrs_define
class EnrolmentUpdate:
    """The changes a TMS may make to an enrolment (`PUT /v1.0/enrolments/{enrolmentLocalId}`):
    its enrolment date and its non-mandatory unit standards. A field left out is unchanged;
    `unitStandards` replaces the whole list.

        Example:
            {'enrolmentDate': '2026-01-28', 'unitStandards': [{'mandatory': True, 'unitStandardCode': '29677'},
                {'mandatory': False, 'unitStandardCode': '497'}]}

        Attributes:
            enrolment_date (datetime.date | None | Unset):
            unit_standards (list[UnitStandard] | None | Unset):
    """

    enrolment_date: datetime.date | None | Unset = UNSET
    unit_standards: list[UnitStandard] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        enrolment_date: None | str | Unset
        if isinstance(self.enrolment_date, Unset):
            enrolment_date = UNSET
        elif isinstance(self.enrolment_date, datetime.date):
            enrolment_date = self.enrolment_date.isoformat()
        else:
            enrolment_date = self.enrolment_date

        unit_standards: list[dict[str, Any]] | None | Unset
        if isinstance(self.unit_standards, Unset):
            unit_standards = UNSET
        elif isinstance(self.unit_standards, list):
            unit_standards = []
            for unit_standards_type_0_item_data in self.unit_standards:
                unit_standards_type_0_item = unit_standards_type_0_item_data.to_dict()
                unit_standards.append(unit_standards_type_0_item)

        else:
            unit_standards = self.unit_standards

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if enrolment_date is not UNSET:
            field_dict["enrolmentDate"] = enrolment_date
        if unit_standards is not UNSET:
            field_dict["unitStandards"] = unit_standards

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_standard import UnitStandard  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_enrolment_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                enrolment_date_type_0 = datetime.date.fromisoformat(data)

                return enrolment_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        enrolment_date = _parse_enrolment_date(d.pop("enrolmentDate", UNSET))

        def _parse_unit_standards(data: object) -> list[UnitStandard] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                unit_standards_type_0 = []
                _unit_standards_type_0 = data
                for unit_standards_type_0_item_data in _unit_standards_type_0:
                    unit_standards_type_0_item = UnitStandard.from_dict(unit_standards_type_0_item_data)

                    unit_standards_type_0.append(unit_standards_type_0_item)

                return unit_standards_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UnitStandard] | None | Unset, data)

        unit_standards = _parse_unit_standards(d.pop("unitStandards", UNSET))

        enrolment_update = cls(
            enrolment_date=enrolment_date,
            unit_standards=unit_standards,
        )

        enrolment_update.additional_properties = d
        return enrolment_update

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
