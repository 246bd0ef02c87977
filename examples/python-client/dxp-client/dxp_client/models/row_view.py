from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.row_view_values import RowViewValues


T = TypeVar("T", bound="RowView")


@_attrs_define
class RowView:
    """One row and its values by column name, the computed columns filled.

    Attributes:
        row (int): The row's number: stable while the commitment is edited; an upload numbers from 1.
        values (RowViewValues):
    """

    row: int
    values: RowViewValues
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        row = self.row

        values = self.values.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "row": row,
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_view_values import RowViewValues  # noqa: PLC0415

        d = dict(src_dict)
        row = d.pop("row")

        values = RowViewValues.from_dict(d.pop("values"))

        row_view = cls(
            row=row,
            values=values,
        )

        row_view.additional_properties = d
        return row_view

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
