from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.row_comparison import RowComparison


T = TypeVar("T", bound="Comparison")


@_attrs_define
class Comparison:
    """Two versions compared.

    Attributes:
        from_ (int):
        rows (list[RowComparison]): The rows that differ, by row number; equal rows are left out.
        to (int):
    """

    from_: int
    rows: list[RowComparison]
    to: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        to = self.to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "rows": rows,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.row_comparison import RowComparison  # noqa: PLC0415

        d = dict(src_dict)
        from_ = d.pop("from")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = RowComparison.from_dict(rows_item_data)

            rows.append(rows_item)

        to = d.pop("to")

        comparison = cls(
            from_=from_,
            rows=rows,
            to=to,
        )

        comparison.additional_properties = d
        return comparison

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
