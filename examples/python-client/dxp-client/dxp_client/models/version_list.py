from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.commitment_summary import CommitmentSummary
    from ..models.version_view import VersionView


T = TypeVar("T", bound="VersionList")


@_attrs_define
class VersionList:
    """A commitment's history.

    Attributes:
        commitment (CommitmentSummary): A commitment, without its rows.
        versions (list[VersionView]): The first first.
    """

    commitment: CommitmentSummary
    versions: list[VersionView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitment = self.commitment.to_dict()

        versions = []
        for versions_item_data in self.versions:
            versions_item = versions_item_data.to_dict()
            versions.append(versions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitment": commitment,
                "versions": versions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.commitment_summary import CommitmentSummary  # noqa: PLC0415
        from ..models.version_view import VersionView  # noqa: PLC0415

        d = dict(src_dict)
        commitment = CommitmentSummary.from_dict(d.pop("commitment"))

        versions = []
        _versions = d.pop("versions")
        for versions_item_data in _versions:
            versions_item = VersionView.from_dict(versions_item_data)

            versions.append(versions_item)

        version_list = cls(
            commitment=commitment,
            versions=versions,
        )

        version_list.additional_properties = d
        return version_list

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
