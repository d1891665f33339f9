# Times as French typography writes them: "10 h 00", with no-break spaces (docs/typography.md).
TIME_FORMAT = "H\u00a0\\h\u00a0i"
