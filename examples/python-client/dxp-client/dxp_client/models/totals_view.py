from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TotalsView")


@_attrs_define
class TotalsView:
    """A commitment's totals, in dollars and volumes as decimal strings.

    Attributes:
        allocation (None | str):
        funded_value (str): Σ funded value of the funded rows.
        percent_of_allocation (None | str): The funded value as a percentage of the allocation, one decimal place.
        rows (int):
        total_intended_learner_hours (None | str): Σ total intended learner hours (ACE, ILN/WLN/ELT); `null` for the
            others.
        total_volume (None | str): Σ EFTS (DQ families) or standard training measures (work-based modes).
        unfunded_value (str): Σ value of the Plan-agreed unfunded rows.
    """

    allocation: None | str
    funded_value: str
    percent_of_allocation: None | str
    rows: int
    total_intended_learner_hours: None | str
    total_volume: None | str
    unfunded_value: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allocation: None | str
        allocation = self.allocation

        funded_value = self.funded_value

        percent_of_allocation: None | str
        percent_of_allocation = self.percent_of_allocation

        rows = self.rows

        total_intended_learner_hours: None | str
        total_intended_learner_hours = self.total_intended_learner_hours

        total_volume: None | str
        total_volume = self.total_volume

        unfunded_value = self.unfunded_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allocation": allocation,
                "fundedValue": funded_value,
                "percentOfAllocation": percent_of_allocation,
                "rows": rows,
                "totalIntendedLearnerHours": total_intended_learner_hours,
                "totalVolume": total_volume,
                "unfundedValue": unfunded_value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_allocation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        allocation = _parse_allocation(d.pop("allocation"))

        funded_value = d.pop("fundedValue")

        def _parse_percent_of_allocation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        percent_of_allocation = _parse_percent_of_allocation(d.pop("percentOfAllocation"))

        rows = d.pop("rows")

        def _parse_total_intended_learner_hours(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        total_intended_learner_hours = _parse_total_intended_learner_hours(d.pop("totalIntendedLearnerHours"))

        def _parse_total_volume(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        total_volume = _parse_total_volume(d.pop("totalVolume"))

        unfunded_value = d.pop("unfundedValue")

        totals_view = cls(
            allocation=allocation,
            funded_value=funded_value,
            percent_of_allocation=percent_of_allocation,
            rows=rows,
            total_intended_learner_hours=total_intended_learner_hours,
            total_volume=total_volume,
            unfunded_value=unfunded_value,
        )

        totals_view.additional_properties = d
        return totals_view

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
