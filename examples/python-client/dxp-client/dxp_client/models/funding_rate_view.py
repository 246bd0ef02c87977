from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FundingRateView")


@_attrs_define
class FundingRateView:
    """One funding rate.

    Attributes:
        category (str):
        fund (str):
        mode (str):
        plan_year (int):
        rate (str): Dollars per unit of volume (learner hour, EFTS or standard training measure).
    """

    category: str
    fund: str
    mode: str
    plan_year: int
    rate: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        fund = self.fund

        mode = self.mode

        plan_year = self.plan_year

        rate = self.rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "fund": fund,
                "mode": mode,
                "planYear": plan_year,
                "rate": rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        category = d.pop("category")

        fund = d.pop("fund")

        mode = d.pop("mode")

        plan_year = d.pop("planYear")

        rate = d.pop("rate")

        funding_rate_view = cls(
            category=category,
            fund=fund,
            mode=mode,
            plan_year=plan_year,
            rate=rate,
        )

        funding_rate_view.additional_properties = d
        return funding_rate_view

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
