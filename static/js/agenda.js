// The delegate's agenda, as progressive enhancement: every time on the page is already right in the meeting's time
// zone, and every link works without this file. It adds what depends on the moment or on this browser:
//   - "now / next" and "today", computed here from the sessions' data-starts/data-ends (so the cached page, which
//     only changes with the content, never shows a stale "now");
//   - stars ("my agenda") kept in localStorage, with an .ics download and a webcal:// subscription of the starred
//     sessions (the server's agenda.ics?sessions=…);
//   - a switch to the viewer's own time zone.
// The clock is Date.now(), so a test can freeze it (Playwright's page.clock).
(() => {
  "use strict";

  const root = document.documentElement;
  const language = root.lang || "en";

  // One time format per language (docs/typography.md): 24-hour "10:00"; French "10 h 00".
  function formatTime(date, timeZone) {
    const parts = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone,
    }).formatToParts(date);
    const hour = parts.find((part) => part.type === "hour").value;
    const minute = parts.find((part) => part.type === "minute").value;
    return language === "fr" ? `${hour}\u00a0h\u00a0${minute}` : `${hour}:${minute}`;
  }

  function dayIn(date, timeZone) {
    // "YYYY-MM-DD" of `date` in `timeZone`.
    return new Intl.DateTimeFormat("en-CA", {
      year: "numeric", month: "2-digit", day: "2-digit", timeZone,
    }).format(date);
  }

  function entries(scope) {
    return Array.from(scope.querySelectorAll("[data-starts][data-ends]")).map((element) => ({
      element,
      starts: new Date(element.dataset.starts),
      ends: new Date(element.dataset.ends),
      link: element.querySelector(".session__title a, a"),
      room: element.querySelector(".session__room"),
    }));
  }

  function showNowNext(scope, sessions, timeZone, now) {
    const panel = scope.querySelector("[data-now-next]");
    const current = sessions.filter((s) => s.starts <= now && now < s.ends);
    const upcoming = sessions.filter((s) => s.starts > now);
    const nextStart = upcoming.length ? Math.min(...upcoming.map((s) => s.starts.getTime())) : null;
    const next = upcoming.filter((s) => s.starts.getTime() === nextStart);
    for (const session of sessions) {
      session.element.classList.toggle("is-now", current.includes(session));
      session.element.classList.toggle("is-next", next.includes(session));
    }
    if (!panel) return;
    // "Next" only while the meeting is on: within a day of its next session.
    const soon = nextStart !== null && nextStart - now.getTime() < 24 * 3600 * 1000;
    const fill = (line, list) => {
      const target = line.querySelector("[data-sessions]");
      target.replaceChildren();
      list.forEach((session, index) => {
        if (index) target.append("; ");
        const link = document.createElement("a");
        link.href = session.link.href;
        link.textContent = session.link.textContent.trim();
        const when = document.createElement("span");
        when.className = "meta";
        when.dir = "ltr";
        when.textContent = ` ${formatTime(session.starts, timeZone)}–${formatTime(session.ends, timeZone)}`;
        target.append(link, " ", when);
        if (session.room) target.append(` · ${session.room.textContent.trim()}`);
      });
      line.hidden = list.length === 0;
    };
    fill(panel.querySelector("[data-now]"), current);
    fill(panel.querySelector("[data-next]"), soon ? next : []);
    panel.hidden = current.length === 0 && !soon;
  }

  function showToday(scope, timeZone, now) {
    const today = dayIn(now, timeZone);
    let todaySection = null;
    for (const section of scope.querySelectorAll("[data-date]")) {
      const isToday = section.dataset.date === today;
      const badge = section.querySelector("[data-today-badge]");
      if (badge) badge.hidden = !isToday;
      if (isToday) todaySection = section;
    }
    const link = scope.querySelector("[data-today-link]");
    if (link && todaySection) {
      link.href = `#${todaySection.getAttribute("aria-labelledby")}`;
      link.parentElement.hidden = false;
    }
  }

  // My agenda: the starred session ids of this meeting, in this browser only.
  function starStore(meeting) {
    const key = `convene:stars:${meeting}`;
    const read = () => {
      try {
        const ids = JSON.parse(window.localStorage.getItem(key) || "[]");
        return Array.isArray(ids) ? ids.filter((id) => /^\d+$/.test(id)) : [];
      } catch (error) {
        return [];
      }
    };
    return {
      read,
      toggle(id) {
        const ids = new Set(read());
        if (ids.has(id)) ids.delete(id); else ids.add(id);
        try {
          window.localStorage.setItem(key, JSON.stringify([...ids].sort((a, b) => a - b)));
        } catch (error) {
          // Private browsing without storage: the star lasts as long as the page.
        }
        return ids.has(id);
      },
    };
  }

  function setUpStars(agenda) {
    const store = starStore(agenda.dataset.meeting);
    const panel = agenda.querySelector("[data-my-agenda]");
    const count = agenda.querySelector("[data-my-agenda-count]");
    const onlyButton = agenda.querySelector("[data-my-agenda-only]");
    const download = agenda.querySelector("[data-my-agenda-ics]");
    const subscribe = agenda.querySelector("[data-my-agenda-subscribe]");
    const empty = agenda.querySelector("[data-my-agenda-empty]");
    let only = false;

    function refresh() {
      const ids = store.read();
      for (const button of agenda.querySelectorAll("[data-star]")) {
        const starred = ids.includes(button.dataset.star);
        button.setAttribute("aria-pressed", String(starred));
        button.closest("[data-session]").classList.toggle("is-starred", starred);
      }
      count.textContent = ids.length
        ? count.dataset.some.replace("{count}", ids.length)
        : count.dataset.none;
      const query = `?sessions=${ids.join(",")}`;
      download.href = agenda.dataset.ics + query;
      subscribe.href = agenda.dataset.subscribe + query;
      download.hidden = subscribe.hidden = ids.length === 0;
      for (const card of agenda.querySelectorAll("[data-session]")) {
        card.hidden = only && !ids.includes(card.dataset.session);
      }
      for (const block of agenda.querySelectorAll(".slot, .agenda-day")) {
        const cards = block.querySelectorAll("[data-session]");
        block.hidden = only && cards.length > 0 && [...cards].every((card) => card.hidden);
      }
      empty.hidden = !(only && ids.length === 0);
    }

    for (const button of agenda.querySelectorAll("[data-star]")) {
      button.hidden = false;
      button.addEventListener("click", () => {
        store.toggle(button.dataset.star);
        refresh();
      });
    }
    onlyButton.addEventListener("click", () => {
      only = !only;
      onlyButton.setAttribute("aria-pressed", String(only));
      refresh();
    });
    window.addEventListener("storage", refresh);
    panel.hidden = false;
    refresh();
  }

  function setUpLocalTimes(agenda, meetingZone) {
    const button = agenda.querySelector("[data-local-times]");
    const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!button || !viewerZone || viewerZone === meetingZone) return;
    agenda.querySelector("[data-viewer-zone]").textContent = `(${viewerZone})`;
    agenda.querySelector("[data-local-times-line]").hidden = false;
    const times = Array.from(agenda.querySelectorAll("time[datetime*='T']"));
    for (const time of times) time.dataset.meetingText = time.textContent;
    button.addEventListener("click", () => {
      const local = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(local));
      for (const time of times) {
        time.textContent = local
          ? formatTime(new Date(time.getAttribute("datetime")), viewerZone)
          : time.dataset.meetingText;
      }
      agenda.classList.toggle("in-viewer-zone", local);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const now = new Date(Date.now());
    const agenda = document.querySelector("[data-agenda]");
    if (agenda) {
      const timeZone = agenda.dataset.timezone;
      // On a wide screen the tools fit beside the programme: open them; on a phone the first session comes first.
      const tools = agenda.querySelector(".agenda-tools");
      if (tools && window.matchMedia("(min-width: 48rem)").matches) tools.open = true;
      showNowNext(agenda, entries(agenda), timeZone, now);
      showToday(agenda, timeZone, now);
      setUpStars(agenda);
      setUpLocalTimes(agenda, timeZone);
    }
    const schedule = document.querySelector("[data-schedule]");
    if (schedule) {
      const timeZone = schedule.dataset.timezone;
      const sessions = entries(schedule.querySelector("[data-schedule-sessions]"));
      showNowNext(schedule, sessions, timeZone, now);
      // "Today": a link to the day's programme while the meeting is on.
      const today = dayIn(now, timeZone);
      const line = schedule.querySelector("[data-today-programme]");
      if (line && sessions.some((session) => dayIn(session.starts, timeZone) === today)) {
        const link = line.querySelector("a");
        link.href = `${link.getAttribute("href")}${today}`;
        line.hidden = false;
      }
    }
  });
})();
