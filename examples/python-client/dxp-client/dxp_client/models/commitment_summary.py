from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.commitment_state import CommitmentState
from ..models.template import Template

T = TypeVar("T", bound="CommitmentSummary")


@_attrs_define
class CommitmentSummary:
    """A commitment, without its rows.

    Attributes:
        allocation (None | str): The allocation in dollars; `null` when the funder gave none.
        due_on (datetime.date):
        fund (str): The fund its funding rates are loaded for.
        href (str):
        id (str):
        latest_version (int): The latest submitted version; 0 before the first submission.
        organisation (int):
        plan_year (int):
        provisioned_at (datetime.datetime):
        state (CommitmentState): Where a commitment is in its life.
        template (Template): A commitment template: one MoP family, or the EPIC.
        title (str): What the template is called.
        updated_at (datetime.datetime):
    """

    allocation: None | str
    due_on: datetime.date
    fund: str
    href: str
    id: str
    latest_version: int
    organisation: int
    plan_year: int
    provisioned_at: datetime.datetime
    state: CommitmentState
    template: Template
    title: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allocation: None | str
        allocation = self.allocation

        due_on = self.due_on.isoformat()

        fund = self.fund

        href = self.href

        id = self.id

        latest_version = self.latest_version

        organisation = self.organisation

        plan_year = self.plan_year

        provisioned_at = self.provisioned_at.isoformat()

        state = self.state.value

        template = self.template.value

        title = self.title

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allocation": allocation,
                "dueOn": due_on,
                "fund": fund,
                "href": href,
                "id": id,
                "latestVersion": latest_version,
                "organisation": organisation,
                "planYear": plan_year,
                "provisionedAt": provisioned_at,
                "state": state,
                "template": template,
                "title": title,
                "updatedAt": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_allocation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        allocation = _parse_allocation(d.pop("allocation"))

        due_on = datetime.date.fromisoformat(d.pop("dueOn"))

        fund = d.pop("fund")

        href = d.pop("href")

        id = d.pop("id")

        latest_version = d.pop("latestVersion")

        organisation = d.pop("organisation")

        plan_year = d.pop("planYear")

        provisioned_at = datetime.datetime.fromisoformat(d.pop("provisionedAt"))

        state = CommitmentState(d.pop("state"))

        template = Template(d.pop("template"))

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        commitment_summary = cls(
            allocation=allocation,
            due_on=due_on,
            fund=fund,
            href=href,
            id=id,
            latest_version=latest_version,
            organisation=organisation,
            plan_year=plan_year,
            provisioned_at=provisioned_at,
            state=state,
            template=template,
            title=title,
            updated_at=updated_at,
        )

        commitment_summary.additional_properties = d
        return commitment_summary

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
