# Ukrainian texts (the default language). Ids are prefixed by screen.
#
# Glossary: one word for each thing, everywhere (the English file has the same list).
#   центр життєстійкості  (generic, lowercase; a capital only inside a proper name or at the start of a sentence) — Resilience Centre
#   громада — hromada; область — oblast; регіон — region (when Kyiv, Sevastopol or Crimea may be meant)
#   група (a run of a programme with dates) — group;  програма — programme;  зустріч — session
#   записатися, запис — sign up, sign-up;  черга, номер у черзі — waiting list, number on the waiting list
#   місце (in a group) — seat;  графік роботи — opening hours;  новини центру, підписатися — updates, subscribe
#   повідомлення підписникам — message to subscribers;  координатор — coordinator;  адміністратор бота — the bot's operator
#   перевірка самопочуття — wellbeing check-in;  видалити — delete;  за київським часом — Kyiv time
#   без попереднього запису — with no appointment;  безоплатно — free of charge
# The bot speaks of itself as «я», in forms without grammatical gender («не можу знайти», not «не знайшов»).
# A quoted title never follows a preposition directly: «до групи «…»», not «на «…»».
# Apostrophe: ’ (U+2019). A number and its unit or № are joined by a no-break space.

## Welcome and menu
welcome-greeting = Вітаю! Я допоможу знайти найближчий центр життєстійкості — місце, де психологи й соціальні працівники безоплатно підтримають вас, без направлення й без попереднього запису.
welcome-privacy = Для роботи я зберігаю лише ваш ідентифікатор у месенджері, мову й крок розмови, на якому ви зупинилися. Місцезнаходження використовую тільки для пошуку, тексти повідомлень не зберігаю. Якщо запишетеся до групи, я окремо спитаю дозволу зберегти ім’я й телефон. Детальніше — у розділі «Про бота й приватність».
menu-title = Чим можу допомогти?
menu-find = 📍 Знайти центр
menu-help-now = 🆘 Мені потрібна допомога зараз
menu-language = 🌐 Мова / Language
menu-about = ℹ️ Про бота й приватність
menu-back = ↩️ Головне меню
help-text =
    Надішліть своє місцезнаходження або напишіть назву міста, селища, села чи громади — я покажу найближчі центри життєстійкості з адресою, телефоном і графіком роботи.
    Команди: /start — почати спочатку, /help — ця підказка, /checkin — анонімна перевірка самопочуття, /language — змінити мову, /privacy — про приватність, /forget — видалити все, що бот знає про вас.
## Language
language-choose = Оберіть мову / Choose your language
language-uk = Українська
language-en = English
language-changed = Готово, далі розмовляємо українською.

## About and privacy
about-what = Я допомагаю знайти центри життєстійкості — місця в громадах по всій Україні, де безоплатно надають психосоціальну підтримку. Я не консультую і не ставлю діагнозів — лише підказую, куди звернутися.
about-privacy = Приватність: я зберігаю ваш ідентифікатор у месенджері, обрану мову й поточний крок розмови — зокрема точку останнього пошуку, доки ви не почнете новий пошук або не повернетеся в меню. Якщо ви записуєтеся до групи й залишаєте ім’я чи телефон, їх бачать лише координатори цього центру; ці дані видаляються через 30 днів після останньої зустрічі групи або одразу після /forget. Тексти ваших повідомлень я не зберігаю — навіть у технічних журналах.
about-data = Дані: населені пункти — з Кодифікатора адміністративно-територіальних одиниць та територій територіальних громад (КАТОТТГ) і з { $geonames } за ліцензією CC BY 4.0. Перш ніж іти до центру, уточніть адресу й графік роботи телефоном.
## Finding a centre
find-ask-place = Надішліть своє місцезнаходження або напишіть назву населеного пункту чи громади, наприклад «Бровари».
find-bad-location = Не вдалося розпізнати ці координати. Надішліть місцезнаходження ще раз або напишіть назву населеного пункту.
find-results-near-you = Найближчі до вас центри:
find-results-near-place = 📍 { $place } ({ $oblast }) — найближчі центри:
find-results-near-hromada = 📍 { $place } громада ({ $oblast }) — найближчі центри:
find-approximate = Точне розташування цього місця невідоме, тому відстані пораховано від адміністративного центру громади.
find-approximate-area = Точне розташування цього місця невідоме, тому відстані приблизні — від середини району чи області.
find-results-count = { $count } { $count ->
        [one] центр
        [few] центри
        [many] центрів
       *[other] центру
    }
find-result-title = { $number }. { $name } — { $distance }
find-open-centre = { $number }. { $name }
find-more = ➕ Показати ще
find-search-again = 🔎 Шукати в іншому місці
find-back-to-list = ↩️ До списку
find-no-more = Більше центрів немає.
find-directory-empty = Довідник центрів поки порожній. Якщо вам потрібна допомога зараз, натисніть «🆘 Мені потрібна допомога зараз».
find-sample-note = ⚠️ Це зразкові дані для демонстрації роботи бота, а не офіційний перелік центрів.
find-not-found = Не можу знайти населений пункт «{ $query }».
find-did-you-mean = Можливо, ви мали на увазі:
find-try-again = Спробуйте написати назву інакше або надішліть своє місцезнаходження.
find-which-oblast = Знайдено { $count } { $count ->
        [one] населений пункт
        [few] населені пункти
        [many] населених пунктів
       *[other] населеного пункту
    } із назвою «{ $name }». У якій області?
find-oblast-choice = { $oblast } ({ $count })
find-which-place = Оберіть населений пункт «{ $name }»:
find-place-choice = { $name } — { $hromada } громада, { $oblast }
find-place-choice-no-hromada = { $name } — { $oblast }
find-place-choice-hromada = { $name } громада — { $oblast }
find-other-places = Є ще { $count } { $count ->
        [one] населений пункт
        [few] населені пункти
        [many] населених пунктів
       *[other] населеного пункту
    } із назвою «{ $name }»: { $oblasts }. Якщо ви мали на увазі інший, допишіть область, наприклад: «{ $name }, { $oblast }».
find-other-places-button = 🔎 Інші з такою назвою
find-oblast-name = { $oblast }
find-list-more = …
## Distances
distance-metres = { $metres } м
distance-km = { $km } км
distance-approximate = ≈ { $distance }
## Centre card
card-title = 🏠 { $name }
card-sample = ⚠️ Зразкові дані: цей запис показує, як працює бот. Перш ніж іти, уточніть адресу й графік роботи телефоном.
card-distance = Відстань: { $distance }
card-relocated = Це переміщений центр громади: { $hromada }. Зараз він приймає за адресою нижче.
card-relocated-short = Переміщений центр · громада: { $hromada }
card-address = Адреса: { $address }
card-address-unknown = Адресу уточнюйте за телефоном.
card-location-settlement = 📍 Розташування на мапі приблизне: центр населеного пункту { $place }. Орієнтуйтеся на адресу.
card-location-hromada = 📍 Розташування на мапі приблизне: центр громади ({ $place }). Орієнтуйтеся на адресу.
card-hromada = Громада: { $hromada }
card-phones = { $count ->
        [one] Телефон
       *[other] Телефони
    }: { $phones }
card-phone-number = { $phone }
card-email = Ел. пошта: { $email }
card-website = Сайт: { $website }
card-hours-title = Графік роботи:
card-services = Послуги: { $services }
card-verified = Дані перевірено: { $date }
card-map = Карта: { $url }
card-gone = Цього центру вже немає в довіднику. Спробуйте пошукати ще раз.

## Opening hours
hours-day = { $days }: { $intervals }
hours-day-closed = { $days }: зачинено
hours-day-unknown = { $days }: уточнюйте за телефоном
hours-interval = { $from }–{ $to }
hours-interval-open = з { $from }
hours-comment = ℹ️ { $comment }
hours-week-of = Цього тижня центр не працює. Графік на тиждень з { $date }:
hours-open-since = Зараз відчинено (з { $time }; час закриття не вказано).
hours-open-always = Працює цілодобово.
hours-open-until = Зараз відчинено, зачиняється { $time }.
hours-open-until-day = Зараз відчинено, зачиняється { $weekday } { $time }.
hours-closed-opens-today = Зараз зачинено, відчиниться сьогодні { $time }.
hours-closed-opens-tomorrow = Зараз зачинено, відчиниться завтра { $time }.
hours-closed-opens-on = Зараз зачинено, відчиниться { $weekday } { $time }.
hours-closed-opens-date = Зараз зачинено, відчиниться { $date } { $time }.
hours-closed = Зараз зачинено.
hours-unknown = Чи відчинено зараз, уточнюйте за телефоном.
hours-not-given = Графік роботи невідомий — уточнюйте за телефоном.
weekday-short = { $day ->
        [mon] Пн
        [tue] Вт
        [wed] Ср
        [thu] Чт
        [fri] Пт
        [sat] Сб
       *[sun] Нд
    }
weekday-range = { $first }–{ $last }
weekday-on = { $day ->
        [mon] в понеділок
        [tue] у вівторок
        [wed] в середу
        [thu] в четвер
        [fri] в п’ятницю
        [sat] в суботу
       *[sun] в неділю
    }

## Services
service-psychological-support = психологічна підтримка
service-psychological-first-aid = перша психологічна допомога
service-social-work = соціальна робота
service-support-groups = групи підтримки
service-parenting = підтримка батьків
service-children-and-youth = заняття для дітей і молоді
service-veterans = підтримка ветеранів і їхніх родин
service-displaced-people = допомога внутрішньо переміщеним особам
service-legal-advice = правові консультації
service-online = онлайн-консультації

## I need help now
help-intro = Якщо є загроза життю — вашому чи іншої людини, — негайно телефонуйте 112 або 103. Поговорити з фахівцем можна за цими номерами (дзвінки безоплатні):
help-line = { $name }: { $numbers }
help-line-with-hours = { $name }: { $numbers } ({ $hours })
help-number = { $number }
help-checked = Дані оновлено { $date }.
help-nearest-known = Поговорити з фахівцем особисто, безоплатно й без попереднього запису, можна в найближчому до вас центрі життєстійкості:
help-find-nearest = Поговорити з фахівцем особисто, безоплатно й без попереднього запису, можна в центрі життєстійкості. Знайти найближчий:
# Words of acute distress typed instead of an answer: the lines, then the way back.
distress-intro = Дякую, що сказали про це. Не залишайтеся з цим наодинці: просто зараз можна поговорити з людиною, яка вислухає. Дзвінки безоплатні:
distress-continue = Коли будете готові, можна продовжити з того місця, де ви зупинилися: я чекаю на вашу відповідь.
distress-centre = Поговорити з фахівцем особисто, безоплатно й без попереднього запису, можна також у найближчому центрі життєстійкості.
## Errors
error-stale-button = Ця кнопка вже не діє. Ось головне меню.
error-not-understood = Вибачте, я вас не зовсім розумію. Напишіть назву населеного пункту або надішліть місцезнаходження — і я знайду найближчий центр.
error-unsupported = Вибачте, я розумію лише текст і місцезнаходження. Напишіть назву населеного пункту або надішліть місцезнаходження.
error-try-again = Щось пішло не так з мого боку. Спробуйте, будь ласка, ще раз за хвилину.
outage-try-again = ⏳ Вибачте, у нас зараз технічна перерва, і я не можу виконати цю дію. Спробуйте, будь ласка, ще раз за хвилину. Пошук найближчого центру за місцезнаходженням і телефони допомоги працюють і зараз.
flood-slow-down = Я не встигаю за вашими повідомленнями, тож деякі могли загубитися. Зачекайте кілька секунд — і я знову відповідатиму. Якщо вам зараз дуже важко, натисніть «🆘 Мені потрібна допомога зараз».
## Terminal channel
console-intro = Розмова з ботом у терміналі. /loc ШИРОТА ДОВГОТА — надіслати місцезнаходження, #N — натиснути кнопку N, Ctrl+D — вийти.
console-location-hint = (Щоб надіслати місцезнаходження, напишіть /loc ШИРОТА ДОВГОТА, наприклад /loc 50.45 30.52)
console-no-button = Немає такої кнопки. Оберіть номер від 1 до { $count }.
console-venue = 📍 { $title }: { $lat }; { $lon }

## Telegram
telegram-share-location = 📍 Надіслати місцезнаходження
telegram-or-choose = Або оберіть:
telegram-private-only = Я працюю лише в особистих повідомленнях. Напишіть мені напряму — і я знайду найближчий центр життєстійкості.
telegram-command-start = Почати спочатку
telegram-command-help = Як користуватися ботом
telegram-command-language = Змінити мову
telegram-command-privacy = Про бота й приватність
telegram-command-checkin = Анонімна перевірка самопочуття
telegram-command-forget = Видалити все, що бот знає про мене
error-contact-not-needed = Дякую, але номер телефону мені не потрібен, щоб знайти центр, і я його не зберігаю. Напишіть назву населеного пункту або надішліть місцезнаходження.

## Viber
viber-share-location = 📍 Надіслати місцезнаходження
viber-open-map = 🗺 Відкрити на карті

## Times
time-at = { $hour ->
        [11] об
       *[other] о
    } { $hour }:{ $minute }

## Groups
menu-groups = 👥 Групи поруч
menu-mine = 📋 Мої записи
card-groups = 👥 Групи в цьому центрі
groups-need-place = Щоб показати групи поруч, спершу знайдіть найближчі центри: надішліть місцезнаходження або напишіть назву населеного пункту.
groups-near-title = Групи в найближчих центрах:
groups-at-centre-title = Групи — { $centre }:
groups-none = Зараз тут немає груп, на які можна записатися.
groups-item = { $number }. { $programme } — { $centre }; початок { $date }, { $sessions } { $sessions ->
        [one] зустріч
        [few] зустрічі
        [many] зустрічей
       *[other] зустрічі
    }; { $seats }
groups-seats = { $left ->
        [0] місць немає, можна стати в чергу
       *[other] вільних місць: { $left }
    }
groups-open = { $number }. { $programme }
group-title = 👥 { $programme }
group-description = { $text }
group-where = Де: { $centre }
group-format = Формат: { $format ->
        [online] онлайн
       *[other] очно
    }; мова: { $language ->
        [en] англійська
       *[other] українська
    }
group-seats-left = Вільних місць: { $left } з { $capacity }.
group-full = Усі місця зайняті, але можна стати в чергу (зараз у ній: { $waiting }).
group-sessions-title = Зустрічі ({ $count }):
group-session = { $number }. { $date } ({ $weekday }), { $from }–{ $to }
group-you-are-in = Ви записані до цієї групи.
group-you-wait = Ви в черзі, ваш номер: { $position }.
group-join = ✍️ Записатися
group-join-waitlist = ⏳ Стати в чергу
signup-consent = Щоб координатор центру міг зв’язатися з вами щодо групи, я можу зберегти ваше ім’я й номер телефону. Це за бажанням — кожне можна пропустити. Бачитимуть їх лише координатори цього центру (також у файлі зі списком записаних). Ці дані видаляються через 30 днів після останньої зустрічі групи або одразу, якщо надішлете /forget. Скасувати запис можна будь-коли в «Моїх записах».
signup-ask-name = Як до вас звертатися? Напишіть ім’я або натисніть «Пропустити».
signup-bad-name = Ім’я має бути не довше за 60 символів. Напишіть його ще раз або натисніть «Пропустити».
signup-ask-phone = Напишіть номер телефону, щоб координатор міг вам зателефонувати (наприклад, 067 123 45 67), або натисніть «Пропустити».
signup-bad-phone = Я розумію лише українські номери, наприклад 067 123 45 67. Напишіть номер ще раз або натисніть «Пропустити».
signup-skip = ⏭ Пропустити
signup-confirmed = ✅ Вас записано до групи «{ $programme }» ({ $centre }).
signup-waitlisted = Усі місця вже зайняті, тож ви в черзі, ваш номер: { $position }. Якщо місце звільниться, вас запишуть автоматично, і я одразу повідомлю.
signup-already-confirmed = Ви вже записані до цієї групи.
signup-already-waiting = Ви вже в черзі, ваш номер: { $position }.
signup-closed = До цієї групи вже не можна записатися.
mine-title = Ваші записи:
mine-none = У вас немає активних записів.
mine-item-confirmed = { $number }. { $programme } — { $centre }, початок { $date }: ви записані
mine-item-waiting = { $number }. { $programme } — { $centre }, початок { $date }: у черзі, № { $position }
mine-cancel = ✖️ Скасувати запис { $number }
leave-done = Запис скасовано.
leave-not-found = Цей запис уже скасовано або його немає.

## Сповіщення: повідомлення, які бот надсилає сам
notice-promoted = 🎉 Звільнилося місце: вас записано до групи «{ $programme }» ({ $centre }).
notice-promoted-decline = Якщо ви вже не зможете прийти, натисніть «Відмовитися від місця», і воно перейде до наступної людини в черзі.
notice-decline = 🙅 Відмовитися від місця
decline-done = Ви відмовилися від місця; воно перейде до наступної людини в черзі. Дякую, що попередили.
notice-cancelled = ❗ На жаль, центр скасував групу «{ $programme }» ({ $centre }), яка мала початися { $date }. Можна пошукати іншу групу.
notice-reminder = 🔔 Нагадування: { $when ->
        [today] сьогодні
       *[tomorrow] завтра
    } зустріч групи «{ $programme }» (усього зустрічей у групі: { $count }):
    { $session }
notice-where = Де: { $centre }, { $address }
notice-where-online = Онлайн ({ $centre }): посилання надішле центр.
notice-cant-come = 🙋 Цього разу не зможу
notice-leave = 🚪 Вийти з групи
notice-quiet = 🔕 Вимкнути нагадування
notice-absent = 🙋 { $who } не зможе прийти на зустріч № { $number } групи «{ $programme }» { $date } { $time }.
notice-absent-someone = Хтось із учасників (ім’я не вказано)
absence-noted = Дякую, що попередили! Координатора вже повідомлено. До зустрічі наступного разу.
absence-no-coordinator = Дякую. Координатора цього центру ще немає в боті; якщо можете, зателефонуйте до центру й попередьте.
absence-not-found = Цей запис або ця зустріч уже неактивні.
reminders-stopped = Готово: більше не нагадуватиму про цю групу. Якщо щось зміниться, я все одно напишу.

## Координатори
coord-not-coordinator = Це для координаторів центрів. Якщо ви координуєте групи в центрі, попросіть адміністратора бота додати вас.
coord-not-found = Ця група не ваша або вже неактивна.
coord-title = 🗂 Групи, які ви координуєте
coord-centre = { $centre }:
coord-none = Зараз груп немає.
coord-item = { $number }. { $programme }, початок { $date }: зайнято { $confirmed } з { $capacity } { $capacity ->
        [one] місця
       *[other] місць
    }, у черзі { $waiting }
coord-new = ➕ Нова група: { $centre }
coord-back = ⬅️ Групи моїх центрів
coord-back-to-group = ⬅️ Назад до групи
coord-group-title = 🗂 { $programme } — { $centre }
coord-group-seats = Зайнято { $confirmed } з { $capacity } { $capacity ->
        [one] місця
       *[other] місць
    }; у черзі { $waiting }.
coord-list = 👥 Список записаних
coord-csv = 📄 Список у файлі CSV
coord-capacity = 🔢 Змінити кількість місць
coord-cancel = ❌ Скасувати групу
coord-list-title = Записані до групи «{ $programme }» (початок { $date }), сторінка { $page } з { $pages }:
coord-list-name = { $name }
coord-list-no-name = (ім’я не вказано)
coord-list-confirmed = { $number }. { $name } { $phone } — записано
coord-list-waiting = { $number }. { $name } { $phone } — у черзі, № { $position }
coord-list-empty = Поки що ніхто не записався.
coord-list-previous = ⬅️ Попередня сторінка
coord-list-next = Наступна сторінка ➡️
coord-csv-caption = Записані до групи «{ $programme }» (початок { $date }). У файлі персональні дані: зберігайте його надійно й видаліть, коли група завершиться.
coord-csv-number = №
coord-csv-status = Статус
coord-csv-place = Номер у черзі
coord-csv-name = Ім’я
coord-csv-phone = Телефон
coord-csv-time = Запис (за київським часом)
coord-csv-confirmed = записано
coord-csv-waiting = у черзі
coord-ask-capacity = Скільки місць має бути в групі? Напишіть число від 1 до 200. Зараз місць: { $capacity }, із них зайнято: { $confirmed }.
coord-bad-capacity = Напишіть ціле число від 1 до 200.
coord-capacity-below = Уже записалося людей: { $confirmed }, тож у групі має бути щонайменше { $confirmed } { $confirmed ->
        [one] місце
        [few] місця
       *[other] місць
    } — записаних не можна позбавити місця. Напишіть інше число.
coord-capacity-done = Готово: тепер у групі { $capacity } { $capacity ->
        [one] місце
        [few] місця
       *[other] місць
    }. { $promoted ->
        [0] З черги ніхто не перейшов.
        [one] { $promoted } людина перейшла з черги — їй прийде повідомлення.
        [few] { $promoted } людини перейшли з черги — їм прийдуть повідомлення.
       *[other] { $promoted } людей перейшли з черги — їм прийдуть повідомлення.
    }
coord-cancel-confirm = Скасувати групу «{ $programme }», що починається { $date }? { $people ->
        [0] Поки що ніхто не записався.
        [one] Я повідомлю { $people } людину, яка записалася або чекає в черзі.
        [few] Я повідомлю { $people } людей, які записалися або чекають у черзі.
       *[other] Я повідомлю { $people } людей, які записалися або чекають у черзі.
    } Повернути групу потім не вийде.
coord-cancel-yes = Так, скасувати групу
coord-cancel-no = Ні, залишити
coord-cancelled = Групу скасовано. { $told ->
        [0] Ніхто не був записаний.
        [one] { $told } людині прийде повідомлення.
        [few] { $told } людям прийдуть повідомлення.
       *[other] { $told } людям прийдуть повідомлення.
    }
draft-ask-programme = Нова група — { $centre }. Яка програма?
draft-programme = { $title }
draft-ask-first = Коли перша зустріч? Напишіть дату й час за київським часом, наприклад { $example }.
draft-bad-date = Не вдалося розпізнати дату й час.
draft-past-date = Цей час уже минув.
draft-far-date = Ця дата більш ніж через рік. Оберіть ближчу.
draft-no-such-time = Через перехід на літній чи зимовий час такого часу в Києві немає або він буває двічі. Оберіть інший час.
draft-ask-sessions = Скільки зустрічей, раз на тиждень у той самий час? Напишіть число від 1 до 52.
draft-bad-sessions = Напишіть ціле число від 1 до 52.
draft-ask-minutes = Скільки хвилин триває одна зустріч? Наприклад, 90 або 120.
draft-bad-minutes = Напишіть кількість хвилин від 15 до 480.
draft-ask-capacity = Скільки місць? Напишіть число від 1 до 200.
draft-ask-language = Якою мовою будуть зустрічі?
draft-ask-format = Очно чи онлайн?
draft-in-person = 🏠 Очно
draft-online = 💻 Онлайн
draft-preview-title = Перевірте нову групу, перш ніж відкрити запис:
draft-preview-programme = Програма: { $programme }
draft-preview-seats = Місць: { $capacity }
draft-create = ✅ Відкрити запис
draft-start-over = 🔁 Почати знову
draft-created = Групу відкрито: її видно в картці центру («Групи в цьому центрі») і серед груп поблизу.
draft-open-new = 🗂 Переглянути групу
draft-exists = Саме в цю мить створено іншу групу. Натисніть «Відкрити запис» ще раз.

## Новини центру
card-subscribe = 🔔 Отримувати новини центру
subscribe-done = Готово: { $centre } надсилатиме вам новини — розклад, зміни, тимчасові закриття. Відписатися можна будь-коли кнопкою «Відписатися» або командою /stop.
subscribe-already = Ви вже підписані на новини: { $centre }.
subscribe-stop = 🔕 Відписатися
unsubscribe-done = Ви відписалися від новин: { $centre }.
unsubscribe-all = { $count ->
        [0] Ви не були підписані на новини жодного центру.
        [one] Готово: ви більше не отримуватимете новин { $count } центру.
       *[other] Готово: ви більше не отримуватимете новин { $count } центрів.
    }

## Запрошення координаторів
invite-accepted = Вітаю! Тепер ви координатор: { $centre }. Щоб керувати групами й повідомленнями центру, надішліть /coordinate.
invite-open = 🗂 Групи мого центру
invite-expired = Термін дії цього запрошення минув. Попросіть в адміністратора бота нове.
invite-used = Це запрошення вже використано. Попросіть в адміністратора бота нове.
invite-unknown = Я не знаю такого коду запрошення. Перевірте його або попросіть в адміністратора бота нове.

## Повідомлення підписникам центру
coord-subscribers = Підписників на новини: { $count }
coord-broadcast = 📣 Підписникам: { $centre }
broadcast-list = 🗓 Повідомлення цього центру
broadcast-new = ✍️ Нове повідомлення
broadcast-ask = Напишіть повідомлення для підписників центру (зараз їх { $subscribers }) або натисніть «Розклад на тиждень». Перш ніж надіслати, я покажу, як воно виглядатиме.
broadcast-schedule = 📅 Розклад на тиждень
broadcast-bad-length = У повідомленні має бути текст, не довший за { $max } символів. Напишіть його ще раз.
broadcast-ask-time = Коли надіслати? Напишіть дату й час за київським часом, наприклад { $example }.
broadcast-preview-title = Попередній перегляд — так його побачать підписники:
broadcast-preview-now = Повідомлення буде надіслано зараз; { $subscribers ->
        [one] отримає { $subscribers } підписник.
        [few] отримають { $subscribers } підписники.
       *[other] отримають { $subscribers } підписників.
    }
broadcast-preview-at = Повідомлення буде надіслано { $date } { $time } усім, хто тоді буде підписаний (зараз їх { $subscribers }).
broadcast-send-now = 📣 Надіслати зараз
broadcast-confirm-schedule = ✅ Запланувати
broadcast-later = 🗓 Надіслати пізніше
broadcast-from = 📣 { $centre }:
broadcast-body = { $text }
broadcast-schedule-title = 📅 { $centre }: розклад на цей тиждень
broadcast-schedule-item = { $programme }: { $session }
broadcast-schedule-none = Цього тижня зустрічей груп немає.
broadcast-list-title = { $centre }: повідомлення підписникам
broadcast-list-none = Повідомлень ще не було.
broadcast-kind-schedule = розклад на тиждень
broadcast-kind-message = повідомлення
broadcast-list-item = № { $number }, { $what }, { $date } { $time }: { $status ->
        [scheduled] заплановано
        [sending] надсилається
        [cancelled] скасовано
       *[done] надіслано
    } — доставлено { $sent }, заблокували бота { $blocked }, не вдалося { $failed }, у черзі { $pending }
broadcast-cancel = ✖️ Скасувати № { $number }
broadcast-sending = 📣 Надсилаю. Стежити можна в «Повідомленнях цього центру», а коли закінчу — я напишу.
broadcast-scheduled = 🗓 Заплановано на { $date } { $time }. До того часу його можна скасувати в «Повідомленнях цього центру».
broadcast-cancelled = Повідомлення скасовано; ніхто його не отримав.
broadcast-not-cancelled = Це повідомлення не можна скасувати: воно вже надіслане або не ваше.
broadcast-report = 📣 Повідомлення підписникам надіслано ({ $centre }): доставлено { $sent }, заблокували бота { $blocked }, не вдалося { $failed }.
## Тимчасове закриття
card-closed = ⛔ Тимчасово зачинено до { $date } { $time }: { $reason }
card-closed-short = ⛔ Тимчасово зачинено до { $date } { $time }
broadcast-closed = ⛔ { $centre } — тимчасово зачинено до { $date } { $time }: { $reason }
broadcast-reopened = ✅ { $centre } — знову працює.
closure-close = ⛔ Позначити як зачинений
closure-reopen = ✅ Центр знову працює
closure-ask-reason = { $centre }: чому центр зачинено? Наприклад: немає світла. Люди побачать це в картці центру.
closure-bad-reason = Напишіть причину до { $max } символів.
closure-ask-until = До якого часу? Напишіть дату й час за київським часом, наприклад { $example }.
closure-done = Готово: у картці й у результатах пошуку центр позначено як зачинений до { $date } { $time }. Підписники отримають повідомлення.
closure-reopened = Готово: центр знову показано відкритим.
closure-not-closed = Центр не був позначений зачиненим.

## «Тут помилка»
card-report = ✏️ Повідомити про помилку
report-ask-topic = { $centre }: що не так у картці?
report-topic-address = 📍 Адреса
report-topic-phone = 📞 Номер телефону
report-topic-hours = 🕘 Графік роботи
report-topic-closed = ⛔ Центр зачинено
report-topic-other = ✏️ Інше
report-ask-details = Якщо можете, напишіть, як правильно (наприклад, новий номер телефону). Ваше ім’я й обліковий запис не зберігаються.
report-send-without = 📨 Надіслати без пояснення
report-bad-details = Напишіть не довше за { $max } символів або надішліть без пояснення.
report-thanks = Дякую! Координатор центру це перевірить. А поки що, якщо можете, зателефонуйте до центру, перш ніж іти.
report-to-coordinator = ✏️ Хтось повідомив про помилку в картці «{ $centre }»: { $topic }. Якщо все правильно, натисніть «Усе правильно» — це оновить дату перевірки.
centre-edited = ✏️ У картці «{ $centre }» змінено: { $field }. Це зробив інший координатор центру; картка вже оновлена — перевірте, чи все правильно.
centre-field = { $field ->
    [location] місце на мапі
    [address_uk] адреса українською
    [address_en] адреса англійською
    [phone] телефони
    [email] електронна пошта
    [website] сайт
    [opening_hours] графік роботи
   *[other] дані центру
}
report-details = Пояснення: { $details }
report-handled = ✅ Опрацьовано
report-confirmed = ✔️ Усе правильно
report-resolved = Готово: повідомлення закрито.
report-not-open = Це повідомлення вже закрито або воно не про ваш центр.
broadcast-too-late = Обраний час уже минув. Нічого не надіслано; напишіть повідомлення ще раз і оберіть пізніший час.
report-thanks-no-coordinator = Дякую, це записано. Координатора цього центру ще немає в боті, тож, якщо можете, зателефонуйте до центру, перш ніж іти.
## Wellbeing check-in (WHO-5; the Ukrainian wording is the project's own, unofficial translation)
menu-checkin = 🌱 Як я почуваюся?
checkin-intro = Це п’ять запитань Індексу благополуччя ВООЗ (WHO-5) про останні два тижні. Вони допомагають помітити, як ви почуваєтеся, і підказують, куди можна звернутися. Це не тест і не діагноз. Це анонімно й займе хвилину.
checkin-stored = Що зберігається: лише п’ять ваших відповідей, день (без часу), мова, месенджер і — якщо захочете — регіон. Їх використовують лише для загальної анонімної статистики.
checkin-not-stored = Що не зберігається: ваш ідентифікатор у месенджері, ім’я, телефон, точний час, місцезнаходження. Тож ніхто, навіть бот, не зможе пов’язати ваші відповіді з вами.
checkin-stop-any-time = Можна зупинитися будь-коли — тоді нічого не буде збережено.
checkin-begin = ▶️ Почати
checkin-translation-note = Українське формулювання запитань — власний переклад проєкту, а не офіційний переклад ВООЗ.
checkin-progress = Запитання { $number } з { $total }
checkin-over-two-weeks = Як часто за останні два тижні:
checkin-item-cheerful = ви почувалися життєрадісно, у доброму настрої?
checkin-item-calm = ви почувалися спокійно й розслаблено?
checkin-item-active = ви почувалися активно й енергійно?
checkin-item-rested = ви прокидалися з відчуттям, що добре відпочили й набралися сил?
checkin-item-interested = ваше повсякденне життя було сповнене того, що вас цікавить?
checkin-answer-5 = Увесь час
checkin-answer-4 = Більшу частину часу
checkin-answer-3 = Більше ніж половину часу
checkin-answer-2 = Менше ніж половину часу
checkin-answer-1 = Іноді
checkin-answer-0 = Жодного разу
checkin-stop = ⏹ Вийти без збереження
checkin-stopped = Зупинилися. Нічого не збережено.
checkin-oblast-question = Останнє запитання, за бажанням: у якому регіоні ви зараз? Це допоможе зрозуміти, де підтримка потрібна найбільше. Зберігаю лише регіон.
checkin-oblast-skip = Не вказувати
checkin-oblast-choice = { $oblast }
checkin-already-over = Ця перевірка вже завершена або зупинена. Щоб пройти її знову, натисніть «Пройти ще раз».
checkin-again = 🌱 Пройти ще раз
checkin-score = Ваш результат: { $score } зі 100.
checkin-result-good = Схоже, останні два тижні у вас було чимало добрих днів. Бережіть те, що вам у цьому допомагає.
checkin-result-low = Схоже, останнім часом вам буває непросто. Про це варто з кимось поговорити: у центрі життєстійкості вас вислухають і підтримають — безоплатно, без направлення й без попереднього запису.
checkin-result-very-low = Схоже, зараз вам дуже важко. Не залишайтеся з цим наодинці — поговоріть із кимось уже сьогодні.
checkin-crisis-call = Зателефонуйте вже зараз — це безоплатно, вас вислухають і підтримають:
checkin-suggest-centre = Поговорити з фахівцем особисто можна в найближчому центрі життєстійкості — натисніть кнопку нижче або надішліть місцезнаходження.
checkin-not-a-diagnosis = Це не діагноз — лише спосіб помітити, як ви почуваєтеся.
checkin-change-noticeable = Різниця в 10 балів і більше між перевірками — це відчутна зміна.
checkin-emergency = Якщо є загроза життю — телефонуйте { $numbers }.
list-or = { $init } або { $last }
checkin-find-centre = 📍 Знайти найближчий центр
checkin-remind = ⏰ Нагадати через два тижні
checkin-reminder-set = Нагадаю { $date } удень. Для цього я збережу лише, кому й коли нагадати: з цього запису видно, що ви проходили перевірку, але не видно ваших відповідей. Після нагадування запис видаляється.
checkin-reminder-cancel = Скасувати нагадування
checkin-reminder-cancelled = Нагадування скасовано.
checkin-reminder-none = Нагадування не було — нічого скасовувати.
checkin-reminder-notice = Два тижні тому ви просили нагадати про коротку перевірку самопочуття. Пройти її зараз? Це анонімно й займе хвилину.
checkin-not-now = Не зараз

## Forgetting a person
about-forget = Видалити все, що бот знає про вас, можна будь-коли: команда /forget або кнопка «Забути мене» нижче. Анонімні перевірки самопочуття ніяк не пов’язані з вами, тому залишаються в статистиці.
menu-forget = 🗑 Забути мене
forget-what = Буде видалено все, що бот знає про вас: мову, крок розмови, записи до груп разом з ім’ям і телефоном, якщо ви їх залишали (ваші місця перейдуть до людей у черзі), підписки на новини центрів, нагадування й роль координатора, якщо вона є. Відновити це буде неможливо.
forget-checkins-stay = Анонімні перевірки самопочуття ніяк не пов’язані з вами, тому залишаються в загальній статистиці.
forget-confirm = 🗑 Так, видалити все
forget-done = Готово: усе, що бот знав про вас, видалено.
forget-done-signups = { $count ->
        [one] Звільнено { $count } місце в групі чи черзі.
        [few] Звільнено { $count } місця в групах чи чергах.
        [many] Звільнено { $count } місць у групах чи чергах.
       *[other] Звільнено { $count } місця в групах чи чергах.
    }
forget-done-subscriptions = { $count ->
        [one] Скасовано { $count } підписку.
        [few] Скасовано { $count } підписки.
        [many] Скасовано { $count } підписок.
       *[other] Скасовано { $count } підписки.
    }
forget-afresh = Якщо напишете знову, почнемо з чистого аркуша.

## Check-in statistics (coordinators)
coord-stats = 📊 Статистика самопочуття
stats-title = Анонімні перевірки самопочуття (WHO-5) за { $weeks ->
        [1] останній завершений тиждень
        [one] останній { $weeks } завершений тиждень
        [few] останні { $weeks } завершені тижні
       *[other] останні { $weeks } завершених тижнів
    }: кількість, середній бал (0–100) і частка результатів ≤ 50. Поточний тиждень з’явиться, щойно завершиться.
stats-suppressed = Тижні й регіони, де менше ніж { $min } перевірок, приховано, щоб нікого не можна було впізнати.
stats-area = { $area }
stats-all-ukraine = Уся Україна
stats-oblast = { $oblast }
stats-week = тиждень з { $week }: { $count } { $count ->
        [one] перевірка
        [few] перевірки
        [many] перевірок
       *[other] перевірки
    }, середній бал { $mean }, ≤ 50 — { $low } %
stats-week-hidden = тиждень з { $week }: менше ніж { $min } перевірок
stats-chart-title = Середній бал WHO-5 за тижнями
stats-weekly = 📊 Щотижневий підсумок анонімних перевірок самопочуття для координаторів.

## Open data (HSDS and GeoJSON published by the API and `export`)
opendata-publisher-description = Веде довідник Центрів життєстійкості, з яким працює чат-бот, і публікує його як відкриті дані.
opendata-service-description = Безоплатна психосоціальна підтримка в Центрі життєстійкості, без попереднього запису.
opendata-service-offers = Послуги: { $services }.
opendata-sample = ⚠️ Зразкові дані: запис показує, як працює бот, і не є офіційним списком центрів. Не направляйте людей за ним, не перевіривши адресу й графік роботи телефоном.
opendata-closed = Тимчасово зачинено до { $date } { $time }: { $reason }
opendata-relocated = Переміщений центр: обслуговує громаду «{ $hromada }», а працює зараз за адресою, вказаною в його розташуванні.
opendata-address = Адреса: { $address }
opendata-hromada = Громада: { $hromada }
opendata-schedule-row = { $days }: { $from }–{ $to }
opendata-schedule-local-time = Час київський (UTC+{ $offset } до { $until }).
opendata-schedule-local-time-always = Час київський (UTC+{ $offset }).
opendata-schedule-exceptions = Розклад має винятки (державні свята, окремі дати), яких не передати щотижневим повторенням. Повні правила у форматі OpenStreetMap opening_hours: { $rules }
opendata-language-uk = українська
opendata-notice-sample = ⚠️ Це зразковий довідник: він показує, як працює бот, і не є офіційним списком центрів. Записи зі зразкового довідника позначено атрибутом «sample-data».
opendata-notice-real = Довідник, з яким працює бот. Кожен запис має дату останньої перевірки (assured_date).
opendata-attribution-geonames = Координати центрів, розміщених за населеним пунктом або громадою, походять з GeoNames (geonames.org), ліцензія CC BY 4.0.
## The operator desk (/desk)
operator-desk-link = Посилання для входу до пульта: { $url }
operator-desk-link-once = Воно діє один раз і лише 10 хвилин. Нікому його не пересилайте.
operator-desk-not-allowed = Пульт — для адміністраторів бота й координаторів центрів. Якщо ви координуєте центр, попросіть адміністратора бота додати вас.
operator-desk-off = Пульт на цьому сервері вимкнено.
