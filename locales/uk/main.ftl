# Ukrainian texts (the default language). Ids are prefixed by screen.

## Welcome and menu
welcome-greeting = Вітаю! Я допоможу знайти найближчий Центр життєстійкості — місце, де психологи й соціальні працівники безоплатно підтримають вас, без направлення і без запису.
welcome-privacy = Я зберігаю лише ваш ідентифікатор у месенджері, мову розмови й крок, на якому ви зупинилися. Місцезнаходження використовую тільки для пошуку, тексти повідомлень не зберігаю. Детальніше — у розділі «Про бота і приватність».
menu-title = Чим я можу допомогти?
menu-find = 📍 Знайти центр
menu-help-now = 🆘 Мені потрібна допомога зараз
menu-language = 🌐 Мова / Language
menu-about = ℹ️ Про бота і приватність
menu-back = ↩️ Головне меню
help-text =
    Надішліть своє місцезнаходження або напишіть назву міста, селища, села чи громади — я покажу найближчі Центри життєстійкості з адресою, телефоном і графіком роботи.
    Команди: /start — почати спочатку, /help — ця підказка, /checkin — анонімна перевірка самопочуття, /language — змінити мову, /privacy — про приватність, /forget — видалити все, що бот знає про вас.

## Language
language-choose = Оберіть мову / Choose your language
language-uk = Українська
language-en = English
language-changed = Готово, далі розмовляємо українською.

## About and privacy
about-what = Цей бот допомагає знайти Центри життєстійкості — простори безоплатної психосоціальної підтримки в громадах по всій Україні. Бот не консультує і не ставить діагнозів: він підказує, до кого звернутися.
about-privacy = Приватність: я зберігаю ваш ідентифікатор у месенджері, обрану мову й поточний крок розмови — зокрема точку останнього пошуку, доки ви не почнете новий пошук або не повернетеся в меню. Тексти повідомлень я не зберігаю і не записую в журнали.
about-data = Дані: населені пункти — з Кодифікатора адміністративно-територіальних одиниць (КАТОТТГ) і з { $geonames } за ліцензією CC BY 4.0. Перш ніж іти до центру, уточніть адресу й години роботи телефоном.

## Finding a centre
find-ask-place = Надішліть своє місцезнаходження або напишіть назву населеного пункту чи громади, наприклад «Бровари».
find-bad-location = Не вдалося прочитати ці координати. Надішліть місцезнаходження ще раз або напишіть назву населеного пункту.
find-results-near-you = Найближчі до вас центри:
find-results-near-place = Найближчі центри до населеного пункту { $place } ({ $oblast }):
find-results-near-hromada = Найближчі центри — { $place } громада ({ $oblast }):
find-approximate = Точне розташування цього місця невідоме, тому відстані пораховано від центру громади.
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
find-directory-empty = Довідник центрів поки порожній. Якщо вам потрібна допомога зараз, натисніть «Мені потрібна допомога зараз».
find-sample-note = ⚠️ Це зразкові дані для демонстрації роботи бота, а не офіційний перелік центрів.
find-not-found = Не знайшов населеного пункту «{ $query }».
find-did-you-mean = Можливо, ви мали на увазі:
find-try-again = Спробуйте написати назву інакше або надішліть своє місцезнаходження.
find-which-oblast = Знайшов { $count } { $count ->
        [one] населений пункт
        [few] населені пункти
        [many] населених пунктів
       *[other] населеного пункту
    } з назвою «{ $name }». У якій області?
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
    } з такою самою назвою. Якщо ви мали на увазі інший, допишіть область, наприклад: «{ $name }, { $oblast }».

## Distances
distance-metres = { $metres } м
distance-km = { $km } км

## Centre card
card-title = 🏠 { $name }
card-sample = ⚠️ Зразкові дані: цей запис показує, як працює бот. Перш ніж іти, уточніть адресу й години роботи телефоном.
card-distance = Відстань: { $distance }
card-relocated = Центр переміщено. Громада, яку він обслуговує: { $hromada }. Зараз працює за адресою нижче.
card-relocated-short = Переміщений центр · громада: { $hromada }
card-address = Адреса: { $address }
card-address-unknown = Адресу уточнюйте за телефоном.
card-hromada = Громада: { $hromada }
card-phones = Телефон: { $phones }
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
hours-interval = { $from }–{ $to }
hours-open-always = Зараз відчинено, працює цілодобово.
hours-open-until = Зараз відчинено, зачиняється { $time }.
hours-open-until-day = Зараз відчинено, зачиняється { $weekday } { $time }.
hours-closed-opens-today = Зараз зачинено, відчиняється сьогодні { $time }.
hours-closed-opens-tomorrow = Зараз зачинено, відчиняється завтра { $time }.
hours-closed-opens-on = Зараз зачинено, відчиняється { $weekday } { $time }.
hours-closed-opens-date = Зараз зачинено, відчиняється { $date } { $time }.
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
        [fri] в пʼятницю
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
help-intro = Якщо під загрозою ваше життя чи життя іншої людини, телефонуйте 112 або 103. Поговорити з фахівцем можна за цими номерами:
help-line = { $name }: { $numbers }
help-line-with-hours = { $name }: { $numbers } ({ $hours })
help-number = { $number }
help-checked = Номери перевірено { $date }.
help-nearest-known = Поговорити з фахівцем особисто, безоплатно й без запису, можна в найближчому до вас Центрі життєстійкості:
help-find-nearest = Поговорити з фахівцем особисто, безоплатно й без запису, можна в Центрі життєстійкості. Знайти найближчий:

## Errors
error-stale-button = Ця кнопка вже не діє. Ось головне меню.
error-not-understood = Вибачте, я не зрозумів. Напишіть назву населеного пункту або надішліть своє місцезнаходження — і я знайду найближчий центр.
error-unsupported = Вибачте, я розумію лише текст і місцезнаходження. Напишіть назву населеного пункту або надішліть місцезнаходження.
error-try-again = Щось пішло не так з мого боку. Спробуйте, будь ласка, ще раз за хвилину.
outage-try-again = ⏳ Вибачте, у нас зараз технічна перерва, і я не можу виконати цю дію. Спробуйте, будь ласка, ще раз за хвилину. Пошук найближчого центру за місцезнаходженням і телефони допомоги працюють і зараз.
flood-slow-down = ✋ Ви надсилаєте повідомлення дуже швидко, і частину з них я пропустив. Зробіть паузу на кілька секунд — і я знову відповідатиму.

## Terminal channel
console-intro = Розмова з ботом у терміналі. /loc ШИРОТА ДОВГОТА — надіслати місцезнаходження, #N — натиснути кнопку N, Ctrl+D — вийти.
console-location-hint = (Щоб надіслати місцезнаходження, напишіть /loc ШИРОТА ДОВГОТА, наприклад /loc 50.45 30.52)
console-no-button = { $count ->
        [0] Зараз немає кнопок.
       *[other] Немає такої кнопки. Оберіть номер від 1 до { $count }.
    }
console-venue = 📍 { $title }: { $lat }; { $lon }

## Telegram
telegram-share-location = 📍 Надіслати моє місцезнаходження
telegram-or-choose = Або оберіть:
telegram-private-only = Я працюю лише в особистих повідомленнях. Напишіть мені напряму — і я знайду найближчий Центр життєстійкості.
telegram-command-start = Почати спочатку
telegram-command-help = Як користуватися ботом
telegram-command-language = Змінити мову
telegram-command-privacy = Про бота і приватність
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
menu-groups = 👥 Групи підтримки
menu-mine = 📋 Мої записи
card-groups = 👥 Групи в цьому центрі
groups-need-place = Щоб показати групи поруч, спершу знайдіть найближчі центри: надішліть місцезнаходження або напишіть назву населеного пункту.
groups-near-title = Групи в найближчих центрах:
groups-at-centre-title = Групи в центрі «{ $centre }»:
groups-none = Зараз тут немає груп, на які можна записатися.
groups-item = { $number }. { $programme } — { $centre }; початок { $date }, { $sessions } { $sessions ->
        [one] зустріч
        [few] зустрічі
        [many] зустрічей
       *[other] зустрічі
    }; { $seats }
groups-seats = { $left ->
        [0] місць немає, є лист очікування
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
group-full = Усі місця зайнято; можна стати в лист очікування (у ньому зараз { $waiting }).
group-sessions-title = Зустрічі ({ $count }):
group-session = { $number }. { $date } ({ $weekday }), { $from }–{ $to }
group-you-are-in = Ви записані до цієї групи.
group-you-wait = Ви в листі очікування, ваше місце: { $position }.
group-join = ✍️ Записатися
group-join-waitlist = ⏳ Стати в лист очікування
signup-consent = Щоб записати вас, я можу зберегти ваше ім’я і номер телефону — лише для координатора центру, щоб зв’язатися щодо групи. І те, й інше необов’язкове. Скасувати запис можна будь-коли в «Моїх записах».
signup-ask-name = Як до вас звертатися? Напишіть ім’я або натисніть «Пропустити».
signup-bad-name = Ім’я має бути не довше за 60 символів. Напишіть його ще раз або натисніть «Пропустити».
signup-ask-phone = Напишіть номер телефону (наприклад, 067 123 45 67) або натисніть «Пропустити».
signup-bad-phone = Це не схоже на український номер. Напишіть його ще раз, наприклад 067 123 45 67, або натисніть «Пропустити».
signup-skip = ⏭ Пропустити
signup-confirmed = ✅ Вас записано: { $programme }, { $centre }.
signup-waitlisted = Усі місця вже зайнято. Ви в листі очікування, ваше місце: { $position }. Якщо місце звільниться, вас запишуть автоматично і я вам про це напишу.
signup-already-confirmed = Ви вже записані до цієї групи.
signup-already-waiting = Ви вже в листі очікування, ваше місце: { $position }.
signup-closed = На цю групу вже не можна записатися.
mine-title = Ваші записи:
mine-none = У вас немає активних записів.
mine-item-confirmed = { $number }. { $programme } — { $centre }, початок { $date }: ви записані
mine-item-waiting = { $number }. { $programme } — { $centre }, початок { $date }: лист очікування, місце { $position }
mine-cancel = ✖️ Скасувати запис { $number }
leave-done = Запис скасовано.
leave-not-found = Цей запис уже скасовано або його немає.

## Сповіщення: повідомлення, які бот надсилає сам
notice-promoted = 🎉 Звільнилося місце: вас записано на «{ $programme }», { $centre }.
notice-promoted-decline = Якщо ви вже не зможете прийти, натисніть «Відмовитися від місця», і воно перейде до наступної людини в черзі.
notice-decline = 🙅 Відмовитися від місця
decline-done = Ви відмовилися від місця; воно перейде до наступної людини в черзі. Дякую, що попередили.
notice-cancelled = ❗ Групу «{ $programme }» ({ $centre }), яка мала початися { $date }, центр скасував. Нам шкода. Ви можете пошукати іншу групу.
notice-reminder = 🔔 Нагадування: { $when ->
        [today] сьогодні
       *[tomorrow] завтра
    } зустріч групи «{ $programme }» (усього { $count } { $count ->
        [one] зустріч
        [few] зустрічі
        [many] зустрічей
       *[other] зустрічі
    }):
    { $session }
notice-where = Де: { $centre }, { $address }
notice-where-online = Онлайн ({ $centre }): посилання надішле центр.
notice-cant-come = 🙋 Цього разу не зможу
notice-leave = 🚪 Вийти з групи
notice-quiet = 🔕 Більше не нагадувати про цю групу
notice-absent = 🙋 { $who } не зможе прийти на зустріч № { $number } групи «{ $programme }» { $date } { $time }.
notice-absent-someone = Учасник, який не вказав імені,
absence-noted = Дякую, що попередили: координатору передано. До зустрічі наступного разу.
absence-no-coordinator = Дякую. Координатора цього центру ще немає в боті; якщо можете, зателефонуйте до центру й попередьте.
absence-not-found = Цей запис або ця зустріч уже неактивні.
reminders-stopped = Готово: більше не нагадуватиму про цю групу. Якщо щось зміниться, я все одно напишу.

## Координатори
coord-not-coordinator = Це для координаторів центрів. Якщо ви координуєте групи в центрі, попросіть адміністратора бота додати вас.
coord-not-found = Ця група не ваша або вже не працює.
coord-title = 🗂 Групи, які ви координуєте
coord-centre = { $centre }:
coord-none = Зараз груп немає.
coord-item = { $number }. { $programme }, з { $date }: зайнято { $confirmed } з { $capacity } { $capacity ->
        [one] місця
       *[other] місць
    }, в очікуванні { $waiting }
coord-new = ➕ Нова група в центрі «{ $centre }»
coord-back = ⬅️ Групи моїх центрів
coord-back-to-group = ⬅️ Назад до групи
coord-group-title = 🗂 { $programme } — { $centre }
coord-group-seats = Зайнято { $confirmed } з { $capacity } { $capacity ->
        [one] місця
       *[other] місць
    }; в очікуванні { $waiting }.
coord-list = 👥 Список записаних
coord-csv = 📄 Список записаних файлом CSV
coord-capacity = 🔢 Змінити кількість місць
coord-cancel = ❌ Скасувати групу
coord-list-title = Записані на «{ $programme }» (з { $date }), сторінка { $page } з { $pages }:
coord-list-name = { $name }
coord-list-no-name = (ім’я не вказано)
coord-list-confirmed = { $number }. { $name } { $phone } — записано
coord-list-waiting = { $number }. { $name } { $phone } — в очікуванні, місце { $position }
coord-list-empty = Поки що ніхто не записався.
coord-list-previous = ⬅️ Попередня сторінка
coord-list-next = Наступна сторінка ➡️
coord-csv-caption = Записані на «{ $programme }» (з { $date }). У файлі персональні дані: зберігайте його надійно й видаліть, коли група завершиться.
coord-csv-number = №
coord-csv-status = Статус
coord-csv-place = Місце в черзі
coord-csv-name = Ім’я
coord-csv-phone = Телефон
coord-csv-time = Запис (за київським часом)
coord-csv-confirmed = записано
coord-csv-waiting = в очікуванні
coord-ask-capacity = Скільки місць має бути в групі? Напишіть число від 1 до 200. Зараз: { $capacity }, із них зайнято: { $confirmed }.
coord-bad-capacity = Напишіть ціле число від 1 до 200.
coord-capacity-below = Уже записано { $confirmed }, тож у групі має бути щонайменше { $confirmed } { $confirmed ->
        [one] місце
        [few] місця
       *[other] місць
    }: ніхто не втрачає місця без попередження. Напишіть інше число.
coord-capacity-done = Готово: тепер у групі { $capacity } { $capacity ->
        [one] місце
        [few] місця
       *[other] місць
    }. { $promoted ->
        [0] З листа очікування ніхто не перейшов.
        [one] { $promoted } людина перейшла з листа очікування, їй повідомляємо.
        [few] { $promoted } людини перейшли з листа очікування, їм повідомляємо.
       *[other] { $promoted } людей перейшло з листа очікування, їм повідомляємо.
    }
coord-cancel-confirm = Скасувати «{ $programme }», що починається { $date }? { $people ->
        [0] Поки що ніхто не записався.
        [one] Повідомимо { $people } людину, яка записалася або чекає.
        [few] Повідомимо { $people } людей, які записалися або чекають.
       *[other] Повідомимо { $people } людей, які записалися або чекають.
    } Це не можна скасувати.
coord-cancel-yes = Так, скасувати групу
coord-cancel-no = Ні, залишити
coord-cancelled = Групу скасовано. { $told ->
        [0] Ніхто не був записаний.
        [one] Повідомляємо { $told } людину.
        [few] Повідомляємо { $told } людей.
       *[other] Повідомляємо { $told } людей.
    }
draft-ask-programme = Нова група в центрі «{ $centre }». Яка програма?
draft-programme = { $title }
draft-ask-first = Коли перша зустріч? Напишіть дату й час за Києвом, наприклад { $example }.
draft-bad-date = Не вдалося прочитати дату й час.
draft-past-date = Цей час уже минув.
draft-far-date = Це більш ніж за рік.
draft-no-such-time = Через перехід на літній чи зимовий час такого часу в Києві немає або він буває двічі. Оберіть інший час.
draft-ask-sessions = Скільки зустрічей, раз на тиждень у той самий час? Напишіть число від 1 до 52.
draft-bad-sessions = Напишіть ціле число від 1 до 52.
draft-ask-minutes = Скільки хвилин триває одна зустріч? Наприклад, 90 або 120.
draft-bad-minutes = Напишіть кількість хвилин від 15 до 480.
draft-ask-capacity = Скільки місць? Напишіть число від 1 до 200.
draft-ask-language = Якою мовою проходитиме група?
draft-ask-format = Очно чи онлайн?
draft-in-person = 🏠 Очно
draft-online = 💻 Онлайн
draft-preview-title = Перевірте нову групу, перш ніж відкрити запис:
draft-preview-programme = Програма: { $programme }
draft-preview-seats = Місць: { $capacity }
draft-create = ✅ Відкрити запис
draft-start-over = 🔁 Почати знову
draft-created = Групу відкрито: люди бачать її в «Групах» цього центру й поруч.
draft-open-new = 🗂 Відкрити нову групу
draft-exists = Саме в цю мить створено іншу групу. Натисніть «Відкрити запис» ще раз.

## Новини центру
card-subscribe = 🔔 Отримувати новини центру
subscribe-done = Готово: ви отримуватимете новини центру «{ $centre }» — розклад, зміни, закриття. Відписатися можна будь-коли кнопкою «Відписатися» або командою /stop.
subscribe-already = Ви вже отримуєте новини центру «{ $centre }».
subscribe-stop = 🔕 Відписатися
unsubscribe-done = Ви більше не отримуватимете новин центру «{ $centre }».
unsubscribe-all = { $count ->
        [0] Ви не були підписані на новини жодного центру.
        [one] Готово: ви більше не отримуватимете новин { $count } центру.
       *[other] Готово: ви більше не отримуватимете новин { $count } центрів.
    }

## Запрошення координаторів
invite-accepted = Вітаємо! Тепер ви координуєте «{ $centre }». Надішліть /coordinate, щоб керувати групами й повідомленнями центру.
invite-open = 🗂 Групи мого центру
invite-expired = Термін дії цього запрошення минув. Попросіть в адміністратора бота нове.
invite-used = Це запрошення вже використано. Попросіть в адміністратора бота нове.
invite-unknown = Я не знаю такого коду запрошення. Перевірте його або попросіть в адміністратора бота нове.

## Повідомлення підписникам центру
coord-subscribers = Підписників на новини: { $count }
coord-broadcast = 📣 Повідомлення підписникам «{ $centre }»
broadcast-list = 🗓 Повідомлення цього центру
broadcast-new = ✍️ Нове повідомлення підписникам
broadcast-ask = Напишіть повідомлення для { $subscribers } { $subscribers ->
        [one] підписника
       *[other] підписників
    } «{ $centre }» або натисніть «Розклад на тиждень». Перед надсиланням ви його побачите.
broadcast-schedule = 📅 Розклад на тиждень
broadcast-bad-length = У повідомленні має бути текст, не довший за { $max } символів. Напишіть його ще раз.
broadcast-ask-time = Коли надіслати? Напишіть дату й час за Києвом, наприклад { $example }.
broadcast-preview-title = Попередній перегляд — так його побачать підписники:
broadcast-preview-now = Повідомлення піде зараз { $subscribers } { $subscribers ->
        [one] підписнику
       *[other] підписникам
    }.
broadcast-preview-at = Повідомлення піде { $date } { $time } тим, хто тоді буде підписаний (зараз їх { $subscribers }).
broadcast-send-now = 📣 Надіслати зараз
broadcast-confirm-schedule = ✅ Запланувати
broadcast-later = 🗓 Надіслати пізніше
broadcast-from = 📣 { $centre }:
broadcast-body = { $text }
broadcast-schedule-title = 📅 Цього тижня в «{ $centre }»:
broadcast-schedule-item = { $programme }: { $session }
broadcast-schedule-none = Цього тижня зустрічей груп немає.
broadcast-list-title = Повідомлення «{ $centre }»:
broadcast-list-none = Повідомлень ще не було.
broadcast-kind-schedule = розклад на тиждень
broadcast-kind-message = повідомлення
broadcast-list-item = №{ $number }, { $what }, { $date } { $time }: { $status ->
        [scheduled] заплановано
        [sending] надсилається
        [cancelled] скасовано
       *[done] надіслано
    } — доставлено { $sent }, заблокували бота { $blocked }, не вдалося { $failed }, в черзі { $pending }
broadcast-cancel = ✖️ Скасувати повідомлення №{ $number }
broadcast-sending = 📣 Надсилаю. Стежити можна в «Повідомленнях цього центру», а коли закінчу — я напишу.
broadcast-scheduled = 🗓 Заплановано на { $date } { $time }. До того часу його можна скасувати в «Повідомленнях цього центру».
broadcast-cancelled = Повідомлення скасовано; ніхто його не отримав.
broadcast-not-cancelled = Це повідомлення не можна скасувати: воно вже пішло або не ваше.
broadcast-report = 📣 Ваше повідомлення підписникам «{ $centre }» надіслано: доставлено { $sent }, заблокували бота { $blocked }, не вдалося { $failed }.

## Тимчасове закриття
card-closed = ⛔ Тимчасово зачинено до { $date } { $time }: { $reason }
card-closed-short = ⛔ Тимчасово зачинено до { $date } { $time }
broadcast-closed = ⛔ «{ $centre }» тимчасово зачинено до { $date } { $time }: { $reason }
broadcast-reopened = ✅ «{ $centre }» знову працює.
closure-close = ⛔ Позначити, що центр тимчасово зачинено
closure-reopen = ✅ Центр знову працює
closure-ask-reason = Чому «{ $centre }» зачинено? Наприклад: немає світла. Люди побачать це в картці центру.
closure-bad-reason = Напишіть причину до { $max } символів.
closure-ask-until = До коли? Напишіть дату й час за Києвом, наприклад { $example }.
closure-done = Готово: у картці й у пошуку найближчих центр показано зачиненим до { $date } { $time }, а підписникам повідомляємо.
closure-reopened = Готово: центр знову показано відкритим.
closure-not-closed = Центр не був позначений зачиненим.

## «Тут помилка»
card-report = ✏️ Тут щось не так
report-ask-topic = Що не так у картці «{ $centre }»?
report-topic-address = 📍 Адреса
report-topic-phone = 📞 Номер телефону
report-topic-hours = 🕘 Години роботи
report-topic-closed = ⛔ Центр зачинено
report-topic-other = ✏️ Інше
report-ask-details = Якщо можете, напишіть, як правильно (наприклад, новий номер телефону). Ваше ім’я й обліковий запис не зберігаються.
report-send-without = 📨 Надіслати без пояснення
report-bad-details = Напишіть не довше за { $max } символів або надішліть без пояснення.
report-thanks = Дякуємо! Координатор центру це перевірить. А поки що, якщо можете, зателефонуйте до центру, перш ніж іти.
report-to-coordinator = ✏️ Повідомляють, що в картці «{ $centre }» помилка: { $topic }
report-details = Пояснення: { $details }
report-handled = ✅ Опрацьовано
report-confirmed = ✔️ У картці все правильно (оновити дату перевірки)
report-resolved = Готово: повідомлення закрито.
report-not-open = Це повідомлення вже закрито або воно не про ваш центр.
broadcast-too-late = Обраний час уже минув. Нічого не надіслано; напишіть повідомлення ще раз і оберіть пізніший час.
report-thanks-no-coordinator = Дякуємо, це записано. Координатора цього центру ще немає в боті, тож, якщо можете, зателефонуйте до центру, перш ніж іти.

## Wellbeing check-in (WHO-5; the Ukrainian wording is the project's own translation)
menu-checkin = 🌱 Як я почуваюся: коротка анонімна перевірка
checkin-intro = Це п’ять запитань Індексу благополуччя ВООЗ (WHO-5) про останні два тижні. Вони допомагають помітити, як ви почуваєтеся, і підказують наступний крок. Це не тест і не діагноз.
checkin-stored = Що зберігається: лише п’ять ваших відповідей, день (без часу), мова, месенджер і — якщо захочете — область. Ці дані йдуть тільки в загальну анонімну статистику.
checkin-not-stored = Що не зберігається: ваш ідентифікатор у месенджері, ім’я, телефон, точний час, місцезнаходження. У відповідях немає нічого, що вказувало б на вас, тож бот не може показати їх як ваші.
checkin-stop-any-time = Можна зупинитися будь-коли — тоді нічого не буде збережено.
checkin-begin = ▶️ Почати
checkin-progress = Запитання { $number } з { $total }
checkin-over-two-weeks = Як часто протягом останніх двох тижнів:
checkin-item-cheerful = ви почувалися бадьоро, у гарному настрої?
checkin-item-calm = ви почувалися спокійно й розслаблено?
checkin-item-active = ви почувалися активно й енергійно?
checkin-item-rested = ви прокидалися з відчуттям свіжості й відпочинку?
checkin-item-interested = ваше повсякденне життя було сповнене того, що вас цікавить?
checkin-answer-5 = Увесь час
checkin-answer-4 = Більшу частину часу
checkin-answer-3 = Більше ніж половину часу
checkin-answer-2 = Менше ніж половину часу
checkin-answer-1 = Іноді
checkin-answer-0 = Жодного разу
checkin-stop = ⏹ Зупинитися (нічого не зберігати)
checkin-stopped = Зупинилися. Нічого не збережено.
checkin-oblast-question = Останнє, необов’язково: чи поділитеся областю, де ви зараз? Це допоможе побачити, де підтримка потрібна найбільше. Зберігається лише область.
checkin-oblast-skip = Не ділитися областю
checkin-oblast-choice = { $oblast }
checkin-already-over = Ця перевірка вже завершилася або ви її зупинили, тож цього разу нічого не збережено.
checkin-again = 🌱 Пройти ще раз
checkin-score = Ваш результат: { $score } зі 100.
checkin-result-good = Схоже, останні два тижні у вас було чимало добрих днів. Бережіть те, що вам у цьому допомагає.
checkin-result-low = Схоже, останні два тижні були для вас непростими. Про таке варто поговорити з кимось: у Центрі життєстійкості вас вислухають і підтримають — безоплатно, без направлення й без запису.
checkin-result-very-low = Схоже, зараз вам дуже важко. Ви не мусите проходити через це на самоті — поговоріть із кимось уже сьогодні.
checkin-crisis-call = Зателефонуйте просто зараз — там вислухають і підтримають:
checkin-suggest-centre = Поговорити з фахівцем особисто можна в найближчому Центрі життєстійкості:
checkin-not-a-diagnosis = Це не діагноз — лише спосіб помітити, як ви почуваєтеся. Зміна на 10 балів між перевірками вже помітна.
checkin-find-centre = 📍 Знайти найближчий центр
checkin-remind = ⏰ Нагадати через два тижні
checkin-reminder-set = Нагадаю { $date } — удень, не вночі. Для нагадування зберігається лише, кому й коли нагадати: з нього видно, що ви проходили перевірку, але не ваші відповіді. Після нагадування цей запис зникає.
checkin-reminder-cancel = Скасувати нагадування
checkin-reminder-cancelled = Нагадування скасовано.
checkin-reminder-none = Нагадування не було — нічого скасовувати.
checkin-reminder-notice = Два тижні тому ви просили нагадати про коротку перевірку самопочуття. Пройти її зараз? Це анонімно і займе хвилину.
checkin-not-now = Не зараз

## Forgetting a person
about-forget = Стерти все, що бот знає про вас, можна будь-коли: команда /forget або кнопка нижче. Анонімні перевірки самопочуття ніяк не пов’язані з вами, тому залишаються в статистиці.
menu-forget = 🗑 Забути мене
forget-what = Буде видалено все, що бот знає про вас: мову, крок розмови, записи до груп (ваші місця віддадуть людям у черзі), підписки на новини центрів, нагадування і роль координатора, якщо вона є. Скасувати це не можна.
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
coord-stats = 📊 Статистика перевірок самопочуття
stats-title = Анонімні перевірки самопочуття (WHO-5) за { $weeks ->
        [one] останній завершений тиждень
        [few] останні { $weeks } завершені тижні
       *[other] останні { $weeks } завершених тижнів
    }: кількість, середній бал (0–100) і частка результатів ≤ 50. Поточний тиждень з’явиться, щойно завершиться.
stats-suppressed = Клітинки, де менше ніж { $min } перевірок, приховано, щоб нікого не можна було впізнати.
stats-area = { $area }
stats-all-ukraine = Уся Україна
stats-oblast = { $oblast }
stats-week = тиждень з { $week }: { $count } { $count ->
        [one] перевірка
        [few] перевірки
        [many] перевірок
       *[other] перевірки
    }, середній бал { $mean }, ≤ 50 — { $low } %
stats-week-hidden = тиждень з { $week }: менше ніж { $min } перевірок
stats-chart-title = Середній бал WHO-5 за тижнями
stats-weekly = 📊 Щотижневий підсумок анонімних перевірок самопочуття для координаторів.

## Open data (HSDS and GeoJSON published by the API and `export`)
opendata-publisher-description = Веде довідник Центрів життєстійкості, з яким працює чат-бот, і публікує його як відкриті дані.
opendata-service-description = Безоплатна психосоціальна підтримка в Центрі життєстійкості, без попереднього запису.
opendata-service-offers = Послуги: { $services }.
opendata-sample = ⚠️ Зразкові дані: запис показує, як працює бот, і не є офіційним списком центрів. Не направляйте людей за ним, не перевіривши адресу й години роботи телефоном.
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
