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
    Commands: /start — start over, /help — this hint, /language — change language, /privacy — about privacy.

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
signup-waitlisted = All seats are taken. You are on the waiting list, place { $position }. If a seat frees up you will be signed up automatically — check "My sign-ups".
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
