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
desk-not-found = There is no such page.
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
desk-centre-coordinators = Coordinators: { $count }
desk-centre-subscribers = Subscribers: { $count }
desk-centre-history = Change history
desk-centre-history-none = No changes yet.

## Audit log
desk-audit-title = Audit log
desk-audit-when = When
desk-audit-who = Who
desk-audit-what = What
desk-audit-old = Before
desk-audit-new = After
desk-audit-none = Nothing has been changed through the desk yet.

## Editing a centre
desk-edit-title = Change the centre’s data
desk-edit-save = Save
desk-edit-refused = The value was not accepted: { $reason }

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
