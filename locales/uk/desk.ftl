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
desk-not-found = Такої сторінки немає.
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
desk-centre-coordinators = Координатори: { $count }
desk-centre-subscribers = Підписники: { $count }
desk-centre-history = Історія змін
desk-centre-history-none = Змін ще не було.

## Audit log
desk-audit-title = Журнал змін
desk-audit-when = Коли
desk-audit-who = Хто
desk-audit-what = Що
desk-audit-old = Було
desk-audit-new = Стало
desk-audit-none = Змін через пульт ще не було.

## Editing a centre
desk-edit-title = Змінити дані центру
desk-edit-save = Зберегти
desk-edit-refused = Значення не прийнято: { $reason }

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
