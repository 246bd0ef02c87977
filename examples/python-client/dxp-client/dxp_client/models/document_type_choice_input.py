from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.document_type import DocumentType

T = TypeVar("T", bound="DocumentTypeChoiceInput")


@_attrs_define
class DocumentTypeChoiceInput:
    """One choice of a document type.

    Attributes:
        document_type (DocumentType): The kinds of document the funder and organisations exchange.
        emailed (bool):
    """

    document_type: DocumentType
    emailed: bool

    def to_dict(self) -> dict[str, Any]:
        document_type = self.document_type.value

        emailed = self.emailed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "documentType": document_type,
                "emailed": emailed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document_type = DocumentType(d.pop("documentType"))

        emailed = d.pop("emailed")

        document_type_choice_input = cls(
            document_type=document_type,
            emailed=emailed,
        )

        return document_type_choice_input
