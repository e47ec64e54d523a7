"""Date and time formats for our two languages (FORMAT_MODULE_PATH), read before Django's own.

Only what differs from Django's locale formats is set here. Times are 12-hour in both languages,
as US readers write them, and carry the zone they are shown in (the member's, or the site's).
"""
