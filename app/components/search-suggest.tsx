// Search box with suggestions as you type: an ARIA 1.2 combobox over
// GET /api/v1/search/suggest. Debounced; arrow keys move through the list, Enter picks, Escape
// closes. Without JavaScript it is a plain GET form, so the search state always lives in the URL.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, useNavigate } from "react-router";

type Suggestion = { text: string; kind: "term" | "result" | "need"; id?: string };

export function SearchSuggest({
  action = "/search",
  name = "q",
  defaultValue = "",
  label,
  placeholder,
  hiddenFields = {},
  debounceMs = 200,
}: {
  /** where the form goes (a GET form: /search, /results or /needs) */
  action?: string;
  name?: string;
  defaultValue?: string;
  label?: string;
  placeholder?: string;
  /** other query parameters to keep (e.g. the current filters) */
  hiddenFields?: Record<string, string>;
  debounceMs?: number;
}) {
  const { t } = useTranslation("search");
  const navigate = useNavigate();
  const baseId = useId();
  const inputId = `${baseId}-input`;
  const listId = `${baseId}-list`;
  const hintId = `${baseId}-hint`;
  const [value, setValue] = useState(defaultValue);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const abort = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => setValue(defaultValue), [defaultValue]);
  useEffect(
    () => () => {
      abort.current?.abort();
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function fetchSuggestions(q: string) {
    if (timer.current) clearTimeout(timer.current);
    abort.current?.abort();
    const trimmed = q.trim();
    if (!trimmed) {
      setItems([]);
      setOpen(false);
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      abort.current = controller;
      try {
        const res = await fetch(`/api/v1/search/suggest?q=${encodeURIComponent(trimmed.slice(0, 100))}&limit=8`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (!res.ok) return;
        const body = (await res.json()) as { items: Suggestion[] };
        setItems(body.items);
        setActive(-1);
        setOpen(body.items.length > 0);
      } catch {
        // aborted or offline: keep the plain form
      }
    }, debounceMs);
  }

  function choose(s: Suggestion) {
    setOpen(false);
    if (s.kind === "term" || !s.id) {
      setValue(s.text);
      const params = new URLSearchParams({ ...hiddenFields, [name]: s.text });
      navigate(`${action}?${params.toString()}`);
    } else {
      navigate(`/${s.kind === "result" ? "results" : "needs"}/${s.id}`);
    }
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open && items.length) setOpen(true);
      setActive((i) => (items.length ? (i + 1) % items.length : -1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (items.length ? (i <= 0 ? items.length - 1 : i - 1) : -1));
    } else if (e.key === "Enter" && open && active >= 0 && items[active]) {
      e.preventDefault();
      choose(items[active]!);
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  }

  const kindLabel = (k: Suggestion["kind"]) =>
    k === "term" ? t("suggest.term") : k === "result" ? t("suggest.result") : t("suggest.need");

  return (
    <Form method="get" action={action} role="search" className="relative flex flex-wrap items-end gap-2">
      {Object.entries(hiddenFields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="relative min-w-0 flex-1">
        <label htmlFor={inputId} className="block text-sm">
          {label ?? t("suggest.label")}
        </label>
        <input
          id={inputId}
          name={name}
          type="search"
          className="input w-full"
          value={value}
          placeholder={placeholder ?? t("suggest.placeholder")}
          autoComplete="off"
          maxLength={200}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={hintId}
          onChange={(e) => {
            setValue(e.target.value);
            fetchSuggestions(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onFocus={() => items.length && value.trim() && setOpen(true)}
          data-testid="search-suggest-input"
        />
        <p id={hintId} className="sr-only">
          {t("suggest.instructions")}
        </p>
        <ul
          id={listId}
          role="listbox"
          aria-label={t("suggest.listLabel")}
          hidden={!open}
          className="absolute left-0 right-0 z-20 mt-1 max-h-80 overflow-auto rounded-md border border-slate-300 bg-white py-1 shadow-lg"
          data-testid="search-suggest-list"
        >
          {items.map((s, i) => (
            <li
              key={`${s.kind}-${s.id ?? s.text}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 text-sm ${i === active ? "bg-brand-50 text-brand-900" : "text-slate-900"}`}
              onMouseDown={(e) => {
                e.preventDefault(); // keep focus until chosen
                choose(s);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="min-w-0 truncate">{s.text}</span>
              <span className="shrink-0 text-xs text-slate-600">{kindLabel(s.kind)}</span>
            </li>
          ))}
        </ul>
        <p className="sr-only" role="status" aria-live="polite">
          {open ? t("suggest.count", { count: items.length }) : ""}
        </p>
      </div>
      <button type="submit" className="btn-primary">
        {t("suggest.submit")}
      </button>
    </Form>
  );
}
