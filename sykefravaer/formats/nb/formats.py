"""Dates as Norwegians write them: «2. nov. 2026», month in lower case (Språkrådet's abbreviations)."""

DATE_FORMAT = "j. N Y"
SHORT_DATE_FORMAT = "j. N Y"
DATETIME_FORMAT = "j. N Y H:i"
SHORT_DATETIME_FORMAT = "j. N Y H:i"
MONTH_DAY_FORMAT = "j. N"
YEAR_MONTH_FORMAT = "F Y"
TIME_FORMAT = "H:i"
WEEKDAY_DATE_FORMAT = "l j. N Y"  # sykefravaer.templatetags.dates.weekday_date
WEEKDAY_DATETIME_FORMAT = r"l j. N Y \k\l. H:i"
