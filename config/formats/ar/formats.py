# Times in Arabic: 24-hour "10:00" in Western digits, as the United Nations' Arabic documents write them
# (docs/typography.md).
TIME_FORMAT = "H:i"
