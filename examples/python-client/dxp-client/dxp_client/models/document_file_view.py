from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentFileView")


@_attrs_define
class DocumentFileView:
    """A file of a document.

    Attributes:
        file_name (str):
        href (str): Where to download it.
        id (str):
        media_type (str): What its content is (recognised from its bytes).
        sha256 (str): The SHA-256 of its bytes, in hex.
        size_bytes (int):
        uploaded_at (datetime.datetime):
        uploaded_by (str):
        organisation (int | None | Unset): The organisation that added it; `null`: the funder.
    """

    file_name: str
    href: str
    id: str
    media_type: str
    sha256: str
    size_bytes: int
    uploaded_at: datetime.datetime
    uploaded_by: str
    organisation: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_name = self.file_name

        href = self.href

        id = self.id

        media_type = self.media_type

        sha256 = self.sha256

        size_bytes = self.size_bytes

        uploaded_at = self.uploaded_at.isoformat()

        uploaded_by = self.uploaded_by

        organisation: int | None | Unset
        if isinstance(self.organisation, Unset):
            organisation = UNSET
        else:
            organisation = self.organisation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fileName": file_name,
                "href": href,
                "id": id,
                "mediaType": media_type,
                "sha256": sha256,
                "sizeBytes": size_bytes,
                "uploadedAt": uploaded_at,
                "uploadedBy": uploaded_by,
            }
        )
        if organisation is not UNSET:
            field_dict["organisation"] = organisation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_name = d.pop("fileName")

        href = d.pop("href")

        id = d.pop("id")

        media_type = d.pop("mediaType")

        sha256 = d.pop("sha256")

        size_bytes = d.pop("sizeBytes")

        uploaded_at = datetime.datetime.fromisoformat(d.pop("uploadedAt"))

        uploaded_by = d.pop("uploadedBy")

        def _parse_organisation(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        organisation = _parse_organisation(d.pop("organisation", UNSET))

        document_file_view = cls(
            file_name=file_name,
            href=href,
            id=id,
            media_type=media_type,
            sha256=sha256,
            size_bytes=size_bytes,
            uploaded_at=uploaded_at,
            uploaded_by=uploaded_by,
            organisation=organisation,
        )

        document_file_view.additional_properties = d
        return document_file_view

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
