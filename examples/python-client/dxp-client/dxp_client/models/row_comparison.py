from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.row_difference import RowDifference

if TYPE_CHECKING:
    from ..models.value_change import ValueChange


T = TypeVar("T", bound="RowComparison")


@_attrs_define
class RowComparison:
    """One row that differs.

    Attributes:
        changes (list[ValueChange]):
        difference (RowDifference): How a row differs between two versions.
        row (int):
    """

    changes: list[ValueChange]
    difference: RowDifference
    row: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        difference = self.difference.value

        row = self.row

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changes": changes,
                "difference": difference,
                "row": row,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.value_change import ValueChange  # noqa: PLC0415

        d = dict(src_dict)
        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = ValueChange.from_dict(changes_item_data)

            changes.append(changes_item)

        difference = RowDifference(d.pop("difference"))

        row = d.pop("row")

        row_comparison = cls(
            changes=changes,
            difference=difference,
            row=row,
        )

        row_comparison.additional_properties = d
        return row_comparison

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
