from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CategoryEftsView")


@_attrs_define
class CategoryEftsView:
    """Fund 37 EFTS delivered in one funding category.

    Attributes:
        efts (str):  Example: 12.5000.
        funding_category (str):
    """

    efts: str
    funding_category: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        efts = self.efts

        funding_category = self.funding_category

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "efts": efts,
                "fundingCategory": funding_category,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        efts = d.pop("efts")

        funding_category = d.pop("fundingCategory")

        category_efts_view = cls(
            efts=efts,
            funding_category=funding_category,
        )

        category_efts_view.additional_properties = d
        return category_efts_view

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
