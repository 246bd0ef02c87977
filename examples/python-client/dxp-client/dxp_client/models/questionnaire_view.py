from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.questionnaire_status import QuestionnaireStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_problem import RecordProblem


T = TypeVar("T", bound="QuestionnaireView")


@_attrs_define
class QuestionnaireView:
    """A checked questionnaire.

    Attributes:
        created_at (datetime.datetime):
        created_by (str):
        error_count (int):
        id (str):
        organisation (int):  Example: 6004.
        record_count (int):
        status (QuestionnaireStatus): A checked questionnaire's verdict.
        warning_count (int):
        year (int):  Example: 2026.
        problems (list[RecordProblem] | None | Unset): Every problem found (on single uploads; lists leave them out).
    """

    created_at: datetime.datetime
    created_by: str
    error_count: int
    id: str
    organisation: int
    record_count: int
    status: QuestionnaireStatus
    warning_count: int
    year: int
    problems: list[RecordProblem] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        error_count = self.error_count

        id = self.id

        organisation = self.organisation

        record_count = self.record_count

        status = self.status.value

        warning_count = self.warning_count

        year = self.year

        problems: list[dict[str, Any]] | None | Unset
        if isinstance(self.problems, Unset):
            problems = UNSET
        elif isinstance(self.problems, list):
            problems = []
            for problems_type_0_item_data in self.problems:
                problems_type_0_item = problems_type_0_item_data.to_dict()
                problems.append(problems_type_0_item)

        else:
            problems = self.problems

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "createdBy": created_by,
                "errorCount": error_count,
                "id": id,
                "organisation": organisation,
                "recordCount": record_count,
                "status": status,
                "warningCount": warning_count,
                "year": year,
            }
        )
        if problems is not UNSET:
            field_dict["problems"] = problems

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_problem import RecordProblem  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        created_by = d.pop("createdBy")

        error_count = d.pop("errorCount")

        id = d.pop("id")

        organisation = d.pop("organisation")

        record_count = d.pop("recordCount")

        status = QuestionnaireStatus(d.pop("status"))

        warning_count = d.pop("warningCount")

        year = d.pop("year")

        def _parse_problems(data: object) -> list[RecordProblem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                problems_type_0 = []
                _problems_type_0 = data
                for problems_type_0_item_data in _problems_type_0:
                    problems_type_0_item = RecordProblem.from_dict(problems_type_0_item_data)

                    problems_type_0.append(problems_type_0_item)

                return problems_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[RecordProblem] | None | Unset, data)

        problems = _parse_problems(d.pop("problems", UNSET))

        questionnaire_view = cls(
            created_at=created_at,
            created_by=created_by,
            error_count=error_count,
            id=id,
            organisation=organisation,
            record_count=record_count,
            status=status,
            warning_count=warning_count,
            year=year,
            problems=problems,
        )

        questionnaire_view.additional_properties = d
        return questionnaire_view

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
