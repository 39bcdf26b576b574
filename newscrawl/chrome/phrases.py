"""UI-chrome phrases as data.

Each entry is a whole-line pattern: ``exact`` labels are compared case-insensitively after
whitespace normalisation, ``regex`` patterns are matched against the whole line (anchored at
both ends). ``zone`` says where the line may be dropped: ``any`` anywhere in the body, ``edge``
only among the first/last lines of the body or as a short line. ``reason`` is the stats key
suffix (``newscrawl/chrome/dropped/<reason>``). Sources are the site keys of
/work/shared/reference/chrome-phrases.md (MER = merkur.de, KSTA = ksta.de, …).

Inline chrome (a parenthetical teaser inside a real sentence) is in ``INLINE``: those patterns
are removed from the text and the rest of the sentence is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["exact", "regex"]
Zone = Literal["any", "edge"]


@dataclass(frozen=True, slots=True)
class Phrase:
    """One chrome line pattern with where it may be dropped and why that is safe."""

    kind: Kind
    pattern: str
    zone: Zone
    reason: str
    note: str


def _x(pattern: str, reason: str, note: str, zone: Zone = "any") -> Phrase:
    return Phrase("exact", pattern, zone, reason, note)


def _r(pattern: str, reason: str, note: str, zone: Zone = "any") -> Phrase:
    return Phrase("regex", pattern, zone, reason, note)


PHRASES: tuple[Phrase, ...] = (
    # --- §1 navigation, breadcrumbs, furniture --------------------------------------------
    _x("Startseite", "nav", "breadcrumb root (TS, SHZ); whole line only, the word stays in prose"),
    _x("Zur Startseite", "nav", "TS/SHZ/SVZ footer link; a whole line never is a sentence"),
    _r(r"(?:Sie sind hier:|Sie befinden sich hier:).*", "nav", "SZs glued breadcrumb path"),
    _r(r"Icon [A-ZÄÖÜ][\w ]{0,30}", "nav", "AA/Funke icon alt texts 'Icon Pfeil nach unten'"),
    _r(r"\d+\. [\w.]+-de", "nav", "Ippen numbered breadcrumb '1. rosenheim24-de' (R24, OVB)"),
    _r(r"[•|·>/\s]+", "separator", "bullet/separator rows like '• |' between widgets"),
    _x("Direkt zum Inhalt wechseln", "nav", "skip link (BZB)"),
    _r(r"zum Hauptinhalt|Zur Navigation Zum Artikel|Zum Inhalt springen", "nav", "skip links"),
    _r(r"Menü(?: Anmelden)?|Anmelden|Abmelden|Login|Suche|Schließen|Zurück|Weiter", "nav",
       "menu/login bar labels (HAZ, MAZ); one-word lines, never a paragraph", "edge"),
    _x("Partner im Redaktionsnetzwerk Deutschland", "nav", "Madsack network label (HAZo)"),
    _r(r".{2,40} \| Ihre Zeitung aus .{2,40}", "nav", "Madsack brand tagline (HAZ, MAZ)"),
    _r(r"Impressum(?: \|.*)?|Datenschutz(?:erklärung)?|Cookie-Einstellungen|Datenerhebung"
       r"|Content Management by InterRed", "nav", "footer link farm (BZt, GA)"),
    _r(r"Top-Themen:?|Nachrichten des Tages|Neueste Artikel|Thema & Hintergründe|Meistgelesen"
       r"|Meistgelesene Artikel|Das könnte Sie auch interessieren:?|Auch interessant:?"
       r"|Mehr zum Thema:?|Weitere News|Weitere Artikel|weitere Meldungen|weitere Videos"
       r"|Alle Artikel der Serie|Lesen Sie auch:?|Mehr lesen über|Weiterführende Links"
       r"|Empfehlungen der Redaktion|Unsere Empfehlungen|Das könnte dich auch interessieren",
       "teaser", "section headers of related boxes (HAZ, SK, Funke in-body h3, HNAg); whole "
       "line only: 'Auch interessant' may start a sentence"),
    _r(r"Ressortarchiv:.*|Alle Artikel vom \d{1,2}\. \w+ \d{4}"
       r"|Artikel vom [\d.]+ aus dem Ressort.*",
       "nav", "archive headers (KZa, SZ, MP)"),
    _r(r"\d{1,2}°\s?C?(?:\s?/\s?\d{1,2}°)?.*|Das aktuelle Wetter.*", "nav",
       "weather widget (HAZ, DWo, SOL)", "edge"),
    _r(r"\{k\}/\{n\}|Artikel \{k\} von \{n\}", "nav", "template placeholders (SOL)"),
    _r(r"Eilmeldung", "nav", "breaking-news bar label (RNZ)", "edge"),
    # --- §2 icons, gallery counters, file names -------------------------------------------
    _x("+", "gallery", "Ippen zoom icon before a duplicated caption (HNA, TZb)"),
    _x("null", "gallery", "empty caption placeholder (R24b)"),
    _x("image", "gallery", "image placeholder (SOL)"),
    _r(r"\d+ von \d+|\d+/\d+", "gallery", "gallery counters '1 von 45' (HNAg, RP)"),
    _r(r"(?:Video)?\s?\d+ (?:Bilder|Fotos|Videos)", "gallery",
       "'9 Bilder', 'Video16 Fotos' (STZo)"),
    _r(r"(?:Zur|zur) (?:Bildergalerie|Galerie|Fotostrecke)|Bildergalerie(?: ansehen)?"
       r"|Weitere Fotostrecken.*|Alle Bilder anzeigen|Galerie öffnen", "gallery",
       "gallery links (WAZ, HNAg)"),
    _r(r"[\w-]+\.(?:jpe?g|png|gif|webp)", "gallery", "image file names (SVZ)"),
    _r(r"\S+(?: \S+)? Logo|[\w.-]+-logo", "gallery", "logo alt text 'svz+ Logo'"),
    _r(r"(?:Zum Anfang|Vollbild|Audio jetzt starten|Los geht's)", "nav",
       "Pageflow story chrome (stories.schwaebische.de)", "edge"),
    # --- §3 meta lines --------------------------------------------------------------------
    _r(r"(?:Erstellt|Aktualisiert|Veröffentlicht|Stand|Zuletzt aktualisiert)(?: am)?:?"
       r"(?:\s*[\d.,: ]*(?:Uhr)?)?(?:\s*(?:\||Aktualisiert:?)\s*[\d.,: ]*(?:Uhr)?)*",
       "meta", "Ippen/news.de date lines 'Erstellt: 17.08.2021, 22:16 Uhr', also empty forms"),
    _r(r"(?:(?:Mo|Di|Mi|Do|Fr|Sa|So)[a-z]*\.?,? )?\d{1,2}\.\d{1,2}\.\d{2,4}(?:(?:,| -| \|)? "
       r"\d{1,2}[:.]\d{2}(?: Uhr)?)?(?: \| \d{1,2}[:.]\d{2}(?: Uhr)?)?", "meta",
       "bare date/time line '29.12.21 | 18:30', 'Freitag, 28.04.2023, 19:25' (focus.de), "
       "'25.10.2025 - 15:26 Uhr' (stuttgarter-zeitung.de) next to the headline"),
    _r(r"\d{1,2}[:.]\d{2}(?: Uhr)?", "meta", "bare time stamp line (HAZ lists)", "edge"),
    _r(r"(?:(?:Mo|Di|Mi|Do|Fr|Sa|So)[a-z]*\.?,? )?\d{1,2}\. (?:Januar|Februar|März|April|Mai|Juni|"
       r"Juli|August|September|Oktober|November|Dezember) \d{4}(?:,? (?:um )?\d{1,2}[:.]\d{2}"
       r"(?: Uhr)?)?", "meta", "date line '28. April 2023, 19:50 Uhr' (sueddeutsche.de)"),
    _r(r".{2,80}\| \d{1,2}\.\d{1,2}\.\d{4} \| \d{1,2}:\d{2} Uhr", "meta",
       "broadcast slot 'NDR 1 Welle Nord | Nachrichten für … | 28.04.2023 | 13:00 Uhr' (ndr.de)"),
    _r(r"Von:? .{2,80}(?: - | \| )\d{1,2}[.:]\d{2}.*", "meta",
       "author + date lines 'Von Axel Hechelmann - 07:43 Uhr', 'Von dpa | 11.05.2023' (AAk, NOZ)"),
    _r(r"Von:? [A-ZÄÖÜ][\w.'-]+(?: [A-ZÄÖÜ][\w.'-]+){0,3}(?:,? (?:und )?[A-ZÄÖÜ][\w.'-]+"
       r"(?: [A-ZÄÖÜ][\w.'-]+){0,3})*", "meta",
       "standalone byline 'Von: Markus Zwigl, Martin Weidner' (R24, TZ); only first/last lines",
       "edge"),
    _r(r"[Vv]on:? (?:[A-ZÄÖÜ][\w.'-]+|[a-z][\w]*[.-][\w.-]+)(?: (?:(?:de|di|da|du|von|van|der|den|"
       r"zu|le|la|dos|del) )*[A-ZÄÖÜ][\w.'-]+){0,3}(?:(?:, | und )[A-ZÄÖÜ][\w.'-]+(?: (?:(?:de|"
       r"von|van|der|zu) )*[A-ZÄÖÜ][\w.'-]+){0,3})*(?:, [a-z]{2,5}(?:/[a-z]{2,5})?)*", "meta",
       "byline with name particles or site + kürzel: 'Von Monique de Cleur' (waz.de), "
       "'von Oliver Kring' (ndr.de), 'Von t-online, jse'; only first/last lines", "edge"),
    _r(r"Autor(?:in)?:.*|Über den Autor|Über die Autorin|Zur Autorin|Zum Autor|Die Autorin|"
       r"Der Autor|Die Autoren|Die Autorinnen", "meta",
       "author box labels (WR, blickpunktmeerbusch.de)", "edge"),
    _r(r"schließen", "meta", "author box close label (MER)"),
    _r(r"Lesezeit:? \d+ (?:min|Min\.?|Minuten)|\d+ Min(?:\.|uten)?(?: Lesezeit)?"
       r"|\d+ min(?:ute)?s? read", "meta", "reading time (sueddeutsche.de, faz.net '3 Min.')"),
    _r(r"Archivierter Artikel vom .*", "meta", "archive marker (RZ)"),
    _r(r"Dies ist eine (?:maschinelle |automatische )?Übersetzung .{10,400}", "meta",
       "machine-translation note (businessinsider.de)"),
    _r(r"(?:(?:Aktualisiert|Veröffentlicht|Erstellt) am )?\d{1,2}\.\d{1,2}\.\d{2,4}(?:,? ?-? ?"
       r"\d{1,2}[:.]\d{2}(?: ?Uhr)?)? ?\|? ?Lesedauer: ?\d+ Min\.?|Lesedauer: ?\d+ Min\.?",
       "meta", "date + reading time line '15.04.2026 - 15:48 UhrLesedauer: 2 Min.' (t-online)"),
    _r(r"(?:Quelle|Mit Material von|Mit Agenturmaterial|Mit Material der Nachrichtenagenturen?)"
       r"\s*:?\s?.{0,60}", "meta",
       "source attribution at the end 'Quelle: ntv.de, ino/dpa', 'Mit Agenturmaterial.'", "edge"),
    _r(r"\(?(?:mit|Mit) (?:dpa|AFP|Reuters|AP|KNA|epd|sid|Agenturen|Agenturmaterial)"
       r"(?:[,/ ]+(?:und )?(?:dpa|AFP|Reuters|AP|KNA|epd|sid))*\)?\.?", "meta",
       "agency note 'mit dpa' as the last line (waz.de)", "edge"),
    _r(r".*\(abgerufen am:? [\d.]+ ?\)\.?|(?:Infos zum )?Zitiervorschlag", "meta",
       "citation suggestion box (lto.de)"),
    _r(r"Dieses Thema im Programm:?.*", "meta", "broadcast slot line (ndr.de)", "edge"),
    _r(r"Dieser (?:Artikel|Beitrag|Text) (?:ist (?:zuerst|zuvor|ursprünglich|erstmals) (?:bei|im|"
       r"in der|in|auf) [^,]{2,60} erschienen|erschien (?:zuerst|zuvor|ursprünglich|erstmals) "
       r"(?:bei|im|in der|in|auf) [^,]{2,60})\.?", "meta",
       "syndication note 'Dieser Artikel ist zuerst bei \"Capital\" erschienen.' (stern.de)",
       "edge"),
    _x("News folgen", "nav", "follow-topic button label (golem.de); a whole line only"),
    _r(r"(?:Mehr|Weitere|Alle)(?: (?:Informationen|Infos|Artikel|Nachrichten|Hintergründe))? "
       r"(?:zum|zu diesem) Thema (?:finden|lesen) Sie .{2,100}", "teaser",
       "pointer line to a related page 'Mehr zum Thema finden Sie auch im wöchentlichen "
       "Zins-Check:' (morgenpost.de); whole line only"),
    _r(r".{0,300}müssen nicht (?:der|die) Meinung der Redaktion .{0,40}|Aus dem (?:Englischen|"
       r"Französischen|Spanischen|Russischen|Amerikanischen) (?:übersetzt )?von .{2,120}",
       "meta", "guest-column disclaimer and translation credit (diepresse.com)"),
    _r(r"(?:Korrespondent(?:in)?|Redakteur(?:in)?|Autor(?:in)?|Reporter(?:in)?) [A-ZÄÖÜ][\w-]+ "
       r"[A-ZÄÖÜ][\w-]+ ist .{10,300}|[A-ZÄÖÜ][\w-]+ [A-ZÄÖÜ][\w-]+ ist [\w-]*(?:[Rr]eporter|"
       r"[Kk]orrespondent|[Rr]edakteur|[Jj]ournalist|[Aa]utor)\w* .{0,300}", "meta",
       "author bio at the end 'Manuela Conrad ist ZDF-Reporterin für …' (zdf.de, welt.de); "
       "only among the last lines", "edge"),
    _r(r"[A-ZÄÖÜ][\w-]+(?: [A-ZÄÖÜ][\w-]+){1,2} \(\*\d{4}\) (?:war|ist) .{10,400}", "meta",
       "author bio with birth year 'Anne-Marie Slaughter (*1958) war …' (diepresse.com)", "edge"),
    _r(r".{1,40} ist eine Partnermarke (?:des|der|von) .{5,300}", "meta",
       "partner-brand disclaimer 'Capital ist eine Partnermarke des stern …' (stern.de)"),
    _r(r"[\w .-]{2,40}, \d{1,2}\.\d{1,2}\.\d{4}, \d{1,2}[:.]\d{2} Uhr(?: ?;.*)?", "meta",
       "broadcast source line 'SRF 4 News, 15.4.2024, 10:05 Uhr; srf/hosb;kesm' (srf.ch)"),
    _r(r".{0,120}Hier finden Sie alle (?:unsere )?(?:Inhalte|Artikel|Informationen|News|Berichte)"
       r" (?:zu|zum|zur|über) .{1,80}", "teaser",
       "topic-page promo 'Hier finden Sie alle unsere Inhalte zum Krieg im Nahen Osten' (srf.ch)"),
    _r(r"(?:Kommentar|Analyse|Interview|Reportage|Porträt|Leitartikel|Glosse|Meinung|"
       r"ANGERISSEN|MARKTGEFLÜSTER|PRESSESTIMMEN):?", "meta",
       "genre label as the whole line only; the words are common in prose (BZ, RPk, AAp)",
       "edge"),
    _r(r"\+\+\+ ?(?:Dieser News-?Ticker.*(?:beendet|aktualisiert).*|Newsticker .* aktualisieren"
       r"|Aktualisieren) ?\+\+\+|Dieser News-?Ticker wird (?:regelmäßig )?aktualisiert\.?"
       r"|\+\+\+Aktualisieren\+\+\+", "meta", "ticker control lines (MER, MSL, OVB)"),
    _x("Plus", "paywall", "AA/RZ Plus flag as its own line; 'plus' in prose stays"),
    # --- §4 comment widgets ---------------------------------------------------------------
    _r(r"Diskutieren Sie mit\.?|Leserkommentare anzeigen|Kommentare anzeigen|Kommentar schreiben"
       r"|Jetzt kommentieren|Kommentieren", "comments", "comment widget (SHZ)"),
    _x("Kommentare", "comments", "Ippen header link; only as whole line", "edge"),
    _r(r"\(?\d+\)? ?\d* ?Kommentare?(?: vorhanden)?", "comments",
       "count lines '0 Kommentare' (NN)"),
    _r(r"Dieser Artikel kann nicht mehr kommentiert werden\.?", "comments",
       "closed comments notice (Funke/Ippen)"),
    _r(r"Sie möchten kommentieren\?.*|Melden Sie sich an, um Kommentare zu verfassen\.?",
       "comments", "comment login prompt (WR)"),
    # --- §5 inline teasers as whole lines -------------------------------------------------
    _r(r"Mehr (?:Nachrichten|News|Artikel|Informationen) (?:aus|zu|zum|über) .{1,60} "
       r"(?:lesen Sie )?(?:hier|lesen hier)\.?", "teaser",
       "'Mehr Nachrichten aus … lesen Sie hier.' link line"),
    _r(r">>.*", "teaser", "Funke '>>' teaser paragraphs (Fundus WAZ rule)"),
    _r(r"(?:Lesen|Hören|Sehen) Sie (?:auch|hier|dazu)(?: mehr)?:.{0,160}", "teaser",
       "teaser line 'Lesen Sie auch: <headline>' as the whole line"),
    _r(r"Auch interessant:.{0,160}|Passend dazu:.{0,160}|Zum Thema:.{0,160}", "teaser",
       "labelled teaser lines; a label with colon starts the whole line"),
    _r(r"(?:»|>>>|\[)?(?:mehr|weiterlesen|mehr\.\.\.)(?:\]|»)?", "teaser",
       "'»mehr', '[mehr...]' link lines (MP, NN)"),
    _r(r"Den kompletten Artikel lesen Sie .*", "teaser", "read-elsewhere (spreewald-nachrichten)"),
    _r(r".{0,160}(?:lesen|finden) Sie (?:jederzeit |auch )?in unserem (?:Liveblog|Newsblog|"
       r"Live-?Ticker|Ticker|Dossier|Themenspecial|Überblick|Newsticker).{0,20}", "teaser",
       "liveblog pointers 'Mehr zur Lage … lesen Sie in unserem Liveblog:' (zdf.de)"),
    _r(r".{0,200}Hier können Sie (?:sie|ihn|es|das Heft|die Ausgabe) .{0,40}"
       r"(?:vorbestellen|bestellen"
       r"|kaufen)\.?", "teaser", "issue promo '… Hier können Sie sie schon jetzt vorbestellen.' "
       "(vogue.de)", "edge"),
    _r(r"(?:Lest|Lesen Sie) den Originalartikel .{0,40}", "teaser",
       "translated-article pointer (businessinsider.de)"),
    _r(r"Lesen Sie mehr(?: zum Thema)?|Mehr lesen|Weiterlesen|Mehr Themen auf .{1,30}"
       r"|Am beliebtesten|Full Credits .{0,30}", "teaser",
       "link headers (vogue.de, stuttgarter-zeitung.de)"),
    _r(r".{5,200} zum (?:Artikel|Kurs|Ratgeber|Angebot|Deal|Shop|Produkt|Video|Podcast)",
       "teaser", "promo rows ending in a call to action 'Seminar: … zum Kurs' (golem.de); a "
       "sentence does not end in 'zum Artikel' without a full stop"),
    _r(r"Service: .*---.*", "teaser", "service link row (R24c)"),
    _r(r"Das (?:Wichtigste|WICHTIGSTE) (?:in Kürze|IN KÜRZE):?|Die wichtigsten Informationen "
       r"im Überblick:?", "meta", "ticker summary headers (OVB, R24b)", "edge"),
    # --- §6 promos, subscriptions, paywall ------------------------------------------------
    _r(r"Kostenpflichtiger Inhalt:?", "paywall", "RP label before headline (RPk)"),
    _r(r"Exklusiv für (?:\S+\+ )?Nutzer|Exklusiv für", "paywall", "mh:n flag (SVZ)"),
    _r(r"\S+ PLUS abonnieren|Zum Abo-Shop|Abo|Jetzt abonnieren|Abo abschließen|Jetzt testen"
       r"|Jetzt weiterlesen|Weiterlesen mit.*|Jetzt diesen Artikel lesen!?|Gleich können Sie "
       r"weiterlesen!?|Bereits Abonnent(?:/in)?\?.*|Sie haben bereits ein Abo\?.*"
       r"|Doch lieber Print\?.*|Lesen oder hören Sie doch weiter\.?|Registrieren|kostenlos",
       "paywall", "abo bars and paywall boxes (KSTA, EZ, BZt, BLZ)"),
    _r(r".*(?:\d+ (?:Tage|Monate?|Wochen) kostenlos testen|im Testzeitraum kündbar|"
       r"jederzeit kündbar|€ (?:im Monat|pro Woche|/ Monat|mtl)|Monatsabo).*", "paywall",
       "trial offers (SK, BLZ, EZ); price + cancellation wording never occurs in news prose "
       "as a short line", "edge"),
    _r(r"(?:Zugriff auf alle|Erhalten Sie unbegrenzten Zugang|Unbegrenzter Zugang|"
       r"Zugang zu allen) .*(?:Inhalte|Artikel|Artikeln).*", "paywall", "paywall benefits"),
    _r(r"Noch \|? ?\d+ \|? ?Gratis-Artikel.*|Alles kostenlos\?.*|Guter Journalismus kostet.*",
       "paywall", "metered notice (RNZ)"),
    _r(r"Damit Sie den Artikel vollständig ausdrucken können.*", "paywall", "print gate (ZAK)"),
    _r(r"Jetzt (?:weiterlesen|bestellen|testen|abonnieren|abschließen|freischalten|registrieren)"
       r"(?: mit .{1,30})?[.!]?", "paywall",
       "paywall buttons 'Jetzt weiterlesen mit HAZ+', 'Jetzt bestellen' (Madsack, SWMH)"),
    _r(r".{0,80}(?:Lesen Sie|lesen|[Tt]esten|Abo|Premium|Plus|Zugang|Zugriff).{0,60}"
       r"\d+(?:,\d{2})? ?(?:€|Euro).{0,60}", "paywall",
       "offer lines 'Lesen Sie alle Artikel für 0,99 € im ersten Monat.' (KStA), 'Premium-Inhalte "
       "lesen – den ersten Monat für 0,99 Euro' (HAZ); edge zone only, as prices of "
       "subscriptions can be the story", "edge"),
    _r(r".{0,120}(?:Testen Sie|testen Sie|Lesen Sie).{0,80}(?:kostenlos|gratis|Probeabo|"
       r"\d+ Wochen|\d+ Monate?).{0,200}", "paywall",
       "trial promos at the end of the body ('Testen Sie für zwei Wochen die gedruckte Zeitung', "
       "jungewelt.de)", "edge"),
    _r(r".{0,80}(?:gekennzeichneten|markierten) Links sind Affiliate-Links.*|.*Affiliate-Links? "
       r"enthalten.{0,200}", "ad", "affiliate disclosure (focus.de, winfuture.de)"),
    # --- §7 newsletter / messenger boxes --------------------------------------------------
    _r(r".*Newsletter.{0,80}(?:abonnieren|bestellen|anmelden|Postfach|E-Mail-Postfach).*"
       r"|Mit meiner Anmeldung zum Newsletter.*|Der Newsletter direkt aus dem Newsroom"
       r"|Newsletter(?:-Anmeldung)?|Zur Newsletter-Anmeldung|Jetzt (?:kostenlos )?anmelden",
       "newsletter", "newsletter boxes (HAZ, MAZ, GA); a paragraph about newsletters has no "
       "sign-up verb next to the word"),
    _r(r".*WHATSAPP-Newsletter.*|.*WhatsApp-Kanal.*folgen.*", "newsletter",
       "messenger newsletter (RNZ)", "edge"),
    _r(r"Der Newsletter wird Ihnen nicht richtig angezeigt\?.*", "newsletter", "KSTAn"),
    # --- §8 share / print / read aloud ----------------------------------------------------
    _r(r"(?:Artikel )?(?:teilen|Teilen)|Artikel teilen|Schriftgröße ändern|Artikel zur "
       r"Merkliste hinzugefügt|Artikel von der Merkliste entfernt|Rückg[aä]ngig|Sie folgen(?: nun)?"
       r"|Merken|Drucken|Artikel drucken|Link kopieren|Per Mail versenden|E-Mail|WhatsApp"
       r"|Facebook|Twitter|X|Pinterest|LinkedIn|Telegram|Flipboard|Verlinken|Feedback",
       "share", "share/print toolbar labels (KSTA, BZt); one-word lines only"),
    _r(r"Artikel (?:anhören|vorlesen)(?: lassen)?|Vorlesen|Audio(?:version)?|Diese Audioversion "
       r"wurde künstlich generiert\..*|Hören Sie hier.*|\d{1,2}:\d{2} ?/ ?\d{1,2}:\d{2}",
       "share", "read-aloud player (loveradar mirror, schwaebische)"),
    _r(r"Hat (?:dir|Ihnen) dieser Artikel gefallen\?(?: Ja Nein)?", "share", "feedback (SOL)"),
    _r(r"Sie können den Tweet nicht sehen\?.*", "share", "tweet fallback (news.de)"),
    _r(r"Aktuelle Zeit:.{0,10}Gesamtdauer:.{0,10}|Embed|Video \| .{3,160}", "share",
       "video player chrome and video teaser rows (t-online)"),
    _r(r".{10,600} \d{1,2}\.\d{1,2}\.\d{4} \| \d{1,3}:\d{2} min", "teaser",
       "video card text ending in date and duration '… 21.04.2024 | 3:18 min' (zdf.de); story "
       "paragraphs never end in a play time"),
    _r(r"später lesen", "share", "TV read-later label"),
    _r(r"(?:[\w-]+-)?Box (?:aufklappen|zuklappen)(?: (?:[\w-]+-)?Box (?:aufklappen|zuklappen))?",
       "share", "expandable box toggles 'Personen-Box aufklappen Personen-Box zuklappen' (srf.ch)"),
    _r(r"Jederzeit top informiert!?|.{0,80}(?:per|via) Browser-Push.{0,120}|.{0,120}(?:Aktivierung "
       r"von|Erlauben Sie|aktivieren Sie) (?:Browser-)?Push-(?:Benachrichtigungen|Mitteilungen).*",
       "newsletter", "push-notification opt-in boxes (srf.ch); fixed UI wording"),
    _r(r"Schliessen|Inhalt|Inhaltsverzeichnis", "nav",
       "Swiss 'Schliessen' close label, table-of-contents labels (srf.ch)", "edge"),
    # --- §9 captions and credits as lines -------------------------------------------------
    _r(r"(?:\(?(?:Fotos?|Bild(?:er)?|Grafik|Quelle|Foto/Quelle|Video)\s*:\s*[^.!?]{1,100}\)?"
       r"|©\s?.{1,80}|\(c\) .{1,80}|\(Symbolbild\)|Symbolbild)", "caption",
       "credit lines 'Foto: Patrick Semansky, dpa', '© dpa' (RP, GA, Ippen)"),
    _r(r".{0,40}dpa Lizenz|.*dpa-Bildfunk \+\+\+", "caption", "agency credit chains (MZ, MAZ)"),
    _r(r".{10,400}\((?:AFP|dpa|Reuters|AP|Getty Images|Keystone|EPA)\s?/\s?[^()]{2,60}\)",
       "caption", "caption ending in an agency credit '… (AFP / ISHARA S. KODIKARA)' (afp.com)"),
    _r(r".{0,80}(?:Foto|Bild)(?:er)? \[M\]:.{0,160}|.{0,160}Erstveröffentlichung:? [\d.]{3,10}",
       "caption", "photo montage credit + first-publication note "
       "'ssi, dan; Foto [M]: Shutterstock; Erstveröffentlichung: 4.4.18' (der-postillon.com)"),
    _r(r"[^.!?]{0,60}(?:/|\bvia\b|\|)\s?[^.!?]{0,40}(?:Getty ?Images|picture[ -]alliance|imago|"
       r"IMAGO|dpa|AFP|Reuters|AP Photo|Shutterstock|iStock|Adobe ?Stock|Unsplash|Keystone)"
       r"[^.!?]{0,40}|(?:[\w.-]+ ){0,3}/ ?(?:Getty ?Images|picture[ -]alliance|imago)[^.!?]{0,40}",
       "caption", "photo credit lines 'STR/AFP via Getty Images', 'Felix Zahn/imago' printed "
       "below pictures (news sites generally); a slash/via plus an agency never forms a sentence"),
    _r(r".{10,300}?\s(?:Fotos?|Bild|Quelle|Credit)\s?:\s?[^.!?:]{2,80}", "caption",
       "caption with trailing credit 'Los geht's: … Bild: Maximilian von Lachner'; prose does "
       "not end in 'Foto: <name>'"),
    # --- §10 consent / embeds -------------------------------------------------------------
    _r(r".*(?:Wir benötigen Ihre Zustimmung|Zustimmung erforderlich|externen Inhalt|externer "
       r"Inhalt|Externer Inhalt|Inhalte von Drittanbietern|Drittanbieter-Inhalt).*", "embed",
       "embed placeholders (Ippen/Funke 'externer Inhalt')", "edge"),
    _r(r"(?:Ich bin damit einverstanden|Einwilligung (?:widerrufen|erteilen)|Mehr Informationen "
       r"dazu finden Sie in der Datenschutzerklärung)\.?.*", "embed", "consent widget text"),
    _r(r"Empfohlener redaktioneller Inhalt|Externe[rn]? Inhalte? (?:anzeigen|laden|ausblenden)"
       r"|An dieser Stelle finden Sie .{0,80}externe[nr]? Inhalt.*|Ein Klick für den Datenschutz"
       r"|Personenbezogene Daten können an Drittplattformen übermittelt werden.*"
       r"|\w+(?:-\w+)? Inhalte erlauben|Link zum \w+(?:-\w+)?-Inhalt", "embed",
       "embed consent boxes ('Empfohlener redaktioneller Inhalt … externen Inhalt anzeigen' at "
       "tagesspiegel.de, 'YouTube-Inhalte erlauben' at gamestar.de); the wording is fixed UI text"),
    # --- §11 ad markers -------------------------------------------------------------------
    _r(r"Anzeige|ANZEIGE|- Werbung -|Werbung|Advertorial|Sponsored|Gesponsert", "ad",
       "ad labels as whole lines (KSTA, HAZ, MAZ); 'Strafanzeige'/'Anzeige erstatten' stay"),
    _r(r"Gutscheine:|Jetzt entdecken", "ad", "SZ voucher promo"),
    # --- §6 JS state leaked into text -----------------------------------------------------
    _r(r"(?:showPaywall|isSubscriber|isPaid|showPaywallPiano):?(?: ?(?:true|false))?|desktop "
       r"timer trk_px", "paywall", "JS state text (TS, KSTAn)"),
)

# Headers of related-article sections: everything after one in the second half of the body
# belongs to the section (teaser lists, "Topmeldungen"), not to the story.
SECTION_END: tuple[tuple[str, str], ...] = (
    (r"(?:Weitere|Verwandte|Ähnliche|Passende|Empfohlene|Beliebte|Neueste) (?:Artikel|Themen|"
     r"Beiträge|Nachrichten|News|Meldungen|Inhalte)(?: zum Thema)?:?|Ähnliche:?",
     "related-article headers (FAZ 'Weitere Themen', golem 'Verwandte Artikel', jW 'Ähnliche:')"),
    (r"Schlagwörter zu diesem Artikel|Schlagworte zum Artikel|Themen in diesem Artikel",
     "tag lists under the story (ndr.de); the topic links that follow are not story text"),
    (r"Mehr (?:aus dem Ressort|aus der Rubrik|Nachrichten aus .{1,40})",
     "NDR 'Mehr Nachrichten aus der Region …' block header"),
    (r"(?:Das|Dies) (?:könnte|dürfte) (?:Sie|dich) (?:auch )?interessieren:?|Top ?meldungen"
     r"|Topthemen|Meistgelesen(?:e Artikel)?|Meist gelesen|Empfehlungen der Redaktion"
     r"|Unsere Empfehlungen|Aktuell auf der Startseite(?: von .{1,30})?|Weitere Videos"
     r"|Videos zum Thema",
     "recommendation headers (HNAg, blickpunktmeerbusch, Funke); whole line only. 'Mehr zum "
     "Thema'/'Lesen Sie auch'/'Auch interessant' are NOT here: they head in-body boxes and the "
     "story continues after them"),
)

# Inline chrome: removed from inside a paragraph, the surrounding sentence stays. Each entry is
# (regex, literal that must occur for the regex to apply, note); the literal keeps the scan cheap.
INLINE: tuple[tuple[str, str, str], ...] = (
    (r"\((?:Lesen|Hören|Sehen) Sie (?:auch|hier|dazu|mehr)[^()]*(?:\([^()]*\)[^()]*)*\)",
     " Sie ", "inline teaser '(Lesen Sie auch: …)' (Ippen/Funke/AA); only the parenthetical goes"),
    (r"\(siehe (?:Link|Update[^)]*|Infobox)\)", "(siehe ", "'(siehe Link)' (MER, TZ)"),
    (r"\((?:zur|Zur) (?:Bildergalerie|Fotostrecke|Galerie)\)", "ur ",
     "'(zur Bildergalerie)' (WAZ)"),
    (r"\(?(?:»|>>>)\s?(?:mehr|weiterlesen)\)?\s*$", "mehr", "'»mehr' suffix (MP, NN)"),
    (r"\[mehr\.\.\.\]\s*$", "[mehr", "'[mehr...]' suffix (NN)"),
    (r"\(öffnet im neuen Fenster\)", "(öffnet", "link annotation (golem.de)"),
    (r"Mehr (?:Nachrichten|News|Artikel) (?:aus|zu|zum|über) [^.]{1,60} lesen (?:Sie )?hier\.?"
     r"\s*$", "Mehr ", "trailing 'Mehr Nachrichten aus … lesen Sie hier.' link sentence"),
    (r"(?<=[a-zäöüß])\*(?=[\s,.;:!?)]|$)", "*",
     "Ippen network link asterisk 'Deutschland*' (MER, KZ)"),
)
