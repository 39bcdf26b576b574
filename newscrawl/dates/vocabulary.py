"""Words that appear in dates on German-language news pages, as data.

Keys are lower-case and without a trailing dot (the parser strips it). Each group says where it
was seen; see /work/shared/reference/date-formats.md for the evidence.
"""

from __future__ import annotations

# Month names and abbreviations -> month number.
MONTHS: dict[str, int] = {
    # German full names: meta lines ("30. Juli 2018, 18:20 Uhr", shz.de/svz.de), blogs.
    "januar": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    # ASCII transliteration when umlauts were stripped by a CMS.
    "maerz": 3, "marz": 3,
    # Austrian: "Jänner"/"Feber" on .at sites (ORF, Die Presse).
    "jänner": 1, "jaenner": 1, "jän": 1, "feber": 2,
    # German abbreviations ("Sept.", "Mrz" are rare but exist in dpa feeds).
    "jan": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12,
    # English names and abbreviations (English-language feeds, dateModified in prose).
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "december": 12, "mar": 3, "oct": 10, "dec": 12,
    # Spanish, French, Italian, Portuguese, Dutch full names: date lines of news pages
    # worldwide ("martes 17 de marzo de 2020", "7 octobre 2020"; the datepages set).
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    # Arabic (Egyptian/Levantine transliterations) and Russian genitive month names.
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6,
    "يوليو": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10,
    "نوفمبر": 11, "ديسمبر": 12,
    # Levantine (Syriac) names, printed in Jordan, Syria, Lebanon and Iraq, often beside the
    # Egyptian one ("24 نيسان / أبريل 2020"; almadenahnews.com in datepages), with and without
    # hamza.
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    # Danish, Norwegian and Swedish ("10. marts 2020", "19. desember 2020", "3 augusti"), where
    # not spelled as above.
    "marts": 3, "maj": 5, "desember": 12, "augusti": 8,
    # Polish and Czech genitive, Turkish names.
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
    "lipca": 7, "sierpnia": 8, "września": 9, "października": 10, "listopada": 11,
    "grudnia": 12,
    "ledna": 1, "února": 2, "března": 3, "dubna": 4, "května": 5, "června": 6,
    "července": 7, "srpna": 8, "září": 9, "října": 10, "listopadu": 11, "prosince": 12,
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
    # Ukrainian genitive.
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6,
    "липня": 7, "серпня": 8, "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}

# Relative-time units ("vor 35 Min.", "vor 9 Stunden", "3 hours ago") -> relativedelta keyword.
# Units are those of dateutil.relativedelta so months and years are calendar-correct.
UNITS: dict[str, str] = {
    "sek": "seconds", "sekunde": "seconds", "sekunden": "seconds",
    "s": "seconds", "sec": "seconds", "second": "seconds",
    "seconds": "seconds",
    "min": "minutes", "minute": "minutes", "minuten": "minutes",
    "minutes": "minutes", "mins": "minutes",
    "std": "hours", "stunde": "hours", "stunden": "hours", "h": "hours",
    "hour": "hours", "hours": "hours", "hrs": "hours",
    "tag": "days", "tagen": "days", "day": "days", "days": "days",
    "woche": "weeks", "wochen": "weeks", "week": "weeks", "weeks": "weeks",
    "monat": "months", "monaten": "months", "month": "months",
    "months": "months",
    "jahr": "years", "jahren": "years", "year": "years", "years": "years",
}

# Number words in relative phrases ("vor einer Stunde", "vor zwei Tagen", "an hour ago").
NUMBER_WORDS: dict[str, int] = {
    "einer": 1, "einem": 1, "ein": 1, "eine": 1, "a": 1, "an": 1, "one": 1,
    "zwei": 2, "two": 2, "drei": 3, "three": 3, "vier": 4, "four": 4, "fünf": 5, "five": 5,
    "sechs": 6, "six": 6, "sieben": 7, "seven": 7, "acht": 8, "eight": 8, "neun": 9,
    "nine": 9, "zehn": 10, "ten": 10, "elf": 11, "zwölf": 12,
}

# Phrases that mean "at the fetch time, give or take a few minutes" (live tickers, teaser lists).
NOW_PHRASES: tuple[str, ...] = ("gerade eben", "soeben", "vor wenigen minuten", "just now")

# Day words relative to the fetch day ("heute, 7.05 Uhr", "gestern, 18:30 Uhr").
DAY_WORDS: dict[str, int] = {
    "heute": 0, "today": 0, "gestern": -1, "yesterday": -1, "vorgestern": -2,
}

# Zone names printed after a time ("18:30 MESZ") -> UTC offset in hours.
ZONE_OFFSETS: dict[str, int] = {
    "utc": 0, "gmt": 0, "z": 0, "mez": 1, "cet": 1, "mesz": 2, "cest": 2,
}

# Words whose presence makes free text worth handing to dateparser; anything without one of
# these (and without a fast-path match) is not a date, so dateparser is never called on it.
FREE_TEXT_HINTS: tuple[str, ...] = (
    *MONTHS,
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "vor", "ago", "letzte", "last", "morgen", "tomorrow", "woche", "week", "monat", "month",
    "jahr", "year", "stunde", "hour", "minute",
)
