from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.figure_view import FigureView
    from ..models.round_facts_view import RoundFactsView


T = TypeVar("T", bound="IndicatorsView")


@_attrs_define
class IndicatorsView:
    """An organisation's indicators over the years it has lodged returns for.

    Attributes:
        figures (list[FigureView]):
        organisation (int):
        rounds (list[RoundFactsView]):
        years (list[int]):
    """

    figures: list[FigureView]
    organisation: int
    rounds: list[RoundFactsView]
    years: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        figures = []
        for figures_item_data in self.figures:
            figures_item = figures_item_data.to_dict()
            figures.append(figures_item)

        organisation = self.organisation

        rounds = []
        for rounds_item_data in self.rounds:
            rounds_item = rounds_item_data.to_dict()
            rounds.append(rounds_item)

        years = self.years

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "figures": figures,
                "organisation": organisation,
                "rounds": rounds,
                "years": years,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.figure_view import FigureView  # noqa: PLC0415
        from ..models.round_facts_view import RoundFactsView  # noqa: PLC0415

        d = dict(src_dict)
        figures = []
        _figures = d.pop("figures")
        for figures_item_data in _figures:
            figures_item = FigureView.from_dict(figures_item_data)

            figures.append(figures_item)

        organisation = d.pop("organisation")

        rounds = []
        _rounds = d.pop("rounds")
        for rounds_item_data in _rounds:
            rounds_item = RoundFactsView.from_dict(rounds_item_data)

            rounds.append(rounds_item)

        years = cast(list[int], d.pop("years"))

        indicators_view = cls(
            figures=figures,
            organisation=organisation,
            rounds=rounds,
            years=years,
        )

        indicators_view.additional_properties = d
        return indicators_view

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
