# Times as United Nations documents write them in English: 24-hour, "10:00" (docs/typography.md).
TIME_FORMAT = "H:i"
