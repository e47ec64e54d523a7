# "4 de diciembre de 2026, 10:41 p. m. EST": 12-hour time as US Latino readers write it (the
# project catalog gives "p. m." and "a. m."), the zone at the end, and "de" before every year.
DATE_FORMAT = r"j \d\e F \d\e Y"
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = r"j \d\e F \d\e Y, g:i a T"
YEAR_MONTH_FORMAT = r"F \d\e Y"
SHORT_DATETIME_FORMAT = "d/m/Y g:i a"
