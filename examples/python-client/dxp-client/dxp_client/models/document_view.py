from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_action import DocumentAction
from ..models.document_type import DocumentType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_file_view import DocumentFileView


T = TypeVar("T", bound="DocumentView")


@_attrs_define
class DocumentView:
    """A document as the caller sees it.

    Attributes:
        action (DocumentAction): What the organisation is to do with a document.
        commercial (bool):
        created_at (datetime.datetime):
        created_by (str):
        document_type (DocumentType): The kinds of document the funder and organisations exchange.
        files (list[DocumentFileView]):
        id (str):
        organisations (list[int]): The organisations it is for (only the caller's own, for an organisation).
        title (str):
        actioned_at (datetime.datetime | None | Unset): When the caller's organisation marked it actioned, and who did.
        actioned_by (None | str | Unset):
        due_on (datetime.date | None | Unset):
        fund (None | str | Unset):
        owner (int | None | Unset): The organisation whose own document it is; `null`: the funder's.
        plan_year (int | None | Unset):
        subject (None | str | Unset):
        submission_id (None | str | Unset):
    """

    action: DocumentAction
    commercial: bool
    created_at: datetime.datetime
    created_by: str
    document_type: DocumentType
    files: list[DocumentFileView]
    id: str
    organisations: list[int]
    title: str
    actioned_at: datetime.datetime | None | Unset = UNSET
    actioned_by: None | str | Unset = UNSET
    due_on: datetime.date | None | Unset = UNSET
    fund: None | str | Unset = UNSET
    owner: int | None | Unset = UNSET
    plan_year: int | None | Unset = UNSET
    subject: None | str | Unset = UNSET
    submission_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        commercial = self.commercial

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        document_type = self.document_type.value

        files = []
        for files_item_data in self.files:
            files_item = files_item_data.to_dict()
            files.append(files_item)

        id = self.id

        organisations = self.organisations

        title = self.title

        actioned_at: None | str | Unset
        if isinstance(self.actioned_at, Unset):
            actioned_at = UNSET
        elif isinstance(self.actioned_at, datetime.datetime):
            actioned_at = self.actioned_at.isoformat()
        else:
            actioned_at = self.actioned_at

        actioned_by: None | str | Unset
        if isinstance(self.actioned_by, Unset):
            actioned_by = UNSET
        else:
            actioned_by = self.actioned_by

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        fund: None | str | Unset
        if isinstance(self.fund, Unset):
            fund = UNSET
        else:
            fund = self.fund

        owner: int | None | Unset
        if isinstance(self.owner, Unset):
            owner = UNSET
        else:
            owner = self.owner

        plan_year: int | None | Unset
        if isinstance(self.plan_year, Unset):
            plan_year = UNSET
        else:
            plan_year = self.plan_year

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        submission_id: None | str | Unset
        if isinstance(self.submission_id, Unset):
            submission_id = UNSET
        else:
            submission_id = self.submission_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "commercial": commercial,
                "createdAt": created_at,
                "createdBy": created_by,
                "documentType": document_type,
                "files": files,
                "id": id,
                "organisations": organisations,
                "title": title,
            }
        )
        if actioned_at is not UNSET:
            field_dict["actionedAt"] = actioned_at
        if actioned_by is not UNSET:
            field_dict["actionedBy"] = actioned_by
        if due_on is not UNSET:
            field_dict["dueOn"] = due_on
        if fund is not UNSET:
            field_dict["fund"] = fund
        if owner is not UNSET:
            field_dict["owner"] = owner
        if plan_year is not UNSET:
            field_dict["planYear"] = plan_year
        if subject is not UNSET:
            field_dict["subject"] = subject
        if submission_id is not UNSET:
            field_dict["submissionId"] = submission_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_file_view import DocumentFileView  # noqa: PLC0415

        d = dict(src_dict)
        action = DocumentAction(d.pop("action"))

        commercial = d.pop("commercial")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        document_type = DocumentType(d.pop("documentType"))

        files = []
        _files = d.pop("files")
        for files_item_data in _files:
            files_item = DocumentFileView.from_dict(files_item_data)

            files.append(files_item)

        id = d.pop("id")

        organisations = cast(list[int], d.pop("organisations"))

        title = d.pop("title")

        def _parse_actioned_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actioned_at_type_0 = datetime.datetime.fromisoformat(data)

                return actioned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        actioned_at = _parse_actioned_at(d.pop("actionedAt", UNSET))

        def _parse_actioned_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actioned_by = _parse_actioned_by(d.pop("actionedBy", UNSET))

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("dueOn", UNSET))

        def _parse_fund(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fund = _parse_fund(d.pop("fund", UNSET))

        def _parse_owner(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        owner = _parse_owner(d.pop("owner", UNSET))

        def _parse_plan_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        plan_year = _parse_plan_year(d.pop("planYear", UNSET))

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        def _parse_submission_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        submission_id = _parse_submission_id(d.pop("submissionId", UNSET))

        document_view = cls(
            action=action,
            commercial=commercial,
            created_at=created_at,
            created_by=created_by,
            document_type=document_type,
            files=files,
            id=id,
            organisations=organisations,
            title=title,
            actioned_at=actioned_at,
            actioned_by=actioned_by,
            due_on=due_on,
            fund=fund,
            owner=owner,
            plan_year=plan_year,
            subject=subject,
            submission_id=submission_id,
        )

        document_view.additional_properties = d
        return document_view

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
