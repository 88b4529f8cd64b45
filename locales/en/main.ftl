# English texts. Ids are prefixed by screen.

## Welcome and menu
welcome-greeting = Hello! I can help you find the nearest Resilience Centre — a place where psychologists and social workers offer support for free, with no referral and no appointment.
welcome-privacy = I keep only your messenger ID, your language and where we are in the conversation. I use your location only to search, and I don't store the text of your messages. More under "About & privacy".
menu-title = How can I help?
menu-find = 📍 Find a centre
menu-help-now = 🆘 I need help now
menu-language = 🌐 Мова / Language
menu-about = ℹ️ About & privacy
menu-back = ↩️ Main menu
help-text =
    Share your location or type the name of a town, village or hromada, and I'll show the nearest Resilience Centres with their address, phone and opening hours.
    Commands: /start — start over, /help — this hint, /checkin — an anonymous wellbeing check-in, /language — change language, /privacy — about privacy, /forget — delete everything the bot knows about you.

## Language
language-choose = Оберіть мову / Choose your language
language-uk = Українська
language-en = English
language-changed = Done, we'll continue in English.

## About and privacy
about-what = This bot helps you find Resilience Centres — free psychosocial support spaces in hromadas all over Ukraine. The bot gives no advice and makes no diagnosis: it points you to people who can help.
about-privacy = Privacy: I keep your messenger ID, your language and the current step of our conversation — including the point of your last search, until you start a new one or return to the menu. I don't store or log the text of your messages.
about-data = Data: places come from the official codifier of administrative units (KATOTTH) and from { $geonames } under CC BY 4.0. Before you go to a centre, check its address and hours by phone.

## Finding a centre
find-ask-place = Share your location or type the name of a town, village or hromada, for example "Brovary".
find-bad-location = I couldn't read those coordinates. Please share your location again or type a place name.
find-results-near-you = The centres nearest to you:
find-results-near-place = The centres nearest to { $place } ({ $oblast }):
find-results-near-hromada = The centres nearest to { $place } hromada ({ $oblast }):
find-approximate = The exact position of this place is not known, so distances are from the centre of its hromada.
find-approximate-area = The exact position of this place is not known, so distances are approximate: from the middle of its district or oblast.
find-results-count = { $count } { $count ->
        [one] centre
       *[other] centres
    }
find-result-title = { $number }. { $name } — { $distance }
find-open-centre = { $number }. { $name }
find-more = ➕ Show more
find-search-again = 🔎 Search somewhere else
find-back-to-list = ↩️ Back to the list
find-no-more = There are no more centres.
find-directory-empty = The directory of centres is empty for now. If you need help now, tap "I need help now".
find-sample-note = ⚠️ This is sample data that shows how the bot works, not the official list of centres.
find-not-found = I couldn't find a place called "{ $query }".
find-did-you-mean = Did you mean:
find-try-again = Try another spelling, or share your location.
find-which-oblast = I found { $count } { $count ->
        [one] place
       *[other] places
    } called "{ $name }". Which oblast?
find-oblast-choice = { $oblast } ({ $count })
find-which-place = Which "{ $name }" do you mean?
find-place-choice = { $name } — { $hromada } hromada, { $oblast }
find-place-choice-no-hromada = { $name } — { $oblast }
find-place-choice-hromada = { $name } hromada — { $oblast }
find-other-places = There { $count ->
        [one] is { $count } other place
       *[other] are { $count } other places
    } called "{ $name }" elsewhere in Ukraine. If you meant another one, add the oblast, for example: "{ $name }, { $oblast }".

## Distances
distance-metres = { $metres } m
distance-km = { $km } km

## Centre card
card-title = 🏠 { $name }
card-sample = ⚠️ Sample data: this entry shows how the bot works. Before you go, check the address and hours by phone.
card-distance = Distance: { $distance }
card-relocated = Relocated centre. Hromada served: { $hromada }. It now works at the address below.
card-relocated-short = Relocated centre · hromada: { $hromada }
card-address = Address: { $address }
card-address-unknown = Please check the address by phone.
card-hromada = Hromada: { $hromada }
card-phones = Phone: { $phones }
card-phone-number = { $phone }
card-email = Email: { $email }
card-website = Website: { $website }
card-hours-title = Opening hours:
card-services = Services: { $services }
card-verified = Last verified: { $date }
card-map = Map: { $url }
card-gone = This centre is no longer in the directory. Please search again.

## Opening hours
hours-day = { $days }: { $intervals }
hours-day-closed = { $days }: closed
hours-interval = { $from }–{ $to }
hours-open-always = Open now, around the clock.
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
help-intro = If your life or someone else's is in danger, call 112 or 103. You can talk to a specialist on these lines:
help-line = { $name }: { $numbers }
help-line-with-hours = { $name }: { $numbers } ({ $hours })
help-number = { $number }
help-checked = Numbers checked on { $date }.
help-nearest-known = You can talk to someone in person, for free and with no appointment, at the Resilience Centre nearest to you:
help-find-nearest = You can talk to someone in person, for free and with no appointment, at a Resilience Centre. Find the nearest one:

## Errors
error-stale-button = This button no longer works. Here is the main menu.
error-not-understood = Sorry, I didn't understand. Type the name of a place or share your location, and I'll find the nearest centre.
error-unsupported = Sorry, I can only read text and locations. Type a place name or share your location.
error-try-again = Something went wrong on my side. Please try again in a minute.
outage-try-again = ⏳ Sorry, part of the service is briefly down and I can't do this right now. Please try again in a minute. Finding the nearest centre by location and the help lines still work.
flood-slow-down = ✋ You are sending messages very quickly, and I skipped some of them. Pause for a few seconds and I will answer again.

## Terminal channel
console-intro = Talking to the bot in the terminal. /loc LAT LON shares a location, #N presses button N, Ctrl+D quits.
console-location-hint = (To share a location, type /loc LAT LON, for example /loc 50.45 30.52)
console-no-button = { $count ->
        [0] There are no buttons right now.
       *[other] There is no such button. Choose a number from 1 to { $count }.
    }
console-venue = 📍 { $title }: { $lat }, { $lon }

## Telegram
telegram-share-location = 📍 Share my location
telegram-or-choose = Or choose:
telegram-private-only = I work in private chats only. Write to me directly and I'll find the nearest Resilience Centre.
telegram-command-start = Start over
telegram-command-help = How to use the bot
telegram-command-language = Change language
telegram-command-privacy = About & privacy
telegram-command-checkin = Anonymous wellbeing check-in
telegram-command-forget = Delete everything the bot knows about me
error-contact-not-needed = Thank you, but I don't need a phone number to find a centre, and I don't keep it. Type a place name or share your location.

## Viber
viber-share-location = 📍 Share my location
viber-open-map = 🗺 Open the map

## Times
time-at = at { $hour }:{ $minute }

## Groups
menu-groups = 👥 Support groups
menu-mine = 📋 My sign-ups
card-groups = 👥 Groups at this centre
groups-need-place = To show groups near you, first find the nearest centres: share your location or type a place name.
groups-near-title = Groups at the nearest centres:
groups-at-centre-title = Groups at "{ $centre }":
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
group-you-wait = You are on the waiting list, place { $position }.
group-join = ✍️ Sign up
group-join-waitlist = ⏳ Join the waiting list
signup-consent = To sign you up I can keep your first name and phone number — only for the centre's coordinator, to contact you about the group. Both are optional. You can cancel at any time under "My sign-ups".
signup-ask-name = What should we call you? Type your first name or tap "Skip".
signup-bad-name = A name can be at most 60 characters. Type it again or tap "Skip".
signup-ask-phone = Type your phone number (for example 067 123 45 67) or tap "Skip".
signup-bad-phone = That does not look like a Ukrainian number. Type it again, for example 067 123 45 67, or tap "Skip".
signup-skip = ⏭ Skip
signup-confirmed = ✅ You are signed up: { $programme }, { $centre }.
signup-waitlisted = All seats are taken. You are on the waiting list, place { $position }. If a seat frees up you will be signed up automatically, and I will write to tell you.
signup-already-confirmed = You are already signed up for this group.
signup-already-waiting = You are already on the waiting list, place { $position }.
signup-closed = This group no longer takes sign-ups.
mine-title = Your sign-ups:
mine-none = You have no active sign-ups.
mine-item-confirmed = { $number }. { $programme } — { $centre }, starts { $date }: signed up
mine-item-waiting = { $number }. { $programme } — { $centre }, starts { $date }: waiting list, place { $position }
mine-cancel = ✖️ Cancel sign-up { $number }
leave-done = Your sign-up is cancelled.
leave-not-found = This sign-up is already cancelled or does not exist.

## Notices: messages the bot sends on its own
notice-promoted = 🎉 A seat has freed up: you are now signed up for { $programme }, { $centre }.
notice-promoted-decline = If you can no longer come, tap "Give up the seat" and it goes to the next person waiting.
notice-decline = 🙅 Give up the seat
decline-done = You gave up the seat; it goes to the next person waiting. Thank you for letting us know.
notice-cancelled = ❗ The centre has cancelled the group "{ $programme }" at { $centre } that was to start on { $date }. We are sorry. You can look for another group.
notice-reminder = 🔔 Reminder: "{ $programme }" meets { $when ->
        [today] today
       *[tomorrow] tomorrow
    } ({ $count } { $count ->
        [one] session
       *[other] sessions
    } in all):
    { $session }
notice-where = Where: { $centre }, { $address }
notice-where-online = Online ({ $centre }): the centre sends the link.
notice-cant-come = 🙋 I can't come this time
notice-leave = 🚪 Leave the group
notice-quiet = 🔕 No more reminders for this group
notice-absent = 🙋 { $who } can't come to session no. { $number } of "{ $programme }" on { $date } { $time }.
notice-absent-someone = A participant who gave no name
absence-noted = Thank you for letting us know: the coordinator has been told. See you next time.
absence-no-coordinator = Thank you. This centre's coordinator is not in the bot yet; if you can, call the centre to let them know.
absence-not-found = This sign-up or session is no longer active.
reminders-stopped = Done: no more reminders for this group. You will still hear from me if anything changes.

## Coordinators
coord-not-coordinator = This is for centre coordinators. If you coordinate groups at a centre, ask the bot's operator to add you.
coord-not-found = This group is not one of yours, or it no longer runs.
coord-title = 🗂 Groups you coordinate
coord-centre = { $centre }:
coord-none = No current groups.
coord-item = { $number }. { $programme }, from { $date }: { $confirmed } of { $capacity } seats taken, { $waiting } waiting
coord-new = ➕ New group at { $centre }
coord-back = ⬅️ My centres' groups
coord-back-to-group = ⬅️ Back to the group
coord-group-title = 🗂 { $programme } — { $centre }
coord-group-seats = { $confirmed } of { $capacity } seats taken; { $waiting } waiting.
coord-list = 👥 Sign-up list
coord-csv = 📄 Sign-up list as a CSV file
coord-capacity = 🔢 Change the number of seats
coord-cancel = ❌ Cancel the group
coord-list-title = Sign-ups for { $programme } (from { $date }), page { $page } of { $pages }:
coord-list-name = { $name }
coord-list-no-name = (no name given)
coord-list-confirmed = { $number }. { $name } { $phone } — confirmed
coord-list-waiting = { $number }. { $name } { $phone } — waiting, place { $position }
coord-list-empty = Nobody has signed up yet.
coord-list-previous = ⬅️ Previous page
coord-list-next = Next page ➡️
coord-csv-caption = Sign-ups for { $programme } (from { $date }). This file holds personal data: keep it safe and delete it when the group ends.
coord-csv-number = No.
coord-csv-status = Status
coord-csv-place = Place in queue
coord-csv-name = First name
coord-csv-phone = Phone
coord-csv-time = Signed up (Kyiv time)
coord-csv-confirmed = confirmed
coord-csv-waiting = waiting
coord-ask-capacity = How many seats should the group have? Type a number from 1 to 200. Now: { $capacity }, of them taken: { $confirmed }.
coord-bad-capacity = Type a whole number from 1 to 200.
coord-capacity-below = { $confirmed ->
        [one] { $confirmed } person is
       *[other] { $confirmed } people are
    } already confirmed, so the group needs at least { $confirmed ->
        [one] { $confirmed } seat
       *[other] { $confirmed } seats
    }: nobody loses a seat without knowing. Type another number.
coord-capacity-done = Done: the group now has { $capacity ->
        [one] { $capacity } seat
       *[other] { $capacity } seats
    }. { $promoted ->
        [0] Nobody moved from the waiting list.
        [one] { $promoted } person moved from the waiting list and is being told.
       *[other] { $promoted } people moved from the waiting list and are being told.
    }
coord-cancel-confirm = Cancel "{ $programme }" starting on { $date }? { $people ->
        [0] Nobody has signed up yet.
        [one] { $people } person who signed up or is waiting will be told.
       *[other] { $people } people who signed up or are waiting will be told.
    } This cannot be undone.
coord-cancel-yes = Yes, cancel the group
coord-cancel-no = No, keep it
coord-cancelled = The group is cancelled. { $told ->
        [0] Nobody had signed up.
        [one] { $told } person is being told.
       *[other] { $told } people are being told.
    }
draft-ask-programme = New group at { $centre }. Which programme?
draft-programme = { $title }
draft-ask-first = When is the first session? Type the date and time in Kyiv, for example { $example }.
draft-bad-date = I could not read that date and time.
draft-past-date = That moment has passed.
draft-far-date = That is more than a year away.
draft-no-such-time = That time does not exist, or happens twice, in Kyiv because of a clock change. Choose another time.
draft-ask-sessions = How many sessions, once a week at the same time? Type a number from 1 to 52.
draft-bad-sessions = Type a whole number from 1 to 52.
draft-ask-minutes = How long is one session, in minutes? For example 90 or 120.
draft-bad-minutes = Type a number of minutes from 15 to 480.
draft-ask-capacity = How many seats? Type a number from 1 to 200.
draft-ask-language = Which language is the group held in?
draft-ask-format = In person or online?
draft-in-person = 🏠 In person
draft-online = 💻 Online
draft-preview-title = Check the new group before it opens:
draft-preview-programme = Programme: { $programme }
draft-preview-seats = Seats: { $capacity }
draft-create = ✅ Open the group for sign-up
draft-start-over = 🔁 Start again
draft-created = The group is open: people see it under "Groups" at this centre and near it.
draft-open-new = 🗂 Open the new group
draft-exists = Another group was created at the same moment. Tap "Open the group for sign-up" again.

## Centre updates
card-subscribe = 🔔 Get updates from this centre
subscribe-done = Done: you will get updates from "{ $centre }" — schedules, changes, closures. You can stop them at any time, or send /stop.
subscribe-already = You already get updates from "{ $centre }".
subscribe-stop = 🔕 Stop these updates
unsubscribe-done = You will no longer get updates from "{ $centre }".
unsubscribe-all = { $count ->
        [0] You were not getting updates from any centre.
        [one] Done: you will no longer get updates from { $count } centre.
       *[other] Done: you will no longer get updates from { $count } centres.
    }

## Coordinator invitations
invite-accepted = Welcome! You now coordinate "{ $centre }". Send /coordinate at any time to manage its groups and messages.
invite-open = 🗂 Open my centre's groups
invite-expired = This invitation has expired. Ask the bot's operator for a new one.
invite-used = This invitation has already been used. Ask the bot's operator for a new one.
invite-unknown = I do not know this invitation code. Check it, or ask the bot's operator for a new one.

## Broadcasts to a centre's subscribers
coord-subscribers = Subscribers to updates: { $count }
coord-broadcast = 📣 Messages to subscribers of { $centre }
broadcast-list = 🗓 Messages of this centre
broadcast-new = ✍️ New message to subscribers
broadcast-ask = Write the message for the { $subscribers ->
        [one] { $subscribers } subscriber
       *[other] { $subscribers } subscribers
    } of "{ $centre }", or tap "This week's schedule". You will see it before it goes.
broadcast-schedule = 📅 This week's schedule
broadcast-bad-length = A message must have some text and at most { $max } characters. Write it again.
broadcast-ask-time = When should it go? Type the date and time in Kyiv, for example { $example }.
broadcast-preview-title = Preview — this is what subscribers will get:
broadcast-preview-now = It goes now to { $subscribers ->
        [one] { $subscribers } subscriber
       *[other] { $subscribers } subscribers
    }.
broadcast-preview-at = It goes on { $date } { $time } to the subscribers then ({ $subscribers } now).
broadcast-send-now = 📣 Send now
broadcast-confirm-schedule = ✅ Schedule it
broadcast-later = 🗓 Send later
broadcast-from = 📣 { $centre }:
broadcast-body = { $text }
broadcast-schedule-title = 📅 This week at "{ $centre }":
broadcast-schedule-item = { $programme }: { $session }
broadcast-schedule-none = No group sessions this week.
broadcast-list-title = Messages of "{ $centre }":
broadcast-list-none = No messages yet.
broadcast-kind-schedule = the week's schedule
broadcast-kind-message = a message
broadcast-list-item = #{ $number }, { $what }, { $date } { $time }: { $status ->
        [scheduled] scheduled
        [sending] sending
        [cancelled] cancelled
       *[done] sent
    } — delivered { $sent }, blocked { $blocked }, failed { $failed }, waiting { $pending }
broadcast-cancel = ✖️ Cancel message #{ $number }
broadcast-sending = 📣 Sending. You can follow it under "Messages of this centre", and I will tell you when it is done.
broadcast-scheduled = 🗓 Scheduled for { $date } { $time }. You can cancel it until then under "Messages of this centre".
broadcast-cancelled = The message is cancelled; nobody got it.
broadcast-not-cancelled = This message cannot be cancelled: it has gone already, or it is not yours.
broadcast-report = 📣 Your message to the subscribers of "{ $centre }" went out: delivered { $sent }, blocked the bot { $blocked }, failed { $failed }.

## Temporary closures
card-closed = ⛔ Temporarily closed until { $date } { $time }: { $reason }
card-closed-short = ⛔ Temporarily closed until { $date } { $time }
broadcast-closed = ⛔ "{ $centre }" is temporarily closed until { $date } { $time }: { $reason }
broadcast-reopened = ✅ "{ $centre }" is open again.
closure-close = ⛔ Mark the centre closed for a while
closure-reopen = ✅ The centre is open again
closure-ask-reason = Why is "{ $centre }" closed? For example: no power. People will see it on the centre's card.
closure-bad-reason = Write the reason in at most { $max } characters.
closure-ask-until = Until when? Type the date and time in Kyiv, for example { $example }.
closure-done = Done: cards and nearest answers show the centre closed until { $date } { $time }, and its subscribers are being told.
closure-reopened = Done: the centre shows as open again.
closure-not-closed = The centre was not marked closed.

## "This is wrong"
card-report = ✏️ Something here is wrong
report-ask-topic = What is wrong on the card of "{ $centre }"?
report-topic-address = 📍 The address
report-topic-phone = 📞 The phone number
report-topic-hours = 🕘 The opening hours
report-topic-closed = ⛔ The centre is closed
report-topic-other = ✏️ Something else
report-ask-details = If you can, write what is right (for example the new phone number). Your name and account are not kept.
report-send-without = 📨 Send without details
report-bad-details = Write it in at most { $max } characters, or send without details.
report-thanks = Thank you! The centre's coordinator will check it. Until then, if you can, call the centre before you go.
report-to-coordinator = ✏️ Someone says the card of "{ $centre }" is wrong: { $topic }
report-details = Their words: { $details }
report-handled = ✅ Dealt with
report-confirmed = ✔️ The card is right (renew its verified date)
report-resolved = Done: the report is closed.
report-not-open = This report is closed already, or it is not about your centre.
broadcast-too-late = The time you chose has passed. Nothing was sent; write the message again and choose a later time.
report-thanks-no-coordinator = Thank you, it is noted. This centre's coordinator is not in the bot yet, so if you can, call the centre before you go.

## Wellbeing check-in (WHO-5)
menu-checkin = 🌱 How am I doing: a short anonymous check-in
checkin-intro = These are the five questions of the WHO-5 Well-Being Index about the last two weeks. They help you notice how you are and suggest a next step. It is not a test and not a diagnosis.
checkin-stored = What is stored: only your five answers, the day (no time), the language, the messenger and — if you choose — your oblast. They go only into anonymous overall statistics.
checkin-not-stored = What is not stored: your messenger ID, name, phone, the exact time or your location. Nothing in the answers points to you, so the bot cannot show them as yours.
checkin-stop-any-time = You can stop at any point — then nothing is stored.
checkin-begin = ▶️ Begin
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
checkin-stop = ⏹ Stop (store nothing)
checkin-stopped = Stopped. Nothing was stored.
checkin-oblast-question = One last, optional question: would you share the oblast you are in now? It helps show where support is needed most. Only the oblast is stored.
checkin-oblast-skip = Don't share my oblast
checkin-oblast-choice = { $oblast }
checkin-already-over = This check-in has already ended or was stopped, so nothing was stored this time.
checkin-again = 🌱 Take it again
checkin-score = Your result: { $score } out of 100.
checkin-result-good = It looks like the last two weeks have held quite a few good days. Keep hold of what helps you with that.
checkin-result-low = It looks like the last two weeks have been hard for you. That is worth talking about with someone: at a Resilience Centre people will listen and support you — free, with no referral or appointment.
checkin-result-very-low = It sounds like things are very hard for you right now. You don't have to go through this alone — talk to someone today.
checkin-crisis-call = Call now — they will listen and support you:
checkin-suggest-centre = You can talk to someone in person at the nearest Resilience Centre:
checkin-not-a-diagnosis = This is not a diagnosis — just a way to notice how you are. A change of 10 points between check-ins is a real change.
checkin-find-centre = 📍 Find the nearest centre
checkin-remind = ⏰ Remind me in two weeks
checkin-reminder-set = I'll remind you on { $date } — in the daytime, not at night. For the reminder only who to remind and when is stored: it shows that you took a check-in, not your answers. It is deleted once you are reminded.
checkin-reminder-cancel = Cancel the reminder
checkin-reminder-cancelled = The reminder is cancelled.
checkin-reminder-none = There was no reminder to cancel.
checkin-reminder-notice = Two weeks ago you asked me to remind you about a short wellbeing check-in. Would you like to take it now? It is anonymous and takes a minute.
checkin-not-now = Not now

## Forgetting a person
about-forget = You can erase everything the bot knows about you at any time: the /forget command or the button below. Anonymous wellbeing check-ins are not linked to you, so they stay in the statistics.
menu-forget = 🗑 Forget me
forget-what = This deletes everything the bot knows about you: your language, the step of our conversation, your group sign-ups (your seats go to the people waiting), centre updates, reminders and your coordinator role if you have one. It cannot be undone.
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
coord-stats = 📊 Wellbeing check-in statistics
stats-title = Anonymous wellbeing check-ins (WHO-5) over { $weeks ->
        [one] the last complete week
       *[other] the last { $weeks } complete weeks
    }: count, mean score (0–100) and share scoring 50 or less. The current week appears once it is over.
stats-suppressed = Cells with fewer than { $min } check-ins are hidden so that nobody can be recognised.
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
opendata-notice-sample = ⚠️ This is the sample directory: it shows how the bot works and is not the official list of centres. Records of the sample directory carry the "sample-data" attribute.
opendata-notice-real = The directory the bot answers from. Every record says when it was last verified (assured_date).
opendata-attribution-geonames = Coordinates of centres placed by their settlement or hromada come from GeoNames (geonames.org), licensed under CC BY 4.0.
