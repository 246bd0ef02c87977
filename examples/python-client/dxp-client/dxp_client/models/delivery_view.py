from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.category_efts_view import CategoryEftsView


T = TypeVar("T", bound="DeliveryView")


@_attrs_define
class DeliveryView:
    """DQ3-7 delivery of one organisation and year.

    Attributes:
        by_category (list[CategoryEftsView]):
        delivered_efts (str): Fund 37 EFTS delivered in the year (withdrawals inside the withdrawal period left out).
        in_words (str): What the delivery means, in plain words.
        monthly_efts (list[str]): Fund 37 EFTS of each month, January first.
        organisation (int):
        year (int):
        band (None | str | Unset): `Under`, `Within`, `Over` or `NoAllocation`; `null` until rates and an allocation are
            loaded for the year.
        round_ (None | str | Unset): The round whose lodged return it comes from; `null`: none lodged for the year.
    """

    by_category: list[CategoryEftsView]
    delivered_efts: str
    in_words: str
    monthly_efts: list[str]
    organisation: int
    year: int
    band: None | str | Unset = UNSET
    round_: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_category = []
        for by_category_item_data in self.by_category:
            by_category_item = by_category_item_data.to_dict()
            by_category.append(by_category_item)

        delivered_efts = self.delivered_efts

        in_words = self.in_words

        monthly_efts = self.monthly_efts

        organisation = self.organisation

        year = self.year

        band: None | str | Unset
        if isinstance(self.band, Unset):
            band = UNSET
        else:
            band = self.band

        round_: None | str | Unset
        if isinstance(self.round_, Unset):
            round_ = UNSET
        else:
            round_ = self.round_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "byCategory": by_category,
                "deliveredEfts": delivered_efts,
                "inWords": in_words,
                "monthlyEfts": monthly_efts,
                "organisation": organisation,
                "year": year,
            }
        )
        if band is not UNSET:
            field_dict["band"] = band
        if round_ is not UNSET:
            field_dict["round"] = round_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.category_efts_view import CategoryEftsView  # noqa: PLC0415

        d = dict(src_dict)
        by_category = []
        _by_category = d.pop("byCategory")
        for by_category_item_data in _by_category:
            by_category_item = CategoryEftsView.from_dict(by_category_item_data)

            by_category.append(by_category_item)

        delivered_efts = d.pop("deliveredEfts")

        in_words = d.pop("inWords")

        monthly_efts = cast(list[str], d.pop("monthlyEfts"))

        organisation = d.pop("organisation")

        year = d.pop("year")

        def _parse_band(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        band = _parse_band(d.pop("band", UNSET))

        def _parse_round_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        round_ = _parse_round_(d.pop("round", UNSET))

        delivery_view = cls(
            by_category=by_category,
            delivered_efts=delivered_efts,
            in_words=in_words,
            monthly_efts=monthly_efts,
            organisation=organisation,
            year=year,
            band=band,
            round_=round_,
        )

        delivery_view.additional_properties = d
        return delivery_view

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
