from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.document_action import DocumentAction
from ..models.document_type import DocumentType
from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentInput")


@_attrs_define
class DocumentInput:
    """A document's details, as its creator gives them.

    Example:
        {'action': 'to-action', 'documentType': 'funding-letter', 'dueOn': '2027-01-29', 'fund': '37', 'organisations':
            [6004, 6005], 'planYear': 2027, 'title': '2027 funding letter'}

    Attributes:
        document_type (DocumentType): The kinds of document the funder and organisations exchange.
        title (str): 1 to 200 characters.
        action (DocumentAction | None | Unset):
        all_organisations (bool | None | Unset): …or every organisation DXP knows.
        commercial (bool | None | Unset): Seen only by people with the commercial documents role; by default as the type
            says
            (funding letters, wash-ups and investment plans are).
        due_on (datetime.date | None | Unset):
        fund (None | str | Unset): The fund it concerns, such as `37`.
        organisations (list[int] | None | Unset): The funder's audience: these organisations' EDUMIS numbers…
        plan_year (int | None | Unset):
        subject (None | str | Unset): What it is about, in a sentence or two.
        submission_id (None | str | Unset): An organisation's submission the document goes with.
    """

    document_type: DocumentType
    title: str
    action: DocumentAction | None | Unset = UNSET
    all_organisations: bool | None | Unset = UNSET
    commercial: bool | None | Unset = UNSET
    due_on: datetime.date | None | Unset = UNSET
    fund: None | str | Unset = UNSET
    organisations: list[int] | None | Unset = UNSET
    plan_year: int | None | Unset = UNSET
    subject: None | str | Unset = UNSET
    submission_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        document_type = self.document_type.value

        title = self.title

        action: None | str | Unset
        if isinstance(self.action, Unset):
            action = UNSET
        elif isinstance(self.action, DocumentAction):
            action = self.action.value
        else:
            action = self.action

        all_organisations: bool | None | Unset
        if isinstance(self.all_organisations, Unset):
            all_organisations = UNSET
        else:
            all_organisations = self.all_organisations

        commercial: bool | None | Unset
        if isinstance(self.commercial, Unset):
            commercial = UNSET
        else:
            commercial = self.commercial

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

        organisations: list[int] | None | Unset
        if isinstance(self.organisations, Unset):
            organisations = UNSET
        elif isinstance(self.organisations, list):
            organisations = self.organisations

        else:
            organisations = self.organisations

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

        field_dict.update(
            {
                "documentType": document_type,
                "title": title,
            }
        )
        if action is not UNSET:
            field_dict["action"] = action
        if all_organisations is not UNSET:
            field_dict["allOrganisations"] = all_organisations
        if commercial is not UNSET:
            field_dict["commercial"] = commercial
        if due_on is not UNSET:
            field_dict["dueOn"] = due_on
        if fund is not UNSET:
            field_dict["fund"] = fund
        if organisations is not UNSET:
            field_dict["organisations"] = organisations
        if plan_year is not UNSET:
            field_dict["planYear"] = plan_year
        if subject is not UNSET:
            field_dict["subject"] = subject
        if submission_id is not UNSET:
            field_dict["submissionId"] = submission_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document_type = DocumentType(d.pop("documentType"))

        title = d.pop("title")

        def _parse_action(data: object) -> DocumentAction | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                action_type_0 = DocumentAction(data)

                return action_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DocumentAction | None | Unset, data)

        action = _parse_action(d.pop("action", UNSET))

        def _parse_all_organisations(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        all_organisations = _parse_all_organisations(d.pop("allOrganisations", UNSET))

        def _parse_commercial(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        commercial = _parse_commercial(d.pop("commercial", UNSET))

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

        def _parse_organisations(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                organisations_type_0 = cast(list[int], data)

                return organisations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        organisations = _parse_organisations(d.pop("organisations", UNSET))

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

        document_input = cls(
            document_type=document_type,
            title=title,
            action=action,
            all_organisations=all_organisations,
            commercial=commercial,
            due_on=due_on,
            fund=fund,
            organisations=organisations,
            plan_year=plan_year,
            subject=subject,
            submission_id=submission_id,
        )

        return document_input
