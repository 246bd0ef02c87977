from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.category_efts_view import CategoryEftsView
    from ..models.training_delivery_view import TrainingDeliveryView


T = TypeVar("T", bound="DeliveryView")


@_attrs_define
class DeliveryView:
    """DQ3-7 delivery of one organisation and year.

    Attributes:
        by_category (list[CategoryEftsView]):
        delivered_efts (str): Fund 37 EFTS delivered in the year (withdrawals inside the withdrawal period left out).
        delivered_to_date_efts (str):
        in_words (str): What the delivery means, in plain words.
        monthly_efts (list[str]): Fund 37 EFTS of each month, January first.
        organisation (int):
        through_month (int): The month the return reports to (4 for April's); `deliveredToDateEfts` counts the
            months up to it, `deliveredEfts` the whole year the enrolments report.
        unrated_categories (list[str]): Funding categories with EFTS but no rate: their EFTS are not in the value.
        work_based (list[TrainingDeliveryView]): Work-based delivery by mode of delivery, for the modes with enrolments
            in the year.
        year (int):
        allocation (None | str | Unset): The allocation of the organisation's DQ3-7 commitment for the year, in dollars.
            Example: 1250000.00.
        band (None | str | Unset): `Under`, `Within`, `Over` or `NoAllocation`; `null` until rates and an allocation are
            loaded for the year.
        delivered_value (None | str | Unset): The delivered value in dollars at the year's DQ3-7 rates (each funding
            category through
            its subject grouping), with that of work-based training in mode 24, which shares the
            DQ3-7 allocation; `null` until the funder has loaded the rates and the groupings. Example: 1234567.89.
        projected_band (None | str | Unset): The band the projection falls in, with rates and an allocation.
        projected_efts (None | str | Unset): The year projected from a return before December's: the EFTS reported for
            the year,
            grown as last year's grew from the same round to December when that is known; `null`
            from December's return (final).
        projected_value (None | str | Unset): The projection's value in dollars, with rates.
        round_ (None | str | Unset): The round whose lodged return it comes from; `null`: none lodged for the year.
        unfunded_provision (None | str | Unset): The dollar value of the plan-agreed unfunded provision (its accepted
            version). Example: 0.00.
    """

    by_category: list[CategoryEftsView]
    delivered_efts: str
    delivered_to_date_efts: str
    in_words: str
    monthly_efts: list[str]
    organisation: int
    through_month: int
    unrated_categories: list[str]
    work_based: list[TrainingDeliveryView]
    year: int
    allocation: None | str | Unset = UNSET
    band: None | str | Unset = UNSET
    delivered_value: None | str | Unset = UNSET
    projected_band: None | str | Unset = UNSET
    projected_efts: None | str | Unset = UNSET
    projected_value: None | str | Unset = UNSET
    round_: None | str | Unset = UNSET
    unfunded_provision: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_category = []
        for by_category_item_data in self.by_category:
            by_category_item = by_category_item_data.to_dict()
            by_category.append(by_category_item)

        delivered_efts = self.delivered_efts

        delivered_to_date_efts = self.delivered_to_date_efts

        in_words = self.in_words

        monthly_efts = self.monthly_efts

        organisation = self.organisation

        through_month = self.through_month

        unrated_categories = self.unrated_categories

        work_based = []
        for work_based_item_data in self.work_based:
            work_based_item = work_based_item_data.to_dict()
            work_based.append(work_based_item)

        year = self.year

        allocation: None | str | Unset
        if isinstance(self.allocation, Unset):
            allocation = UNSET
        else:
            allocation = self.allocation

        band: None | str | Unset
        if isinstance(self.band, Unset):
            band = UNSET
        else:
            band = self.band

        delivered_value: None | str | Unset
        if isinstance(self.delivered_value, Unset):
            delivered_value = UNSET
        else:
            delivered_value = self.delivered_value

        projected_band: None | str | Unset
        if isinstance(self.projected_band, Unset):
            projected_band = UNSET
        else:
            projected_band = self.projected_band

        projected_efts: None | str | Unset
        if isinstance(self.projected_efts, Unset):
            projected_efts = UNSET
        else:
            projected_efts = self.projected_efts

        projected_value: None | str | Unset
        if isinstance(self.projected_value, Unset):
            projected_value = UNSET
        else:
            projected_value = self.projected_value

        round_: None | str | Unset
        if isinstance(self.round_, Unset):
            round_ = UNSET
        else:
            round_ = self.round_

        unfunded_provision: None | str | Unset
        if isinstance(self.unfunded_provision, Unset):
            unfunded_provision = UNSET
        else:
            unfunded_provision = self.unfunded_provision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "byCategory": by_category,
                "deliveredEfts": delivered_efts,
                "deliveredToDateEfts": delivered_to_date_efts,
                "inWords": in_words,
                "monthlyEfts": monthly_efts,
                "organisation": organisation,
                "throughMonth": through_month,
                "unratedCategories": unrated_categories,
                "workBased": work_based,
                "year": year,
            }
        )
        if allocation is not UNSET:
            field_dict["allocation"] = allocation
        if band is not UNSET:
            field_dict["band"] = band
        if delivered_value is not UNSET:
            field_dict["deliveredValue"] = delivered_value
        if projected_band is not UNSET:
            field_dict["projectedBand"] = projected_band
        if projected_efts is not UNSET:
            field_dict["projectedEfts"] = projected_efts
        if projected_value is not UNSET:
            field_dict["projectedValue"] = projected_value
        if round_ is not UNSET:
            field_dict["round"] = round_
        if unfunded_provision is not UNSET:
            field_dict["unfundedProvision"] = unfunded_provision

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.category_efts_view import CategoryEftsView  # noqa: PLC0415
        from ..models.training_delivery_view import TrainingDeliveryView  # noqa: PLC0415

        d = dict(src_dict)
        by_category = []
        _by_category = d.pop("byCategory")
        for by_category_item_data in _by_category:
            by_category_item = CategoryEftsView.from_dict(by_category_item_data)

            by_category.append(by_category_item)

        delivered_efts = d.pop("deliveredEfts")

        delivered_to_date_efts = d.pop("deliveredToDateEfts")

        in_words = d.pop("inWords")

        monthly_efts = cast(list[str], d.pop("monthlyEfts"))

        organisation = d.pop("organisation")

        through_month = d.pop("throughMonth")

        unrated_categories = cast(list[str], d.pop("unratedCategories"))

        work_based = []
        _work_based = d.pop("workBased")
        for work_based_item_data in _work_based:
            work_based_item = TrainingDeliveryView.from_dict(work_based_item_data)

            work_based.append(work_based_item)

        year = d.pop("year")

        def _parse_allocation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        allocation = _parse_allocation(d.pop("allocation", UNSET))

        def _parse_band(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        band = _parse_band(d.pop("band", UNSET))

        def _parse_delivered_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        delivered_value = _parse_delivered_value(d.pop("deliveredValue", UNSET))

        def _parse_projected_band(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        projected_band = _parse_projected_band(d.pop("projectedBand", UNSET))

        def _parse_projected_efts(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        projected_efts = _parse_projected_efts(d.pop("projectedEfts", UNSET))

        def _parse_projected_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        projected_value = _parse_projected_value(d.pop("projectedValue", UNSET))

        def _parse_round_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        round_ = _parse_round_(d.pop("round", UNSET))

        def _parse_unfunded_provision(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unfunded_provision = _parse_unfunded_provision(d.pop("unfundedProvision", UNSET))

        delivery_view = cls(
            by_category=by_category,
            delivered_efts=delivered_efts,
            delivered_to_date_efts=delivered_to_date_efts,
            in_words=in_words,
            monthly_efts=monthly_efts,
            organisation=organisation,
            through_month=through_month,
            unrated_categories=unrated_categories,
            work_based=work_based,
            year=year,
            allocation=allocation,
            band=band,
            delivered_value=delivered_value,
            projected_band=projected_band,
            projected_efts=projected_efts,
            projected_value=projected_value,
            round_=round_,
            unfunded_provision=unfunded_provision,
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
