from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.template import Template
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProvisionInput")


@_attrs_define
class ProvisionInput:
    """A commitment to provision, as the funder gives it.

    Example:
        {'allocation': '150000.00', 'dueOn': '2026-07-03', 'organisation': 6004, 'planYear': 2027, 'template': 'ace-in-
            schools'}

    Attributes:
        due_on (datetime.date): The day the organisation is to submit it by.
        organisation (int): The organisation's EDUMIS number.
        plan_year (int):
        template (Template): A commitment template: one MoP family, or the EPIC.
        allocation (None | str | Unset): The organisation's allocation for the fund and year, in dollars
            (`"150000.00"`), for the
            allocation tolerance (MOP-009, MOP-010); ignored for the EPIC.
    """

    due_on: datetime.date
    organisation: int
    plan_year: int
    template: Template
    allocation: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        due_on = self.due_on.isoformat()

        organisation = self.organisation

        plan_year = self.plan_year

        template = self.template.value

        allocation: None | str | Unset
        if isinstance(self.allocation, Unset):
            allocation = UNSET
        else:
            allocation = self.allocation

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "dueOn": due_on,
                "organisation": organisation,
                "planYear": plan_year,
                "template": template,
            }
        )
        if allocation is not UNSET:
            field_dict["allocation"] = allocation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_on = datetime.date.fromisoformat(d.pop("dueOn"))

        organisation = d.pop("organisation")

        plan_year = d.pop("planYear")

        template = Template(d.pop("template"))

        def _parse_allocation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        allocation = _parse_allocation(d.pop("allocation", UNSET))

        provision_input = cls(
            due_on=due_on,
            organisation=organisation,
            plan_year=plan_year,
            template=template,
            allocation=allocation,
        )

        return provision_input
