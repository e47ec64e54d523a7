# "Dec. 4, 2026, 10:41 p.m. EST": always with minutes (Django's "P" says "10 p.m." and "noon"),
# and with the zone, because members read the site from several.
TIME_FORMAT = "g:i a"
DATETIME_FORMAT = "N j, Y, g:i a T"
SHORT_DATETIME_FORMAT = "m/d/Y g:i a"
