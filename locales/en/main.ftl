# English texts. Ids are prefixed by screen.
#
# Glossary: one word for each thing, everywhere (the Ukrainian file has the same list).
#   Resilience Centre (capitalised, as the programme's English name) — центр життєстійкості
#   hromada (municipality, explained once where a person first meets the word), oblast, region
#   group (a run of a programme with dates), programme, session
#   sign up (verb), sign-up (noun); waiting list, number on the waiting list; seat
#   opening hours; updates (a centre's news), subscribe; message to subscribers; coordinator
#   the bot's operator; wellbeing check-in; delete; Kyiv time; with no appointment; free
# The bot speaks of itself as "I". Typographic quotes “…” and apostrophes ’.

## Welcome and menu
welcome-greeting = Hello! I can help you find the nearest Resilience Centre — a place where psychologists and social workers offer support for free, with no referral and no appointment.
welcome-privacy = To work, I keep only your messenger ID, your language and where we are in the conversation. I use your location only to search, and I don’t store the text of your messages. If you sign up for a group, I’ll ask separately before keeping a name and phone number. More under “About & privacy”.
menu-title = How can I help?
menu-find = 📍 Find a centre
menu-help-now = 🆘 I need help now
menu-language = 🌐 Мова / Language
menu-about = ℹ️ About & privacy
menu-back = ↩️ Main menu
help-text =
    Share your location or type the name of a town, village or hromada (municipality), and I’ll show the nearest Resilience Centres with their address, phone and opening hours.
    Commands: /start — start over, /help — this help, /checkin — an anonymous wellbeing check-in, /language — change language, /privacy — about privacy, /forget — delete everything the bot knows about you.
## Language
language-choose = Оберіть мову / Choose your language
language-uk = Українська
language-en = English
language-changed = Done, we’ll continue in English.

## About and privacy
about-what = I help you find Resilience Centres — places in hromadas all over Ukraine that offer free psychosocial support. I don’t offer counselling or diagnoses — I point you to people who can help.
about-privacy = Privacy: I keep your messenger ID, your language, the day you last wrote and the current step of our conversation — after a search, the place you typed or, after you shared a location, only the centres nearest to it, never the point itself. If you sign up for a group and leave a name or phone number, only that centre’s coordinators see them (also in a CSV file); they are deleted as soon as you cancel, otherwise 30 days after the group’s last session, or at once with /forget. If you don’t write for 12 months and have no sign-up, subscription or coordinator role, I delete everything I know about you. I don’t store the text of your messages, not even in technical logs.
about-data = Data: places come from the official codifier of administrative units (KATOTTH) and from { $geonames } under CC BY 4.0. Before you go to a centre, check its address and hours by phone.

## Finding a centre
find-ask-place = Share your location or type the name of a town, village or hromada (municipality), for example “Brovary”.
find-bad-location = I couldn’t read those coordinates. Please share your location again or type a place name.
find-results-near-you = The centres nearest to you:
find-results-near-place = The centres nearest to { $place } ({ $oblast }):
find-results-near-hromada = The centres nearest to { $place } hromada ({ $oblast }):
find-approximate = The exact position of this place is not known, so distances are measured from the hromada’s main town.
find-approximate-area = The exact position of this place is not known, so distances are approximate: from the middle of its district or oblast.
find-results-count = { $count } { $count ->
        [one] centre
       *[other] centres
    }
find-result-title = { $number }. { $name } — { $distance }
find-result-title-listed = { $number }. { $name }
find-open-centre = { $number }. { $name }
find-more = ➕ Show more
find-search-again = 🔎 Search somewhere else
find-back-to-list = ↩️ Back to the list
find-no-more = There are no more centres.
find-directory-empty = The directory of centres is empty for now. If you need help now, tap “🆘 I need help now”.
find-sample-note = ⚠️ This is sample data that shows how the bot works, not the official list of centres.
find-not-found = I can’t find a place called “{ $query }”.
find-did-you-mean = Did you mean:
find-try-again = Try another spelling, or share your location.
find-which-oblast = There are { $count } { $count ->
        [one] place
       *[other] places
    } called “{ $name }”. Which oblast?
find-oblast-choice = { $oblast } ({ $count })
find-which-place = Which “{ $name }” do you mean?
find-place-choice = { $name } — { $hromada } hromada, { $oblast }
find-place-choice-no-hromada = { $name } — { $oblast }
find-place-choice-hromada = { $name } hromada — { $oblast }
find-other-places = There { $count ->
        [one] is { $count } other place
       *[other] are { $count } other places
    } called “{ $name }”: { $oblasts }. If you meant another one, add the oblast, for example: “{ $name }, { $oblast }”.
find-other-places-button = 🔎 Other places with this name
find-oblast-name = { $oblast }
find-list-more = …
## Distances
distance-metres = { $metres } m
distance-km = { $km } km
distance-approximate = ≈ { $distance }
## Centre card
card-title = 🏠 { $name }
card-sample = ⚠️ Sample data: this entry shows how the bot works. Before you go, check the address and hours by phone.
card-distance = Distance: { $distance }
card-relocated = Relocated centre. Hromada served: { $hromada }. It now works at the address below.
card-relocated-short = Relocated centre · hromada: { $hromada }
card-address = Address: { $address }
card-address-unknown = Please check the address by phone.
card-location-settlement = 📍 Location approximate: the centre of { $place }; go by the address.
card-location-hromada = 📍 Location approximate: the centre of the hromada ({ $place }); go by the address.
card-hromada = Hromada: { $hromada }
card-phones = { $count ->
        [one] Phone
       *[other] Phones
    }: { $phones }
card-phone-number = { $phone }
card-email = Email: { $email }
card-website = Website: { $website }
card-hours-title = Opening hours:
card-services = Services: { $services }
card-verified = Last verified: { $date }
card-map = Map: { $url }
card-pin = 📍 Show on the map
card-gone = This centre is no longer in the directory. Please search again.

## Opening hours
hours-day = { $days }: { $intervals }
hours-day-closed = { $days }: closed
hours-day-unknown = { $days }: please ask by phone
hours-interval = { $from }–{ $to }
hours-interval-open = from { $from }
hours-comment = ℹ️ { $comment }
hours-week-of = Not open this week. The hours in the week from { $date }:
hours-open-since = Open now (since { $time }; no closing time given).
hours-open-always = Open 24/7.
hours-open-until = Open now, closes { $time }.
hours-open-until-day = Open now, closes { $weekday } { $time }.
hours-closed-opens-today = Closed now, opens today { $time }.
hours-closed-opens-tomorrow = Closed now, opens tomorrow { $time }.
hours-closed-opens-on = Closed now, opens { $weekday } { $time }.
hours-closed-opens-date = Closed now, opens on { $date } { $time }.
hours-closed = Closed now.
hours-unknown = Please check by phone whether it is open now.
hours-not-given = Opening hours unknown — please check by phone.
weekday-short = { $day ->
        [mon] Mon
        [tue] Tue
        [wed] Wed
        [thu] Thu
        [fri] Fri
        [sat] Sat
       *[sun] Sun
    }
weekday-range = { $first }–{ $last }
weekday-on = { $day ->
        [mon] on Monday
        [tue] on Tuesday
        [wed] on Wednesday
        [thu] on Thursday
        [fri] on Friday
        [sat] on Saturday
       *[sun] on Sunday
    }

## Services
service-psychological-support = psychological support
service-psychological-first-aid = psychological first aid
service-social-work = social work
service-support-groups = support groups
service-parenting = support for parents
service-children-and-youth = activities for children and youth
service-veterans = support for veterans and their families
service-displaced-people = help for internally displaced people
service-legal-advice = legal advice
service-online = online consultations

## I need help now
help-intro = If your life or someone else’s is in danger, call 112 or 103 at once. You can talk to a specialist on these lines (calls are free):
help-line = { $name }: { $numbers }
help-line-with-hours = { $name }: { $numbers } ({ $hours })
help-number = { $number }
help-checked = Information updated on { $date }.
help-nearest-known = You can talk to someone in person, for free and with no appointment, at the Resilience Centre nearest to you:
help-find-nearest = You can talk to someone in person, for free and with no appointment, at a Resilience Centre. Find the nearest one:
# Words of acute distress typed instead of an answer: the lines, then the way back.
distress-intro = Thank you for telling me. You don’t have to get through this alone: you can talk to someone who will listen, right now. Calls are free:
distress-continue = Whenever you’re ready, you can carry on where you left off: I’m still waiting for your answer.
distress-centre = You can also talk to someone in person, for free and with no appointment, at the nearest Resilience Centre.

## Errors
error-stale-button = This button no longer works. Here is the main menu.
error-not-understood = Sorry, I didn’t quite understand. Type the name of a place or share your location, and I’ll find the nearest centre.
error-unsupported = Sorry, I can only read text and locations. Type a place name or share your location.
error-try-again = Something went wrong on my side. Please try again in a minute.
outage-try-again = ⏳ Sorry, part of the service is briefly down and I can’t do this right now. Please try again in a minute. Finding the nearest centre by location and the help lines still work.
flood-slow-down = I can’t keep up with your messages, so some may have been missed. Wait a few seconds and I’ll answer again. If things are very hard right now, tap “🆘 I need help now”.
## Terminal channel
console-intro = Talking to the bot in the terminal. /loc LAT LON shares a location, #N presses button N, Ctrl+D quits.
console-location-hint = (To share a location, type /loc LAT LON, for example /loc 50.45 30.52)
console-no-button = There is no such button. Choose a number from 1 to { $count }.
console-venue = 📍 { $title }: { $lat }, { $lon }

## Telegram
telegram-share-location = 📍 Share my location
telegram-or-choose = Or choose:
telegram-private-only = I work in private chats only. Write to me directly and I’ll find the nearest Resilience Centre.
telegram-command-start = Start over
telegram-command-help = How to use the bot
telegram-command-language = Change language
telegram-command-privacy = About & privacy
telegram-command-checkin = Anonymous wellbeing check-in
telegram-command-forget = Delete everything the bot knows about me
error-contact-not-needed = Thank you, but I don’t need a phone number to find a centre, and I don’t keep it. Type a place name or share your location.

## Viber
viber-share-location = 📍 Share my location
viber-open-map = 🗺 Open the map

## Times
time-at = at { $hour }:{ $minute }

## Groups
menu-groups = 👥 Groups nearby
menu-mine = 📋 My sign-ups
card-groups = 👥 Groups at this centre
groups-need-place = To show groups near you, first find the nearest centres: share your location or type a place name.
groups-near-title = Groups at the nearest centres:
groups-at-centre-title = Groups — { $centre }:
groups-none = There are no groups open for sign-up here right now.
groups-item = { $number }. { $programme } — { $centre }; starts { $date }, { $sessions } { $sessions ->
        [one] session
       *[other] sessions
    }; { $seats }
groups-seats = { $left ->
        [0] full, waiting list open
       *[other] seats left: { $left }
    }
groups-open = { $number }. { $programme }
group-title = 👥 { $programme }
group-description = { $text }
group-where = Where: { $centre }
group-format = Format: { $format ->
        [online] online
       *[other] in person
    }; language: { $language ->
        [en] English
       *[other] Ukrainian
    }
group-seats-left = Seats left: { $left } of { $capacity }.
group-full = All seats are taken; you can join the waiting list ({ $waiting } waiting now).
group-sessions-title = Sessions ({ $count }):
group-session = { $number }. { $date } ({ $weekday }), { $from }–{ $to }
group-you-are-in = You are signed up for this group.
group-you-wait = You’re number { $position } on the waiting list.
group-join = ✍️ Sign up
group-join-waitlist = ⏳ Join the waiting list
signup-consent = So that the centre’s coordinator can contact you about the group, I can keep your first name and phone number. Both are optional — you can skip either. Only this centre’s coordinators see them: in the group’s sign-up list and in the CSV file of it they can download. Your name and phone are deleted as soon as you cancel your sign-up, otherwise 30 days after the group’s last session, or at once if you send /forget (which deletes everything the bot knows about you). You can cancel your sign-up at any time under “My sign-ups”.
signup-ask-name = What should I call you? Type your first name or tap “Skip”.
signup-bad-name = A name can be at most 60 characters. Type it again or tap “Skip”.
signup-ask-phone = Type your phone number so the coordinator can call you (for example 067 123 45 67), or tap “Skip”.
signup-bad-phone = I can only read Ukrainian numbers, for example 067 123 45 67. Type it again or tap “Skip”.
signup-skip = ⏭ Skip
signup-confirmed = ✅ You are signed up for the group “{ $programme }” ({ $centre }).
signup-waitlisted = All seats are taken, so you’re on the waiting list: number { $position }. If a seat frees up you will be signed up automatically, and I’ll tell you at once.
signup-already-confirmed = You are already signed up for this group.
signup-already-waiting = You’re already on the waiting list: number { $position }.
signup-closed = This group no longer takes sign-ups.
mine-title = Your sign-ups:
mine-none = You have no active sign-ups.
mine-item-confirmed = { $number }. { $programme } — { $centre }, starts { $date }: signed up
mine-item-waiting = { $number }. { $programme } — { $centre }, starts { $date }: waiting list, no. { $position }
mine-cancel = ✖️ Cancel sign-up { $number }
leave-done = Your sign-up is cancelled.
leave-not-found = This sign-up is already cancelled or does not exist.

## Notices: messages the bot sends on its own
notice-promoted = 🎉 A seat has freed up: you are now signed up for the group “{ $programme }” ({ $centre }).
notice-promoted-decline = If you can no longer come, tap “Give up the seat” and it goes to the next person waiting.
notice-decline = 🙅 Give up the seat
decline-done = You gave up the seat; it goes to the next person waiting. Thank you for letting me know.
notice-cancelled = ❗ Unfortunately, the centre has cancelled the group “{ $programme }” ({ $centre }) that was to start on { $date }. You can look for another group.
notice-reminder = 🔔 Reminder: the group “{ $programme }” meets { $when ->
        [today] today
       *[tomorrow] tomorrow
    } ({ $count } { $count ->
        [one] session
       *[other] sessions
    } in all):
    { $session }
notice-where = Where: { $centre }, { $address }
notice-where-online = Online ({ $centre }): the centre will send the link.
notice-cant-come = 🙋 I can’t come this time
notice-leave = 🚪 Leave the group
notice-quiet = 🔕 Stop reminders
notice-absent = 🙋 { $who } can’t come to session no. { $number } of the group “{ $programme }” on { $date } { $time }.
notice-absent-someone = Someone who gave no name
absence-noted = Thank you for letting me know! The coordinator has been told. See you next time.
absence-no-coordinator = Thank you. This centre’s coordinator is not in the bot yet; if you can, call the centre to let them know.
absence-not-found = This sign-up or session is no longer active.
reminders-stopped = Done: no more reminders for this group. You will still hear from me if anything changes.

## Coordinators
coord-not-coordinator = This is for centre coordinators. If you coordinate groups at a centre, ask the bot’s operator to add you.
coord-not-found = This group is not one of yours, or it is no longer active.
coord-title = 🗂 Groups you coordinate
coord-centre = { $centre }:
coord-none = No current groups.
coord-item = { $number }. { $programme }, starts { $date }: { $confirmed } of { $capacity } seats taken, { $waiting } waiting
coord-new = ➕ New group: { $centre }
coord-back = ⬅️ My centres’ groups
coord-back-to-group = ⬅️ Back to the group
coord-group-title = 🗂 { $programme } — { $centre }
coord-group-seats = { $confirmed } of { $capacity } seats taken; { $waiting } waiting.
coord-list = 👥 Sign-up list
coord-csv = 📄 Sign-up list as CSV
coord-capacity = 🔢 Change the number of seats
coord-cancel = ❌ Cancel the group
coord-list-title = Sign-ups for the group “{ $programme }” (starts { $date }), page { $page } of { $pages }:
coord-list-name = { $name }
coord-list-no-name = (no name given)
coord-list-confirmed = { $number }. { $name } { $phone } — signed up
coord-list-waiting = { $number }. { $name } { $phone } — waiting list, no. { $position }
coord-list-left = { $number }. — left (name and phone deleted)
coord-list-empty = Nobody has signed up yet.
coord-list-previous = ⬅️ Previous page
coord-list-next = Next page ➡️
coord-csv-caption = Sign-ups for the group “{ $programme }” (starts { $date }). This file holds personal data: keep it safe and delete it when the group ends.
coord-csv-number = No.
coord-csv-status = Status
coord-csv-place = Waiting list no.
coord-csv-name = First name
coord-csv-phone = Phone
coord-csv-time = Signed up (Kyiv time)
coord-csv-confirmed = signed up
coord-csv-waiting = waiting list
coord-csv-left = left
coord-ask-capacity = How many seats should the group have? Type a number from 1 to 200. Currently { $capacity } seats, { $confirmed } taken.
coord-bad-capacity = Type a whole number from 1 to 200.
coord-capacity-below = { $confirmed ->
        [one] { $confirmed } person has
       *[other] { $confirmed } people have
    } already signed up, so the group needs at least { $confirmed ->
        [one] { $confirmed } seat
       *[other] { $confirmed } seats
    }: people who have signed up can’t lose their seat. Type another number.
coord-capacity-done = Done: the group now has { $capacity ->
        [one] { $capacity } seat
       *[other] { $capacity } seats
    }. { $promoted ->
        [0] Nobody moved from the waiting list.
        [one] { $promoted } person moved from the waiting list and will be notified.
       *[other] { $promoted } people moved from the waiting list and will be notified.
    }
coord-cancel-confirm = Cancel the group “{ $programme }” starting on { $date }? { $people ->
        [0] Nobody has signed up yet.
        [one] I’ll notify { $people } person who signed up or is waiting.
       *[other] I’ll notify { $people } people who signed up or are waiting.
    } This cannot be undone.
coord-cancel-yes = Yes, cancel the group
coord-cancel-no = No, keep it
coord-cancelled = The group is cancelled. { $told ->
        [0] Nobody had signed up.
        [one] { $told } person will be notified.
       *[other] { $told } people will be notified.
    }
draft-ask-programme = New group — { $centre }. Which programme?
draft-programme = { $title }
draft-ask-first = When is the first session? Type the date and time (Kyiv time), for example { $example }.
draft-bad-date = I could not read that date and time.
draft-past-date = That time has already passed.
draft-far-date = That date is more than a year away. Choose an earlier one.
draft-no-such-time = That time does not exist, or happens twice, in Kyiv because of a clock change. Choose another time.
draft-ask-sessions = How many sessions, once a week at the same time? Type a number from 1 to 52.
draft-bad-sessions = Type a whole number from 1 to 52.
draft-ask-minutes = How long is one session, in minutes? For example 90 or 120.
draft-bad-minutes = Type a number of minutes from 15 to 480.
draft-ask-capacity = How many seats? Type a number from 1 to 200.
draft-ask-language = What language will the sessions be in?
draft-ask-format = In person or online?
draft-in-person = 🏠 In person
draft-online = 💻 Online
draft-preview-title = Check the new group before it opens:
draft-preview-programme = Programme: { $programme }
draft-preview-seats = Seats: { $capacity }
draft-create = ✅ Open sign-up
draft-start-over = 🔁 Start again
draft-created = The group is open: it now shows on the centre’s card (“Groups at this centre”) and among groups near people.
draft-open-new = 🗂 View the group
draft-exists = Another group was created at the same moment. Tap “Open sign-up” again.
## Centre updates
card-subscribe = 🔔 Get updates from this centre
subscribe-done = Done: { $centre } will send you updates — schedules, changes, temporary closures. You can stop them at any time with “Stop these updates” or /stop.
subscribe-already = You already get updates from { $centre }.
subscribe-stop = 🔕 Stop these updates
unsubscribe-done = You will no longer get updates from { $centre }.
unsubscribe-all = { $count ->
        [0] You were not getting updates from any centre.
        [one] Done: you will no longer get updates from { $count } centre.
       *[other] Done: you will no longer get updates from { $count } centres.
    }

## Coordinator invitations
invite-accepted = Welcome! You are now a coordinator of { $centre }. Send /coordinate at any time to manage its groups and messages.
invite-open = 🗂 Open my centre’s groups
invite-expired = This invitation has expired. Ask the bot’s operator for a new one.
invite-used = This invitation has already been used. Ask the bot’s operator for a new one.
invite-unknown = I do not know this invitation code. Check it, or ask the bot’s operator for a new one.
invite-used-operator = 🧑‍💼 Someone became a coordinator of { $centre } with an invitation. The desk shows who (a masked id): the centre’s page → “Coordinators”.

## Broadcasts to a centre's subscribers
coord-subscribers = Subscribers to updates: { $count }
coord-broadcast = 📣 Subscribers: { $centre }
broadcast-list = 🗓 This centre’s messages
broadcast-new = ✍️ New message
broadcast-ask = Write the message for the centre’s subscribers ({ $subscribers } now), or tap “This week’s schedule”. Before it goes, I’ll show you how it looks.
broadcast-schedule = 📅 This week’s schedule
broadcast-bad-length = A message must have some text and at most { $max } characters. Write it again.
broadcast-ask-time = When should it go? Type the date and time (Kyiv time), for example { $example }.
broadcast-preview-title = Preview — this is what subscribers will get:
broadcast-preview-now = It will go out now to { $subscribers ->
        [one] { $subscribers } subscriber
       *[other] { $subscribers } subscribers
    }.
broadcast-preview-at = It will go out on { $date } { $time } to everyone subscribed at that time ({ $subscribers } now).
broadcast-send-now = 📣 Send now
broadcast-confirm-schedule = ✅ Schedule it
broadcast-later = 🗓 Send later
broadcast-from = 📣 { $centre }:
broadcast-body = { $text }
broadcast-schedule-title = 📅 { $centre }: this week’s schedule
broadcast-schedule-item = { $programme }: { $session }
broadcast-schedule-none = No group sessions this week.
broadcast-list-title = { $centre }: messages to subscribers
broadcast-list-none = No messages yet.
broadcast-kind-schedule = the week’s schedule
broadcast-kind-message = a message
broadcast-list-item = No. { $number }, { $what }, { $date } { $time }: { $status ->
        [scheduled] scheduled
        [sending] sending
        [cancelled] cancelled
       *[done] sent
    } — delivered { $sent }, blocked { $blocked }, failed { $failed }, waiting { $pending }
broadcast-cancel = ✖️ Cancel no. { $number }
broadcast-sending = 📣 Sending. You can follow it under “This centre’s messages”, and I’ll tell you when it is done.
broadcast-scheduled = 🗓 Scheduled for { $date } { $time }. You can cancel it until then under “This centre’s messages”.
broadcast-cancelled = The message is cancelled; nobody got it.
broadcast-not-cancelled = This message cannot be cancelled: it has already gone out, or it is not yours.
broadcast-report = 📣 Your message to subscribers went out ({ $centre }): delivered { $sent }, blocked the bot { $blocked }, failed { $failed }.
## Temporary closures
card-closed = ⛔ Temporarily closed until { $date } { $time }: { $reason }
card-closed-short = ⛔ Temporarily closed until { $date } { $time }
broadcast-closed = ⛔ { $centre } is temporarily closed until { $date } { $time }: { $reason }
broadcast-reopened = ✅ { $centre } is open again.
closure-close = ⛔ Mark as temporarily closed
closure-reopen = ✅ The centre is open again
closure-ask-reason = { $centre }: why is the centre closed? For example: no power. People will see it on the centre’s card.
closure-bad-reason = Write the reason in at most { $max } characters.
closure-ask-until = Until when? Type the date and time (Kyiv time), for example { $example }.
closure-done = Done: the centre’s card and search results now show it closed until { $date } { $time }. Subscribers will be notified.
closure-reopened = Done: the centre shows as open again.
closure-not-closed = The centre was not marked closed.

## "This is wrong"
card-report = ✏️ Report a mistake
report-ask-topic = { $centre }: what is wrong on the card?
report-topic-address = 📍 The address
report-topic-phone = 📞 The phone number
report-topic-hours = 🕘 The opening hours
report-topic-closed = ⛔ The centre is closed
report-topic-other = ✏️ Something else
report-ask-details = If you can, write what is right (for example the new phone number). The coordinator will not see who you are.
report-send-without = 📨 Send without details
report-bad-details = Write it in at most { $max } characters, or send without details.
report-thanks = Thank you! The centre’s coordinator will check it. Until then, if you can, call the centre before you go.
report-to-coordinator = ✏️ Someone reported a mistake on the card of “{ $centre }”: { $topic }. If everything is correct, tap “All correct” — that renews its verified date.
centre-edited = ✏️ Another coordinator changed the card of “{ $centre }”: { $field }. The card shows it already: please check that it is right.
centre-field = { $field ->
    [location] the location on the map
    [address_uk] the address in Ukrainian
    [address_en] the address in English
    [phone] the phone numbers
    [email] the email address
    [website] the website
    [opening_hours] the opening hours
   *[other] the centre’s details
}
report-details = Their words: { $details }
report-handled = ✅ Done
report-confirmed = ✔️ All correct
report-resolved = Done: the report is closed.
report-not-open = This report is closed already, or it is not about your centre.
broadcast-too-late = The time you chose has passed. Nothing was sent; write the message again and choose a later time.
report-thanks-no-coordinator = Thank you, it is noted. This centre’s coordinator is not in the bot yet, so if you can, call the centre before you go.
report-already-open = Your earlier report about this centre is still open, so I have not sent a new one. The coordinator will see it — thank you for your patience!
report-over-quota = You have sent { $count } { $count ->
    [one] report
   *[other] reports
} today already — thank you for caring! You can send more tomorrow. If it is urgent, please call the centre.
report-thanks-muted = Thank you! If you can, call the centre before you go.
report-mute = 🔇 Mute this person
report-muted = Done: reports from this person about your centre will no longer reach you, and their open ones are closed. The bot shows no one who it is.
report-mute-gone = This report is gone, or it is not about your centre.

## Coordinators edit their centre's card
edit-button = ✏️ Edit the centre’s details
edit-menu = ✏️ { $centre }: what would you like to change? I’ll show each change on the card first and save it only when you tap “Save”.
edit-field = { $field ->
    [location] 📍 Location on the map
    [address_uk] 🏠 Address in Ukrainian
    [address_en] 🏠 Address in English
    [phone] 📞 Phone numbers
    [email] ✉️ Email
    [website] 🌐 Website
   *[opening_hours] 🕘 Opening hours
}
edit-open-card = 🗂 Open the card
edit-back = ⬅️ Back to the centre’s details
edit-now = Now: { $value }
edit-now-empty = Not given now.
edit-ask = { $field ->
    [location] Stand at the centre’s door and share your location (with the button below, or 📎 → “Location”). This is the point people will see on the map.
    [address_uk] Type the address in Ukrainian, so that people can find the door: street, building, floor or room.
    [address_en] Type the address in English (Latin letters), for example: 12 Nezalezhnosti St, 2nd floor.
    [phone] Type the centre’s phone numbers: Ukrainian numbers, +380 and 9 digits or 0 and 9 digits. Separate several numbers with commas.
    [email] Type the centre’s email address.
    [website] Type the centre’s website, for example https://centre.org.ua.
   *[opening_hours] Type the opening hours in words, for example “Mon–Fri 9–18, break 13–14” (in Ukrainian: «пн–пт 9–18, перерва 13–14»), or pick the days and times with the buttons.
}
edit-ask-remove = To remove it from the card, type “-”.
edit-hours-pick = 🗓 Pick days and times
edit-ask-days = Which days is the centre open?
edit-ask-opens = What time does the centre open? Pick one or type a time, for example 9:30.
edit-ask-closes = What time does the centre close? Pick one or type a time, for example 17:30.
edit-ask-pause = Is there a break? Pick one or type it, for example 13:00–14:00.
edit-hour = { $time }
edit-pause = Break { $from }–{ $to }
edit-pause-none = No break
edit-preview-title = Preview — this is how the card will look after the change:
edit-preview-moved = The new point is { $distance } from the one on the card now.
edit-preview-confirm = Save it? The card’s verified date will be renewed, and the centre’s other coordinators will be told about the change.
edit-save = ✅ Save
edit-cancel = ✖️ Cancel
edit-cancelled = Cancelled: the card has not changed.
edit-again = ✏️ Change something else
edit-saved = ✅ Saved: the card shows the change already, and its verified date is renewed. { $told ->
        [0] The centre has no other coordinators in the bot.
        [one] { $told } other coordinator of the centre will be told.
       *[other] { $told } other coordinators of the centre will be told.
    }
edit-unchanged = The card says exactly this already, so nothing changed; its verified date is renewed.
edit-not-yours = This is not your centre, or it is no longer in the directory. Only the centre’s coordinators can change its card.
edit-share-location = The map needs a location, not text: stand at the door and share your location.
edit-bad-location = That point is outside Ukraine. Share your location again, standing at the centre’s door.
edit-bad-phone = I can’t read the number “{ $raw }”. It must be a Ukrainian number: +380 and 9 digits, or 0 and 9 digits. Separate several numbers with commas.
edit-bad-email = “{ $raw }” is not an email address. Type it in full, for example info@centre.org.ua.
edit-bad-website = “{ $raw }” is not a web address. Type it like this: https://centre.org.ua.
edit-bad-hours = I can’t understand the opening hours “{ $raw }”. Type, for example, “Mon–Fri 9–18, break 13–14” («пн–пт 9–18, перерва 13–14»), or pick the days and times with the buttons.
edit-bad-value = I can’t use that value. Please type it again.
edit-too-long = Too long: at most { $max } characters.
edit-bad-time = I can’t read that time. Type it like this: 9:00 or 17:30.
edit-closes-before-opens = The centre must close later than it opens ({ $opens }). Pick or type another time.
edit-bad-pause = The break must be within the opening hours, between { $opens } and { $closes }. Type it like this: 13:00–14:00.

## Wellbeing check-in (WHO-5)
menu-checkin = 🌱 How am I doing?
checkin-intro = These are the five questions of the WHO-5 Well-Being Index (WHO Regional Office for Europe, 1998) about the last two weeks. They help you notice how you’re feeling and suggest where to turn. It is not a test and not a diagnosis. It is anonymous and takes a minute.
checkin-stored = What is stored: only your five answers, the week (no day or time), the language, the messenger and — if you choose — your region. They go only into anonymous overall statistics. One check-in a week per person counts: for that I note on your record only the week of your last check-in (not the answers), and I clear the note once that week is over.
checkin-not-stored = What is not stored: your messenger ID, name, phone, the day or time, or your location. Answers are written later, mixed with other people’s, so no one, including the bot, can link them to you.
checkin-stop-any-time = You can stop at any point — then nothing is stored.
checkin-not-counted = You already took a check-in this week, and only one a week per person counts in the statistics, so these answers were not stored. Here is your result:
checkin-begin = ▶️ Begin
checkin-translation-note = These are the WHO-5’s own English words; the Ukrainian version is this project’s own translation, not an official one.
checkin-progress = Question { $number } of { $total }
checkin-over-two-weeks = Over the last two weeks:
checkin-item-cheerful = I have felt cheerful and in good spirits.
checkin-item-calm = I have felt calm and relaxed.
checkin-item-active = I have felt active and vigorous.
checkin-item-rested = I woke up feeling fresh and rested.
checkin-item-interested = My daily life has been filled with things that interest me.
checkin-answer-5 = All of the time
checkin-answer-4 = Most of the time
checkin-answer-3 = More than half of the time
checkin-answer-2 = Less than half of the time
checkin-answer-1 = Some of the time
checkin-answer-0 = At no time
checkin-stop = ⏹ Leave without saving
checkin-stopped = Stopped. Nothing was stored.
checkin-oblast-question = One last, optional question: which region are you in now? It helps show where support is needed most. I keep only the region.
checkin-oblast-skip = Skip
checkin-oblast-choice = { $oblast }
checkin-already-over = This check-in is already finished or stopped. To take it again, tap “Take it again”.
checkin-again = 🌱 Take it again
checkin-score = Your result: { $score } out of 100.
checkin-result-good = It looks like the last two weeks have held quite a few good days. Hold on to whatever is helping.
checkin-result-low = It looks like things have been hard for you lately. That is worth talking about with someone: at a Resilience Centre people will listen and support you — free, with no referral or appointment.
checkin-result-very-low = It sounds like things are very hard for you right now. Don’t stay alone with this — talk to someone today.
checkin-crisis-call = Call now — it’s free, and someone will listen and support you:
checkin-suggest-centre = You can talk to someone in person at the nearest Resilience Centre — tap the button below or share your location.
checkin-not-a-diagnosis = This is not a diagnosis — just a way to notice how you are.
checkin-change-noticeable = A difference of 10 points or more between check-ins is a real change.
checkin-emergency = If a life is in danger, call { $numbers }.
list-or = { $init } or { $last }
checkin-find-centre = 📍 Find the nearest centre
checkin-remind = ⏰ Remind me in two weeks
checkin-reminder-set = I’ll remind you on { $date }, in the daytime. To send it, I keep only who to remind and when. That shows you took a check-in, not your answers, and it is deleted once the reminder is sent.
checkin-reminder-cancel = Cancel the reminder
checkin-reminder-cancelled = The reminder is cancelled.
checkin-reminder-none = There was no reminder to cancel.
checkin-reminder-notice = About two weeks ago you asked me to remind you about a short wellbeing check-in. Would you like to take it now? It is anonymous and takes a minute.
checkin-not-now = Not now

## Forgetting a person
about-forget = You can delete everything the bot knows about you at any time: the /forget command or the “Forget me” button below. Anonymous wellbeing check-ins are not linked to you, so they stay in the statistics.
menu-forget = 🗑 Forget me
forget-what = This deletes everything the bot knows about you: your language, the step of our conversation, your group sign-ups, including any name and phone you gave (your seats go to the people waiting), your subscriptions to centre updates, reminders and your coordinator role if you have one. It cannot be undone.
forget-checkins-stay = Anonymous wellbeing check-ins are not linked to you, so they stay in the overall statistics.
forget-confirm = 🗑 Yes, delete everything
forget-done = Done: I have deleted everything I knew about you.
forget-done-signups = { $count ->
        [one] { $count } place in a group or waiting list was freed.
       *[other] { $count } places in groups or waiting lists were freed.
    }
forget-done-subscriptions = { $count ->
        [one] { $count } subscription was ended.
       *[other] { $count } subscriptions were ended.
    }
forget-afresh = If you write again, we start with a clean slate.

## Check-in statistics (coordinators)
coord-stats = 📊 Check-in statistics
stats-title = Anonymous wellbeing check-ins (WHO-5) over { $weeks ->
        [1] the last complete week
       *[other] the last { $weeks } complete weeks
    }: count, mean score (0–100) and share scoring 50 or less. The current week appears once it is over.
stats-suppressed = Weeks and regions with fewer than { $min } check-ins are hidden so that nobody can be recognised.
stats-area = { $area }
stats-all-ukraine = All of Ukraine
stats-oblast = { $oblast }
stats-week = week of { $week }: { $count } { $count ->
        [one] check-in
       *[other] check-ins
    }, mean score { $mean }, 50 or less: { $low }%
stats-week-hidden = week of { $week }: fewer than { $min } check-ins
stats-chart-title = Mean WHO-5 score by week
stats-weekly = 📊 The weekly summary of anonymous wellbeing check-ins for coordinators.

## Open data (HSDS and GeoJSON published by the API and `export`)
opendata-publisher-description = Keeps the directory of Resilience Centres the chatbot answers from, and publishes it as open data.
opendata-service-description = Free psychosocial support at a Resilience Centre, no appointment needed.
opendata-service-offers = Services: { $services }.
opendata-sample = ⚠️ Sample data: this record shows how the bot works and is not the official list of centres. Do not refer people to it without checking the address and hours by phone.
opendata-closed = Temporarily closed until { $date } { $time }: { $reason }
opendata-relocated = Relocated centre: it serves the { $hromada } hromada and now works at the address of its location.
opendata-address = Address: { $address }
opendata-hromada = Hromada: { $hromada }
opendata-schedule-row = { $days }: { $from }–{ $to }
opendata-schedule-local-time = Kyiv time (UTC+{ $offset } until { $until }).
opendata-schedule-local-time-always = Kyiv time (UTC+{ $offset }).
opendata-schedule-exceptions = The schedule has exceptions (public holidays, particular dates) that a weekly repetition cannot express. The full rules in OpenStreetMap opening_hours syntax: { $rules }
opendata-language-uk = Ukrainian
opendata-notice-sample = ⚠️ This is the sample directory: it shows how the bot works and is not the official list of centres. Records of the sample directory carry the “sample-data” attribute.
opendata-notice-real = The directory the bot answers from. Every record says when it was last verified (assured_date).
opendata-attribution-geonames = Coordinates of centres placed by their settlement or hromada come from GeoNames (geonames.org), licensed under CC BY 4.0.
## The operator desk (/desk)
operator-desk-link = Your link to sign in to the desk: { $url }
operator-desk-link-once = It works once, for 10 minutes only. Do not pass it on.
operator-desk-not-allowed = The desk is for the bot’s operators and centres’ coordinators. If you coordinate a centre, ask the bot’s operator to add you.
operator-desk-off = The desk is switched off on this server.
