from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_type import DocumentType

T = TypeVar("T", bound="DocumentTypeChoice")


@_attrs_define
class DocumentTypeChoice:
    """Whether the person is emailed about documents of one type.

    Attributes:
        description (str): What it is, in the words the settings page shows.
        document_type (DocumentType): The kinds of document the funder and organisations exchange.
        emailed (bool):
    """

    description: str
    document_type: DocumentType
    emailed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        document_type = self.document_type.value

        emailed = self.emailed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "documentType": document_type,
                "emailed": emailed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        document_type = DocumentType(d.pop("documentType"))

        emailed = d.pop("emailed")

        document_type_choice = cls(
            description=description,
            document_type=document_type,
            emailed=emailed,
        )

        document_type_choice.additional_properties = d
        return document_type_choice

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
