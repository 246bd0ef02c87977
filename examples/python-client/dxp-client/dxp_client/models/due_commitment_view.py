from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.commitment_state import CommitmentState
from ..models.template import Template

T = TypeVar("T", bound="DueCommitmentView")


@_attrs_define
class DueCommitmentView:
    """A commitment not yet accepted.

    Attributes:
        due_on (datetime.date):
        href (str):
        id (str):
        overdue (bool): Its due day has passed and the organisation still has it.
        plan_year (int):
        state (CommitmentState): Where a commitment is in its life.
        template (Template): A commitment template: one MoP family, or the EPIC.
        title (str):
    """

    due_on: datetime.date
    href: str
    id: str
    overdue: bool
    plan_year: int
    state: CommitmentState
    template: Template
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_on = self.due_on.isoformat()

        href = self.href

        id = self.id

        overdue = self.overdue

        plan_year = self.plan_year

        state = self.state.value

        template = self.template.value

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dueOn": due_on,
                "href": href,
                "id": id,
                "overdue": overdue,
                "planYear": plan_year,
                "state": state,
                "template": template,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_on = datetime.date.fromisoformat(d.pop("dueOn"))

        href = d.pop("href")

        id = d.pop("id")

        overdue = d.pop("overdue")

        plan_year = d.pop("planYear")

        state = CommitmentState(d.pop("state"))

        template = Template(d.pop("template"))

        title = d.pop("title")

        due_commitment_view = cls(
            due_on=due_on,
            href=href,
            id=id,
            overdue=overdue,
            plan_year=plan_year,
            state=state,
            template=template,
            title=title,
        )

        due_commitment_view.additional_properties = d
        return due_commitment_view

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
