from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.choice_view import ChoiceView


T = TypeVar("T", bound="ColumnView")


@_attrs_define
class ColumnView:
    """A column of a template.

    Attributes:
        choices (list[ChoiceView]): The values a `choice` column takes.
        decimal_places (int | None):
        kind (str): `text`, `choice`, `decimal`, `whole`, `computed`, `pre-populated` or `measure`.
        mandatory (bool):
        max_length (int | None):
        name (str):
        title (str):
    """

    choices: list[ChoiceView]
    decimal_places: int | None
    kind: str
    mandatory: bool
    max_length: int | None
    name: str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        decimal_places: int | None
        decimal_places = self.decimal_places

        kind = self.kind

        mandatory = self.mandatory

        max_length: int | None
        max_length = self.max_length

        name = self.name

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "choices": choices,
                "decimalPlaces": decimal_places,
                "kind": kind,
                "mandatory": mandatory,
                "maxLength": max_length,
                "name": name,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.choice_view import ChoiceView  # noqa: PLC0415

        d = dict(src_dict)
        choices = []
        _choices = d.pop("choices")
        for choices_item_data in _choices:
            choices_item = ChoiceView.from_dict(choices_item_data)

            choices.append(choices_item)

        def _parse_decimal_places(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        decimal_places = _parse_decimal_places(d.pop("decimalPlaces"))

        kind = d.pop("kind")

        mandatory = d.pop("mandatory")

        def _parse_max_length(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_length = _parse_max_length(d.pop("maxLength"))

        name = d.pop("name")

        title = d.pop("title")

        column_view = cls(
            choices=choices,
            decimal_places=decimal_places,
            kind=kind,
            mandatory=mandatory,
            max_length=max_length,
            name=name,
            title=title,
        )

        column_view.additional_properties = d
        return column_view

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
