"""English names of weekdays and months, lower case (one list for the date finder and claim matching)."""

from __future__ import annotations

__all__ = ["MONTHS", "MONTH_ABBREVIATIONS", "WEEKDAYS"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: the abbreviations news copy uses ("Sept." as well as "Sep.")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
