from enum import StrEnum


class SubmissionType(StrEnum):
    EFTSFORECAST = "EftsForecast"
    RETURN = "Return"
    STANDALONEFILES = "StandaloneFiles"

    def __str__(self) -> str:
        return str(self.value)
