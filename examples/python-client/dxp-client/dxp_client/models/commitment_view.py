from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.commitment_state import CommitmentState
from ..models.template import Template

if TYPE_CHECKING:
    from ..models.record_problem import RecordProblem
    from ..models.row_view import RowView
    from ..models.totals_view import TotalsView


T = TypeVar("T", bound="CommitmentView")


@_attrs_define
class CommitmentView:
    """A commitment with its rows, totals and problems (checked against the rates loaded now).

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
        error_count (int):
        problems (list[RecordProblem]): Errors and warnings; a problem's `index` is its row (0: the commitment as a
            whole).
        rows (list[RowView]):
        totals (TotalsView): A commitment's totals, in dollars and volumes as decimal strings.
        warning_count (int):
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
    error_count: int
    problems: list[RecordProblem]
    rows: list[RowView]
    totals: TotalsView
    warning_count: int
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

        error_count = self.error_count

        problems = []
        for problems_item_data in self.problems:
            problems_item = problems_item_data.to_dict()
            problems.append(problems_item)

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        totals = self.totals.to_dict()

        warning_count = self.warning_count

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
                "errorCount": error_count,
                "problems": problems,
                "rows": rows,
                "totals": totals,
                "warningCount": warning_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_problem import RecordProblem  # noqa: PLC0415
        from ..models.row_view import RowView  # noqa: PLC0415
        from ..models.totals_view import TotalsView  # noqa: PLC0415

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

        error_count = d.pop("errorCount")

        problems = []
        _problems = d.pop("problems")
        for problems_item_data in _problems:
            problems_item = RecordProblem.from_dict(problems_item_data)

            problems.append(problems_item)

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = RowView.from_dict(rows_item_data)

            rows.append(rows_item)

        totals = TotalsView.from_dict(d.pop("totals"))

        warning_count = d.pop("warningCount")

        commitment_view = cls(
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
            error_count=error_count,
            problems=problems,
            rows=rows,
            totals=totals,
            warning_count=warning_count,
        )

        commitment_view.additional_properties = d
        return commitment_view

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
