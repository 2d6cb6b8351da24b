"""English dates as in the UK: «2 Nov 2026», never the US month-first numbers."""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "F Y"
TIME_FORMAT = "H:i"
WEEKDAY_DATE_FORMAT = "l j M Y"  # sykefravaer.templatetags.dates.weekday_date
WEEKDAY_DATETIME_FORMAT = "l j M Y H:i"
