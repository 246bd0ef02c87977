from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.due_commitment_view import DueCommitmentView
    from ..models.due_document_view import DueDocumentView
    from ..models.due_item_view import DueItemView
    from ..models.work_based_cut_off_view import WorkBasedCutOffView


T = TypeVar("T", bound="DueList")


@_attrs_define
class DueList:
    """What is due for one organisation, most urgent first.

    Attributes:
        as_at (datetime.datetime): The time the list was made for.
        commitments (list[DueCommitmentView]): The organisation's commitments (MoPs and EPICs) not yet accepted, with
            their state,
            the earliest due first.
        documents_to_action (list[DueDocumentView]): The funder's documents the organisation is to act on and has not
            marked actioned,
            the earliest due first (commercial ones only for those who see them).
        organisation (int):  Example: 6004.
        results (list[DueItemView]):
        work_based_cut_offs (list[WorkBasedCutOffView]): The dates of the next 30 days by which the organisation's work-
            based data must be
            current in DXP (31 January, 31 March, 30 June, 31 August); empty for an organisation
            that sends none.
    """

    as_at: datetime.datetime
    commitments: list[DueCommitmentView]
    documents_to_action: list[DueDocumentView]
    organisation: int
    results: list[DueItemView]
    work_based_cut_offs: list[WorkBasedCutOffView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_at = self.as_at.isoformat()

        commitments = []
        for commitments_item_data in self.commitments:
            commitments_item = commitments_item_data.to_dict()
            commitments.append(commitments_item)

        documents_to_action = []
        for documents_to_action_item_data in self.documents_to_action:
            documents_to_action_item = documents_to_action_item_data.to_dict()
            documents_to_action.append(documents_to_action_item)

        organisation = self.organisation

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        work_based_cut_offs = []
        for work_based_cut_offs_item_data in self.work_based_cut_offs:
            work_based_cut_offs_item = work_based_cut_offs_item_data.to_dict()
            work_based_cut_offs.append(work_based_cut_offs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asAt": as_at,
                "commitments": commitments,
                "documentsToAction": documents_to_action,
                "organisation": organisation,
                "results": results,
                "workBasedCutOffs": work_based_cut_offs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.due_commitment_view import DueCommitmentView  # noqa: PLC0415
        from ..models.due_document_view import DueDocumentView  # noqa: PLC0415
        from ..models.due_item_view import DueItemView  # noqa: PLC0415
        from ..models.work_based_cut_off_view import WorkBasedCutOffView  # noqa: PLC0415

        d = dict(src_dict)
        as_at = datetime.datetime.fromisoformat(d.pop("asAt"))

        commitments = []
        _commitments = d.pop("commitments")
        for commitments_item_data in _commitments:
            commitments_item = DueCommitmentView.from_dict(commitments_item_data)

            commitments.append(commitments_item)

        documents_to_action = []
        _documents_to_action = d.pop("documentsToAction")
        for documents_to_action_item_data in _documents_to_action:
            documents_to_action_item = DueDocumentView.from_dict(documents_to_action_item_data)

            documents_to_action.append(documents_to_action_item)

        organisation = d.pop("organisation")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = DueItemView.from_dict(results_item_data)

            results.append(results_item)

        work_based_cut_offs = []
        _work_based_cut_offs = d.pop("workBasedCutOffs")
        for work_based_cut_offs_item_data in _work_based_cut_offs:
            work_based_cut_offs_item = WorkBasedCutOffView.from_dict(work_based_cut_offs_item_data)

            work_based_cut_offs.append(work_based_cut_offs_item)

        due_list = cls(
            as_at=as_at,
            commitments=commitments,
            documents_to_action=documents_to_action,
            organisation=organisation,
            results=results,
            work_based_cut_offs=work_based_cut_offs,
        )

        due_list.additional_properties = d
        return due_list

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
