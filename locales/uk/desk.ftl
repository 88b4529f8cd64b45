# Ukrainian texts of the operator desk (the web pages), the default language.
# Same glossary as main.ftl: центр життєстійкості, громада, область, координатор,
# адміністратор бота (operator), графік роботи. Apostrophe: ’ (U+2019).

desk-title = Пульт центрів життєстійкості
desk-nav-overview = Огляд
desk-nav-centres = Центри
desk-nav-audit = Журнал змін
desk-sign-out = Вийти
desk-language-other = English
desk-role-operator = адміністратор бота
desk-role-coordinator = координатор
desk-sample = зразок, не справжні дані

## Signing in
desk-sign-in-title = Вхід до пульта
desk-sign-in-explain = Посилання діє один раз і лише 10 хвилин.
desk-sign-in-button = Увійти
desk-sign-in-refused = Це посилання не працює: воно вже використане, застаріло або неправильне. Надішліть боту /desk, щоб отримати нове.
desk-sign-in-needed = Щоб увійти, надішліть боту команду /desk і відкрийте посилання з відповіді.
desk-too-many = Забагато невдалих спроб. Спробуйте знову за кілька хвилин.
desk-signed-out = Ви вийшли з пульта. Щоб увійти знову, надішліть боту /desk.

## Errors
desk-forbidden = Ця сторінка вам недоступна.
desk-form-not-utf8 = Форма надійшла з пошкодженими символами, тож нічого не змінено. Спробуйте ще раз.
desk-not-found = Такої сторінки немає.
desk-bad-address = Ця адреса сторінки неправильна: мабуть, її змінили вручну. Поверніться й скористайтеся посиланнями на сторінці.
desk-error = Щось пішло не так. Спробуйте ще раз за хвилину.
desk-csrf = Форма застаріла. Оновіть сторінку й спробуйте ще раз.

## Overview
desk-overview-title = Огляд
desk-count-all = Усі центри
desk-count-closed-now = Зачинені зараз
desk-count-temporarily-closed = Тимчасово зачинені
desk-count-stale = Не перевірені понад 90 днів
desk-count-approximate = Приблизне розташування
desk-count-no-coordinator = Без координатора
desk-count-open-reports = З відкритими повідомленнями про помилки

## Centres list
desk-centres-title = Центри
desk-filter-oblast = Область
desk-filter-any = усі
desk-filter-flag = Показати
desk-search = Назва або громада
desk-filter-apply = Знайти
desk-col-name = Назва
desk-col-oblast = Область
desk-col-hromada = Громада
desk-col-verified = Перевірено
desk-sort-oldest = Спершу давно перевірені
desk-sort-newest = Спершу нещодавно перевірені
desk-page = Сторінка { $page } з { $pages }
desk-page-prev = ← Попередня
desk-page-next = Наступна →
desk-centres-none = Нічого не знайдено.

## A centre
desk-centre-address = Адреса
desk-centre-phones = Телефони
desk-centre-hours = Графік роботи
desk-centre-verified = Перевірено
desk-centre-not-given = не вказано
desk-centre-coordinators = Координатори: { $count }
desk-centre-subscribers = Підписники: { $count }
desk-centre-history = Історія змін
desk-centre-history-none = Змін ще не було.
desk-history-when = Коли (за київським часом)
desk-history-field = Що змінено
desk-history-source = Джерело
desk-history-old = Було
desk-history-new = Стало
desk-history-source-name = { $source ->
    [import] імпорт списку
   *[other] вручну (у боті чи в пульті)
}
desk-field = { $field ->
    [name_uk] Назва українською
    [name_en] Назва англійською
    [location] Місце на мапі
    [oblast] Область
    [hromada] Громада
    [settlement] Населений пункт
    [address_uk] Адреса українською
    [address_en] Адреса англійською
    [phone] Телефони
    [email] Електронна пошта
    [website] Сайт
    [opening_hours] Графік роботи
    [services] Послуги
    [notes] Примітки
    [serves_hromada] Обслуговує громаду
    [sample] Зразок (не справжній центр)
    [verified_on] Дата перевірки
   *[other] { $field }
}

## Audit log
desk-audit-title = Журнал змін
desk-audit-when = Коли (за київським часом)
desk-audit-who = Хто
desk-audit-what = Що
desk-audit-old = Було
desk-audit-new = Стало
desk-audit-none = Змін через пульт ще не було.
# Who acted, before their id on that channel.
desk-channel = { $channel ->
    [telegram] Telegram
    [viber] Viber
   *[console] термінал
}
desk-action = { $action ->
    [sign-in] Вхід у пульт
    [sign-out] Вихід із пульта
    [edit-centre] Зміна даних центру
    [import] Імпорт списку центрів
    [close-report] Закриття повідомлення про помилку
    [invite-coordinator] Запрошення координатора
    [revoke-coordinator] Відкликання координатора
    [create-group] Створення групи
    [set-capacity] Зміна кількості місць
    [cancel-group] Скасування групи
    [send-message] Розсилка підписникам
    [cancel-message] Скасування розсилки
    [view-signups] Перегляд списку записаних
    [download-signups] Завантаження списку записаних (CSV)
   *[other] { $action }
}

## Editing a centre
desk-edit-title = Змінити дані центру
desk-edit-save = Зберегти
desk-edit-refused = Значення не прийнято: { $reason }
desk-edit-no-such-field = Такого поля у формі немає: змініть значення через форми цієї сторінки.
desk-latitude = Широта
desk-longitude = Довгота

## Export
desk-export-csv = Завантажити центри (CSV)

## Import
desk-nav-import = Імпорт
desk-import-title = Імпорт центрів із файлу
desk-import-file = Файл (CSV або XLSX)
desk-import-check = Перевірити
desk-import-apply = Застосувати ці зміни
desk-import-would = імпорт зробив би (нові / змінені / без змін / вилучені):
desk-import-done = імпортовано (нові / змінені / без змін / вилучені):
desk-import-refused = Файл не прийнято, нічого не змінено:
desk-import-added = Нові центри
desk-import-changed = Зміни по полях
desk-import-kept = Зміни координаторів, які залишаться
desk-import-approximate = Розташовані приблизно (у центрі населеного пункту чи громади)
desk-import-not-understood = Графіки, яких не вдалося зрозуміти
desk-import-expired = Цей файл уже застосовано або він застарів. Завантажте його ще раз.

## Hours preview
desk-hours-preview = Попередній перегляд:
desk-hours-preview-button = Переглянути тиждень
desk-hours-open-now = Зараз відчинено.
desk-hours-closed-now = Зараз зачинено.
desk-hours-closed = зачинено
desk-hours-not-understood = Цей графік не вдалося зрозуміти.
desk-day-mo = Пн
desk-day-tu = Вт
desk-day-we = Ср
desk-day-th = Чт
desk-day-fr = Пт
desk-day-sa = Сб
desk-day-su = Нд

## Reports inbox
desk-nav-reports = Помилки в картках
desk-reports-title = Повідомлення про помилки в картках
desk-reports-intro = Усе, що люди позначили в картках як «тут помилка». Хто надіслав, не показується ніколи.
desk-reports-centre = Центр
desk-reports-topic = Що не так
desk-reports-status = Стан
desk-reports-open = відкриті
desk-reports-closed = закриті
desk-reports-all = усі
desk-reports-uncoordinated = лише центри без координатора в боті
desk-reports-none = Таких повідомлень немає.
desk-reports-when = Коли
desk-reports-details = Що написали
desk-reports-nobody = немає координатора в боті
desk-reports-open-one = відкрите
desk-reports-closed-on = закрите
desk-reports-fixed = картку виправлено
desk-reports-fix = Виправити картку
desk-reports-close = Закрити
desk-report-topic-address = Адреса
desk-report-topic-phone = Номер телефону
desk-report-topic-hours = Графік роботи
desk-report-topic-closed = Центр зачинено
desk-report-topic-other = Інше
desk-report-beside = Повідомлення, з якого ви виправляєте картку
desk-report-beside-hint = Збережіть виправлене поле: дата перевірки картки оновиться, а повідомлення закриється як виправлене.
desk-report-closed-already = Це повідомлення вже закрито.

## Coordinators and invitations
desk-coordinators-title = Координатори
desk-back-to-centre = ← до сторінки центру
desk-coordinators-none = У цього центру немає координаторів у боті.
desk-coordinators-channel = Канал
desk-coordinators-who = Ідентифікатор (прихований)
desk-coordinators-since = Координатор від
desk-coordinators-last-seen = Востаннє в боті
desk-coordinators-never = ще не писав(-ла) боту
desk-coordinators-revoke = Відкликати
desk-invite-title = Запросити координатора
desk-invite-valid = Діє
desk-invite-24h = 24 години
desk-invite-72h = 3 дні
desk-invite-7d = 7 днів
desk-invite-button = Створити запрошення
desk-invite-made = Запрошення створено
desk-invite-once = Покажіть цей код або надішліть посилання людині, яка стане координатором. Воно спрацює один раз і діє до
desk-invite-terminal = Або надішліть боту текст:
desk-links-not-configured = Посилання на бота не налаштовано: задайте TELEGRAM_BOT_USERNAME і/або VIBER_CHAT_URI.
desk-invitations-title = Запрошення
desk-invitations-none = Запрошень ще не було.
desk-invitations-made = Створено
desk-invitations-until = Діє до
desk-invitations-state = Стан
desk-invitations-cli = з командного рядка
desk-invitations-used = використано
desk-invitations-expired = термін минув
desk-invitations-pending = чекає

## Poster
desk-poster-link = Плакат для друку
desk-poster-print = Надрукуйте цю сторінку (A4); ця смужка на папері не з’явиться.
desk-poster-lead = Центр життєстійкості: підтримка, консультації та групи для всіх, хто цього потребує.
desk-poster-scan = Наведіть камеру телефона на код: чат-бот покаже цей центр, його графік і новини.
## groups
desk-groups-title = Групи
desk-groups-none = У цьому центрі зараз немає груп.
desk-groups-programme = Програма
desk-groups-starts = Перше заняття
desk-groups-sessions = Занять
desk-groups-seats = Місць зайнято
desk-groups-waiting = У черзі
desk-groups-signups = Записані
desk-groups-new-seats = Місць
desk-groups-cancel = Скасувати групу…
desk-groups-cancel-yes = Так, скасувати й повідомити всіх
desk-groups-cancel-no = Ні, залишити
desk-groups-new = Нова група
desk-groups-first = Перше заняття (за київським часом)
desk-groups-minutes = Хвилин кожне
desk-groups-capacity = Місць
desk-groups-language = Мова
desk-groups-format = Формат
desk-groups-in-person = наживо
desk-groups-online = онлайн
desk-groups-create = Створити групу
desk-groups-choose = Виберіть програму, мову й формат зі списків.
desk-signups-private = Імена й телефони — лише для роботи центру; кожен перегляд і завантаження записуються.
desk-signups-csv = Завантажити (CSV)
desk-signups-none = Ще ніхто не записався.

## messages
desk-messages-title = Повідомлення підписникам
desk-messages-recipients = { $count } { $count ->
        [one] підписник
        [few] підписники
        [many] підписників
       *[other] підписника
    }
# A count's language beside the total: "3 підписники · українською: 2 · англійською: 1"; then a preview's heading.
desk-messages-in-language = { $code ->
        [uk] українською
       *[other] англійською
    }
desk-messages-preview-in = { $code ->
        [uk] Українською
       *[other] Англійською
    }
desk-messages-preview = Як це побачать підписники
desk-messages-new = Нове повідомлення
desk-messages-kind-message = Повідомлення
desk-messages-kind-schedule = Розклад на тиждень
desk-messages-at = Надіслати о (за київським часом; порожньо — зараз)
desk-messages-preview-button = Переглянути
desk-messages-send = Надіслати
desk-messages-list = Повідомлення
desk-messages-none = Повідомлень ще не було.
desk-messages-what = Що
desk-messages-when = Коли
desk-messages-status = Стан
desk-messages-delivered = Доставлено
desk-messages-blocked = Заблокували
desk-messages-failed = Не вдалося
desk-messages-waiting = Чекають
desk-messages-cancel = Скасувати
desk-messages-status-scheduled = заплановано
desk-messages-status-sending = надсилається
desk-messages-status-done = надіслано
desk-messages-status-cancelled = скасовано
## Statistics
desk-nav-statistics = Статистика
desk-stats-title = Статистика
desk-stats-weeks = { $count ->
        [one] Останній { $count } повний тиждень; поточний тиждень не показано.
        [few] Останні { $count } повні тижні; поточний тиждень не показано.
       *[many] Останні { $count } повних тижнів; поточний тиждень не показано.
    }
desk-stats-suppressed = Числа, менші за { $count }, не показано.
desk-stats-checkins = Самопочуття (анонімна перевірка WHO-5)
desk-stats-chart = Середній бал WHO-5 і частка балів до 50 по всій Україні, за тижнями
desk-stats-chart-note = По всій Україні. Прихований тиждень — розрив у лінії.
desk-stats-none = За ці тижні відповідей немає.
desk-stats-week = Тиждень
desk-stats-area = Територія
desk-stats-count = Відповідей
desk-stats-mean = Середній бал (0–100)
desk-stats-low = Частка балів до 50
desk-stats-all = Уся Україна
desk-stats-not-shared = Область не вказано
desk-usage-title = Користування ботом
desk-usage-about = Анонімні лічильники за тиждень: без людей, місць і часу, точнішого за тиждень.
desk-usage-searches = Пошуки центрів
desk-usage-cards = Відкриті картки центрів
desk-usage-signups = Записи до груп
desk-usage-subscriptions = Нові підписки

## Coverage
desk-nav-coverage = Де бракує центрів
desk-coverage-title = Де бракує центрів
desk-coverage-about = Пошуки, для яких найближчий центр далі ніж за { $count } км, — за тижнем і громадою, звідки шукали (громада найближчого населеного пункту; саму точку не зберігаємо).
desk-coverage-csv = Завантажити CSV
desk-coverage-none = Поки немає жодної громади, яку можна показати.
desk-coverage-searches = Пошуків
desk-coverage-hidden = { $count ->
        [one] Не показано { $count } клітинку з меншою кількістю пошуків.
        [few] Не показано { $count } клітинки з меншою кількістю пошуків.
       *[many] Не показано { $count } клітинок із меншою кількістю пошуків.
    }
## A centre: the card as the bot shows it
desk-card-title = Картка центру, як її показує бот
desk-card-uk = Українською
desk-card-en = Англійською

## A centre: the guided hours picker
desk-picker-title = Графік по днях
desk-picker-explain = Для кожного дня вкажіть, з котрої до котрої години центр відчинено; залиште обидва поля порожніми, якщо в цей день зачинено.
desk-picker-from = відчиняється
desk-picker-to = зачиняється
desk-picker-refused = Графік не прийнято: у дні «{ $reason }» потрібні обидва часи (ГГ:ХХ) або жодного.

## Import: the command line's options
desk-import-replace = Вилучити центри, яких немає у файлі
desk-import-keep-missing = Центри, яких немає у файлі, залишаються
desk-import-overwrite = Замінити зміни координаторів даними з файлу
desk-import-keep-edits = Зміни координаторів залишаються
desk-import-removed = Центри, яких немає у файлі (буде вилучено)

## Export: open data
desk-export-hsds = Завантажити послуги (HSDS 3.0, JSON)
desk-export-geojson = Завантажити центри (GeoJSON)
desk-export-no-open-data = Відкриті дані не налаштовано на цьому сервері (див. OPEN_DATA_* у README).

## Import: problems of a refused file, in the reader's language (keys from src/csv_table and src/directory/problems.rs)
desk-import-line = рядок { $line }: { $problem }
desk-import-sheet-row = рядок аркуша { $line }: { $problem }
desk-import-unknown-format = { $reason }: файл центрів має бути .csv або .xlsx
import-problem-text = { $text }
import-problem-not-utf8 = файл не в кодуванні UTF-8 (мабуть, Windows-1251 — так Excel зберігає в Україні за замовчуванням): в Excel виберіть «Зберегти як» → «CSV UTF-8 (розділювач — кома)» або збережіть аркуш як .xlsx і імпортуйте його
import-problem-unreadable-row = рядок не вдалося прочитати ({ $detail })
import-problem-unreadable = файл не вдалося прочитати ({ $detail })
import-problem-empty = файл порожній: у ньому немає рядка заголовків
import-problem-workbook = не вдалося відкрити книгу (чи це файл .xlsx?) ({ $detail })
import-problem-no-sheet = у книзі немає жодного аркуша
import-problem-sheet = не вдалося прочитати перший аркуш ({ $detail })
import-problem-empty-sheet = перший аркуш порожній: у ньому немає рядка заголовків
import-problem-column-twice = стовпець «{ $column }» трапляється двічі
import-problem-unknown-column = невідомий стовпець «{ $column }»
import-problem-missing-column = немає обов’язкового стовпця «{ $column }»
import-problem-field-count = очікувалося полів: { $expected }, а є: { $found }
import-problem-no-rows = у файлі немає жодного рядка з даними
import-problem-duplicate-id = id «{ $id }» повторюється (уперше — у рядку { $first })
import-problem-duplicate-derived-id = id «{ $id }» (утворений з області, громади й назви) повторюється (уперше — у рядку { $first })
import-problem-no-name = не заповнено обов’язкове поле name_uk
import-problem-location-source = невідоме значення location_source «{ $raw }»: одне з given, settlement, hromada, geocoder, coordinator
import-problem-id = id «{ $raw }»: id центру — від 1 до 40 символів: латинські літери, цифри, «-» або «_»
import-problem-not-a-number = { $field } «{ $raw }» — не число
import-problem-half-a-location = lat і lon заповнюють разом: обидва або жодного
import-problem-outside-ukraine = точка { $lat }, { $lon } поза межами України (широта { $min_lat }–{ $max_lat }, довгота { $min_lon }–{ $max_lon })
import-problem-phone = телефон «{ $raw }»: номер має бути український: +380 і 9 цифр або 0 і 9 цифр
import-problem-email = email «{ $raw }» — не адреса електронної пошти
import-problem-website = website «{ $raw }» — не вебадреса (як-от https://example.org чи example.org)
import-problem-opening-hours = графік «{ $raw }» не вдалося зрозуміти: напишіть його, наприклад, як «пн–пт 9:00–18:00, перерва 13:00–14:00» або як в OpenStreetMap: «Mo-Fr 09:00-18:00»
import-problem-too-long = { $field } довше за { $max } символів
import-problem-service = невідома послуга в services ({ $detail })
import-problem-date = verified_on «{ $raw }» — не дата на кшталт 2025-05-23
import-problem-future-date = verified_on { $raw } — дата в майбутньому
import-problem-flag = sample «{ $raw }» має бути true або false
import-problem-not-editable = поле { $field } тут змінити не можна
import-problem-nothing-to-go-by = немає lat/lon, а також населеного пункту чи громади, за якими можна розташувати центр
import-problem-no-oblast = немає lat/lon і не вказано області, де шукати «{ $raw }»
import-problem-unknown-oblast = невідома область «{ $raw }»
import-problem-unknown-oblast-closest = невідома область «{ $raw }» (найближчі: { $closest })
import-problem-no-hromada = центр не вдалося розташувати: громади «{ $raw }» немає в { $oblast }
import-problem-no-hromada-closest = центр не вдалося розташувати: громади «{ $raw }» немає в { $oblast } (найближчі: { $closest })
import-problem-no-settlement = центр не вдалося розташувати: населеного пункту «{ $raw }» немає в { $oblast }
import-problem-no-settlement-closest = центр не вдалося розташувати: населеного пункту «{ $raw }» немає в { $oblast } (найближчі: { $closest })
import-problem-ambiguous = центр не вдалося розташувати: у { $oblast } кілька населених пунктів «{ $raw }»; вкажіть громаду

## Import: the geocoder (when serve has GEOCODER_URL)
desk-import-geocode = Знайти координати за адресою для рядків без lat/lon (геокодер)
desk-import-geocoding = Геокодер: запитів — { $asked }, з кешу — { $cached }, розташовано за адресою — { $used }, не використано — { $unused } (там лишається розташування за населеним пунктом).
desk-import-geocoder-stopped = Решту рядків геокодеру не надсилали: він не відповідав.
