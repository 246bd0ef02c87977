from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_type import DocumentType

T = TypeVar("T", bound="DueDocumentView")


@_attrs_define
class DueDocumentView:
    """A document to act on.

    Attributes:
        document_type (DocumentType): The kinds of document the funder and organisations exchange.
        due_on (datetime.date): The day it is due, in New Zealand.
        href (str): The document, to act on it.
        id (str):
        overdue (bool): Its due day has passed.
        title (str):
    """

    document_type: DocumentType
    due_on: datetime.date
    href: str
    id: str
    overdue: bool
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document_type = self.document_type.value

        due_on = self.due_on.isoformat()

        href = self.href

        id = self.id

        overdue = self.overdue

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "documentType": document_type,
                "dueOn": due_on,
                "href": href,
                "id": id,
                "overdue": overdue,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document_type = DocumentType(d.pop("documentType"))

        due_on = datetime.date.fromisoformat(d.pop("dueOn"))

        href = d.pop("href")

        id = d.pop("id")

        overdue = d.pop("overdue")

        title = d.pop("title")

        due_document_view = cls(
            document_type=document_type,
            due_on=due_on,
            href=href,
            id=id,
            overdue=overdue,
            title=title,
        )

        due_document_view.additional_properties = d
        return due_document_view

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
