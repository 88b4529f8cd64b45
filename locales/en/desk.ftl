# English texts of the operator desk (the web pages).
# Same glossary as main.ftl: Resilience Centre, hromada, oblast, coordinator,
# the bot's operator, opening hours.

desk-title = Resilience Centres desk
desk-nav-overview = Overview
desk-nav-centres = Centres
desk-nav-audit = Audit log
desk-sign-out = Sign out
desk-language-other = Українська
desk-role-operator = operator
desk-role-coordinator = coordinator
desk-sample = sample, not real data

## Signing in
desk-sign-in-title = Sign in to the desk
desk-sign-in-explain = The link works once, for 10 minutes only.
desk-sign-in-button = Sign in
desk-sign-in-refused = This link does not work: it was used already, has expired or is wrong. Send /desk to the bot for a new one.
desk-sign-in-needed = To sign in, send /desk to the bot and open the link it answers with.
desk-too-many = Too many failed attempts. Try again in a few minutes.
desk-signed-out = You have signed out. To sign in again, send /desk to the bot.

## Errors
desk-forbidden = This page is not open to you.
desk-form-not-utf8 = The form arrived with broken characters, so nothing was changed. Please try again.
desk-not-found = There is no such page.
desk-bad-address = This page address is not right: it was probably changed by hand. Go back and use the links on the page.
desk-error = Something went wrong. Please try again in a minute.
desk-csrf = The form is out of date. Reload the page and try again.

## Overview
desk-overview-title = Overview
desk-count-all = All centres
desk-count-closed-now = Closed now
desk-count-temporarily-closed = Temporarily closed
desk-count-stale = Not verified for over 90 days
desk-count-approximate = Approximate location
desk-count-no-coordinator = With no coordinator
desk-count-open-reports = With open "this is wrong" reports

## Centres list
desk-centres-title = Centres
desk-filter-oblast = Oblast
desk-filter-any = all
desk-filter-flag = Show
desk-search = Name or hromada
desk-filter-apply = Search
desk-col-name = Name
desk-col-oblast = Oblast
desk-col-hromada = Hromada
desk-col-verified = Verified
desk-sort-oldest = Longest unverified first
desk-sort-newest = Most recently verified first
desk-page = Page { $page } of { $pages }
desk-page-prev = ← Previous
desk-page-next = Next →
desk-centres-none = Nothing found.

## A centre
desk-centre-address = Address
desk-centre-phones = Phones
desk-centre-hours = Opening hours
desk-centre-verified = Verified
desk-centre-not-given = not given
desk-centre-coordinators = Coordinators: { $count }
desk-centre-subscribers = Subscribers: { $count }
desk-centre-history = Change history
desk-centre-history-none = No changes yet.
desk-history-when = When (Kyiv time)
desk-history-field = What changed
desk-history-source = Source
desk-history-old = Was
desk-history-new = Now
desk-history-source-name = { $source ->
    [import] list import
   *[other] by hand (in the bot or the desk)
}
desk-field = { $field ->
    [name_uk] Name in Ukrainian
    [name_en] Name in English
    [location] Place on the map
    [oblast] Oblast
    [hromada] Hromada
    [settlement] Settlement
    [address_uk] Address in Ukrainian
    [address_en] Address in English
    [phone] Phones
    [email] Email
    [website] Website
    [opening_hours] Opening hours
    [services] Services
    [notes] Notes
    [serves_hromada] Serves the hromada
    [sample] Sample (not a real centre)
    [verified_on] Verified on
   *[other] { $field }
}

## Audit log
desk-audit-title = Audit log
desk-audit-when = When (Kyiv time)
desk-audit-who = Who
desk-audit-what = What
desk-audit-old = Before
desk-audit-new = After
desk-audit-none = Nothing has been changed through the desk yet.
# Who acted, before their id on that channel.
desk-channel = { $channel ->
    [telegram] Telegram
    [viber] Viber
   *[console] terminal
}
desk-action = { $action ->
    [sign-in] Signed in to the desk
    [sign-out] Signed out of the desk
    [edit-centre] Edited a centre
    [import] Imported the centres list
    [close-report] Closed a report
    [invite-coordinator] Invited a coordinator
    [revoke-coordinator] Revoked a coordinator
    [create-group] Created a group
    [set-capacity] Changed the seats
    [cancel-group] Cancelled a group
    [send-message] Message to subscribers
    [cancel-message] Cancelled a message
    [view-signups] Viewed a sign-up list
    [download-signups] Downloaded a sign-up list (CSV)
   *[other] { $action }
}

## Editing a centre
desk-edit-title = Change the centre’s data
desk-edit-save = Save
desk-edit-refused = The value was not accepted: { $reason }
desk-edit-no-such-field = The form has no such field: change values through this page’s forms.
desk-latitude = Latitude
desk-longitude = Longitude

## Export
desk-export-csv = Download the centres (CSV)

## Import
desk-nav-import = Import
desk-import-title = Import centres from a file
desk-import-file = File (CSV or XLSX)
desk-import-check = Check
desk-import-apply = Apply these changes
desk-import-would = the import would make (new / changed / unchanged / removed):
desk-import-done = imported (new / changed / unchanged / removed):
desk-import-refused = The file was not accepted; nothing was changed:
desk-import-added = New centres
desk-import-changed = Changes field by field
desk-import-kept = Coordinators’ changes that stay
desk-import-approximate = Placed approximately (at their settlement’s or hromada’s centre)
desk-import-not-understood = Opening hours not understood
desk-import-expired = This file was applied already or has expired. Upload it again.

## Hours preview
desk-hours-preview = Preview:
desk-hours-preview-button = Preview the week
desk-hours-open-now = Open now.
desk-hours-closed-now = Closed now.
desk-hours-closed = closed
desk-hours-not-understood = These hours were not understood.
desk-day-mo = Mo
desk-day-tu = Tu
desk-day-we = We
desk-day-th = Th
desk-day-fr = Fr
desk-day-sa = Sa
desk-day-su = Su

## Reports inbox
desk-nav-reports = Card reports
desk-reports-title = Reports of mistakes
desk-reports-intro = Everything people marked as “this is wrong” on a card. Who sent a report is never shown.
desk-reports-centre = Centre
desk-reports-topic = What is wrong
desk-reports-status = State
desk-reports-open = open
desk-reports-closed = closed
desk-reports-all = all
desk-reports-uncoordinated = only centres with no coordinator in the bot
desk-reports-none = No such reports.
desk-reports-when = When
desk-reports-details = What they wrote
desk-reports-nobody = no coordinator in the bot
desk-reports-open-one = open
desk-reports-closed-on = closed
desk-reports-fixed = card fixed
desk-reports-fix = Fix the card
desk-reports-close = Close
desk-report-topic-address = Address
desk-report-topic-phone = Phone number
desk-report-topic-hours = Opening hours
desk-report-topic-closed = The centre is closed
desk-report-topic-other = Other
desk-report-beside = The report you are fixing the card from
desk-report-beside-hint = Save the corrected field: the card’s verified date is renewed and the report is closed as fixed.
desk-report-closed-already = This report is closed already.

## Coordinators and invitations
desk-coordinators-title = Coordinators
desk-back-to-centre = ← back to the centre
desk-coordinators-none = Nobody coordinates this centre in the bot.
desk-coordinators-channel = Channel
desk-coordinators-who = Id (masked)
desk-coordinators-since = Coordinator since
desk-coordinators-last-seen = Last used the bot
desk-coordinators-never = has not written to the bot yet
desk-coordinators-revoke = Revoke
desk-invite-title = Invite a coordinator
desk-invite-valid = Valid for
desk-invite-24h = 24 hours
desk-invite-72h = 3 days
desk-invite-7d = 7 days
desk-invite-button = Make an invitation
desk-invite-made = Invitation made
desk-invite-once = Show this code or send the link to the person who will coordinate. It works once, until
desk-invite-terminal = Or send the bot this text:
desk-links-not-configured = Links to the bot are not configured: set TELEGRAM_BOT_USERNAME and/or VIBER_CHAT_URI.
desk-invitations-title = Invitations
desk-invitations-none = No invitations yet.
desk-invitations-made = Made
desk-invitations-until = Valid until
desk-invitations-state = State
desk-invitations-cli = from the command line
desk-invitations-used = used
desk-invitations-expired = expired
desk-invitations-pending = waiting

## Poster
desk-poster-link = Poster to print
desk-poster-print = Print this page (A4); this strip does not appear on paper.
desk-poster-lead = A Resilience Centre: support, counselling and groups for everyone who needs them.
desk-poster-scan = Point your phone’s camera at a code: the chat bot shows this centre, its hours and news.
## groups
desk-groups-title = Groups
desk-groups-none = No running groups at this centre.
desk-groups-programme = Programme
desk-groups-starts = First session
desk-groups-sessions = Sessions
desk-groups-seats = Seats taken
desk-groups-waiting = Waiting
desk-groups-signups = Sign-ups
desk-groups-new-seats = Seats
desk-groups-cancel = Cancel the group…
desk-groups-cancel-yes = Yes, cancel it and tell everyone
desk-groups-cancel-no = No, keep it
desk-groups-new = New group
desk-groups-first = First session (Kyiv time)
desk-groups-minutes = Minutes each
desk-groups-capacity = Seats
desk-groups-language = Language
desk-groups-format = Format
desk-groups-in-person = in person
desk-groups-online = online
desk-groups-create = Create the group
desk-groups-choose = Choose the programme, language and format from the lists.
desk-signups-private = Names and phones are for this centre’s work only; every view and download is recorded.
desk-signups-csv = Download (CSV)
desk-signups-none = Nobody has signed up yet.

## messages
desk-messages-title = Messages to subscribers
desk-messages-recipients = { $count ->
    [one] { $count } subscriber
   *[other] { $count } subscribers
}
# A count's language beside the total: "3 subscribers · in Ukrainian: 2 · in English: 1"; then a preview's heading.
desk-messages-in-language = { $code ->
        [uk] in Ukrainian
       *[other] in English
    }
desk-messages-preview-in = { $code ->
        [uk] In Ukrainian
       *[other] In English
    }
desk-messages-preview = As subscribers will see it
desk-messages-new = New message
desk-messages-kind-message = Message
desk-messages-kind-schedule = This week’s schedule
desk-messages-at = Send at (Kyiv time; empty: now)
desk-messages-preview-button = Preview
desk-messages-send = Send
desk-messages-list = Messages
desk-messages-none = No messages yet.
desk-messages-what = What
desk-messages-when = When
desk-messages-status = Status
desk-messages-delivered = Delivered
desk-messages-blocked = Blocked
desk-messages-failed = Failed
desk-messages-waiting = Waiting
desk-messages-cancel = Cancel
desk-messages-status-scheduled = scheduled
desk-messages-status-sending = sending
desk-messages-status-done = sent
desk-messages-status-cancelled = cancelled
## Statistics
desk-nav-statistics = Statistics
desk-stats-title = Statistics
desk-stats-weeks = { $count ->
        [one] The last complete week; the current week is not shown.
       *[other] The last { $count } complete weeks; the current week is not shown.
    }
desk-stats-suppressed = Numbers under { $count } are not shown.
desk-stats-checkins = Wellbeing (the anonymous WHO-5 check-in)
desk-stats-chart = Mean WHO-5 score and share of scores of 50 or less, all of Ukraine, by week
desk-stats-chart-note = All of Ukraine. A hidden week is a gap in the line.
desk-stats-none = No check-ins in these weeks.
desk-stats-week = Week
desk-stats-area = Area
desk-stats-count = Check-ins
desk-stats-mean = Mean score (0–100)
desk-stats-low = Share scoring 50 or less
desk-stats-all = All of Ukraine
desk-stats-not-shared = Oblast not shared
desk-usage-title = Use of the bot
desk-usage-about = Anonymous weekly counters: no people, no places, no time finer than the week.
desk-usage-searches = Searches for centres
desk-usage-cards = Centre cards opened
desk-usage-signups = Group sign-ups
desk-usage-subscriptions = New subscriptions

## Coverage
desk-nav-coverage = Where centres are missing
desk-coverage-title = Where centres are missing
desk-coverage-about = Searches whose nearest centre is more than { $count } km away, by week and by the hromada searched from (the hromada of the nearest settlement; the point itself is not kept).
desk-coverage-csv = Download CSV
desk-coverage-none = No hromada can be shown yet.
desk-coverage-searches = Searches
desk-coverage-hidden = { $count ->
        [one] { $count } cell with fewer searches is not shown.
       *[other] { $count } cells with fewer searches are not shown.
    }
## A centre: the card as the bot shows it
desk-card-title = The centre’s card as the bot shows it
desk-card-uk = In Ukrainian
desk-card-en = In English

## A centre: the guided hours picker
desk-picker-title = Hours day by day
desk-picker-explain = For each day, give the time the centre opens and the time it closes; leave both empty for a day it is closed.
desk-picker-from = opens
desk-picker-to = closes
desk-picker-refused = The hours were not accepted: on “{ $reason }” give both times (HH:MM) or neither.

## Import: the command line's options
desk-import-replace = Remove the centres missing from the file
desk-import-keep-missing = Centres missing from the file stay
desk-import-overwrite = Overwrite coordinators’ changes with the file’s values
desk-import-keep-edits = Coordinators’ changes stay
desk-import-removed = Centres missing from the file (to be removed)

## Export: open data
desk-export-hsds = Download the services (HSDS 3.0, JSON)
desk-export-geojson = Download the centres (GeoJSON)
desk-export-no-open-data = Open data is not set up on this server (see OPEN_DATA_* in the README).

## Import: problems of a refused file, in the reader's language (keys from src/csv_table and src/directory/problems.rs)
desk-import-line = line { $line }: { $problem }
desk-import-sheet-row = row { $line }: { $problem }
desk-import-unknown-format = { $reason }: a centres file is .csv or .xlsx
import-problem-text = { $text }
import-problem-not-utf8 = the file is not UTF-8 text (probably Windows-1251, what Excel saves by default in Ukraine): in Excel choose “Save as” → “CSV UTF-8 (comma delimited)”, or export the sheet as .xlsx, and import that
import-problem-unreadable-row = unreadable row ({ $detail })
import-problem-unreadable = cannot read the file ({ $detail })
import-problem-empty = the file is empty: it has no header row
import-problem-workbook = cannot read the workbook (is it an .xlsx file?) ({ $detail })
import-problem-no-sheet = the workbook has no sheet
import-problem-sheet = cannot read the first sheet ({ $detail })
import-problem-empty-sheet = the first sheet is empty: it has no header row
import-problem-column-twice = column “{ $column }” appears twice
import-problem-unknown-column = unknown column “{ $column }”
import-problem-missing-column = missing required column “{ $column }”
import-problem-field-count = expected { $expected } fields, found { $found }
import-problem-no-rows = the file has no rows of data
import-problem-duplicate-id = duplicate id “{ $id }” (first on line { $first })
import-problem-duplicate-derived-id = duplicate id “{ $id }” (derived from oblast, hromada and name; first on line { $first })
import-problem-no-name = missing required field name_uk
import-problem-location-source = unknown location_source “{ $raw }”: one of given, settlement, hromada, geocoder, coordinator
import-problem-id = id “{ $raw }”: a centre id is 1 to 40 characters of a-z, A-Z, 0-9, “-” or “_”
import-problem-not-a-number = { $field } “{ $raw }” is not a number
import-problem-half-a-location = lat and lon go together: give both or neither
import-problem-outside-ukraine = lat/lon { $lat }, { $lon } is outside Ukraine (lat { $min_lat }–{ $max_lat }, lon { $min_lon }–{ $max_lon })
import-problem-phone = phone “{ $raw }”: a phone number must be Ukrainian: +380 and 9 digits, or 0 and 9 digits
import-problem-email = email “{ $raw }” is not an address
import-problem-website = website “{ $raw }” is not a web address (like https://example.org or example.org)
import-problem-opening-hours = the opening hours “{ $raw }” are not understood: write them, for example, as “Mon–Fri 9:00–18:00, break 13:00–14:00” or in OpenStreetMap’s form “Mo-Fr 09:00-18:00”
import-problem-too-long = { $field } is longer than { $max } characters
import-problem-service = unknown service in services ({ $detail })
import-problem-date = verified_on “{ $raw }” is not a date like 2025-05-23
import-problem-future-date = verified_on { $raw } is in the future
import-problem-flag = sample “{ $raw }” must be true or false
import-problem-not-editable = { $field } cannot be changed here
import-problem-nothing-to-go-by = no lat/lon, and no settlement or hromada to place the centre by
import-problem-no-oblast = no lat/lon, and no oblast to look for “{ $raw }” in
import-problem-unknown-oblast = unknown oblast “{ $raw }”
import-problem-unknown-oblast-closest = unknown oblast “{ $raw }” (closest: { $closest })
import-problem-no-hromada = cannot place the centre: no hromada “{ $raw }” in { $oblast }
import-problem-no-hromada-closest = cannot place the centre: no hromada “{ $raw }” in { $oblast } (closest: { $closest })
import-problem-no-settlement = cannot place the centre: no settlement “{ $raw }” in { $oblast }
import-problem-no-settlement-closest = cannot place the centre: no settlement “{ $raw }” in { $oblast } (closest: { $closest })
import-problem-ambiguous = cannot place the centre: several settlements named “{ $raw }” in { $oblast }; give the hromada

## Import: the geocoder (when serve has GEOCODER_URL)
desk-import-geocode = Find coordinates by address for rows without lat/lon (geocoder)
desk-import-geocoding = Geocoder: { $asked } asked, { $cached } from the cache, { $used } placed at their address, { $unused } not used (the settlement placement stands).
desk-import-geocoder-stopped = The remaining rows were not sent to the geocoder: it did not answer.
