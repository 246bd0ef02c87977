from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.submission_status import SubmissionStatus

if TYPE_CHECKING:
    from ..models.record_problem import RecordProblem


T = TypeVar("T", bound="UploadReport")


@_attrs_define
class UploadReport:
    """What an upload did.

    Attributes:
        error_count (int): Errors and warnings found in the records of this request.
        not_stored (int): Records that could not be stored because they have no usable `localId`.
        problems (list[RecordProblem]): Every problem found in the records of this request, including those between
            records of
            the request (rules across records and files are applied again to the whole submission
            when it is validated). For a CSV file, `index` is the line number in the file. At most
            10,000 are listed; the counts cover them all.
        problems_truncated (bool): True when there were more problems than are listed (all are stored).
        received (int): Records in the request (data rows of a CSV file).
        status (SubmissionStatus): Where a submission is in its life.
        stored (int): Records added or replaced.
        unchanged (int): Records identical to those already stored: sending a batch twice changes nothing.
        warning_count (int):
    """

    error_count: int
    not_stored: int
    problems: list[RecordProblem]
    problems_truncated: bool
    received: int
    status: SubmissionStatus
    stored: int
    unchanged: int
    warning_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_count = self.error_count

        not_stored = self.not_stored

        problems = []
        for problems_item_data in self.problems:
            problems_item = problems_item_data.to_dict()
            problems.append(problems_item)

        problems_truncated = self.problems_truncated

        received = self.received

        status = self.status.value

        stored = self.stored

        unchanged = self.unchanged

        warning_count = self.warning_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errorCount": error_count,
                "notStored": not_stored,
                "problems": problems,
                "problemsTruncated": problems_truncated,
                "received": received,
                "status": status,
                "stored": stored,
                "unchanged": unchanged,
                "warningCount": warning_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_problem import RecordProblem  # noqa: PLC0415

        d = dict(src_dict)
        error_count = d.pop("errorCount")

        not_stored = d.pop("notStored")

        problems = []
        _problems = d.pop("problems")
        for problems_item_data in _problems:
            problems_item = RecordProblem.from_dict(problems_item_data)

            problems.append(problems_item)

        problems_truncated = d.pop("problemsTruncated")

        received = d.pop("received")

        status = SubmissionStatus(d.pop("status"))

        stored = d.pop("stored")

        unchanged = d.pop("unchanged")

        warning_count = d.pop("warningCount")

        upload_report = cls(
            error_count=error_count,
            not_stored=not_stored,
            problems=problems,
            problems_truncated=problems_truncated,
            received=received,
            status=status,
            stored=stored,
            unchanged=unchanged,
            warning_count=warning_count,
        )

        upload_report.additional_properties = d
        return upload_report

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
