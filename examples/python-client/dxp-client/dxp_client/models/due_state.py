from enum import StrEnum


class DueState(StrEnum):
    LODGED = "Lodged"
    OPEN = "Open"
    RESUBMISSIONWINDOW = "ResubmissionWindow"
    STOPGATELIFTED = "StopGateLifted"
    UPCOMING = "Upcoming"

    def __str__(self) -> str:
        return str(self.value)
