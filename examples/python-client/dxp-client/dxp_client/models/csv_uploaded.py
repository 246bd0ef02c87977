from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.commitment_view import CommitmentView


T = TypeVar("T", bound="CsvUploaded")


@_attrs_define
class CsvUploaded:
    """A MoP CSV taken.

    Attributes:
        commitment (CommitmentView): A commitment with its rows, totals and problems (checked against the rates loaded
            now).
        ignored_columns (list[str]): The computed columns the file had, which were ignored and computed afresh.
    """

    commitment: CommitmentView
    ignored_columns: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitment = self.commitment.to_dict()

        ignored_columns = self.ignored_columns

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitment": commitment,
                "ignoredColumns": ignored_columns,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.commitment_view import CommitmentView  # noqa: PLC0415

        d = dict(src_dict)
        commitment = CommitmentView.from_dict(d.pop("commitment"))

        ignored_columns = cast(list[str], d.pop("ignoredColumns"))

        csv_uploaded = cls(
            commitment=commitment,
            ignored_columns=ignored_columns,
        )

        csv_uploaded.additional_properties = d
        return csv_uploaded

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
